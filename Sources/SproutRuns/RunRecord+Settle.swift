import Foundation

extension RunRecord {
    /// The batch's word for a worker that ended without recording how its run ended (killed, crashed, trapped):
    /// when `<directory>/run.json` is this worker's (`pid`) and still says `running`, it is rewritten (atomically,
    /// every other field kept) as `failed` with `reason` and the time now. Returns the record as it now stands; nil
    /// when the worker never wrote one (it failed before training: the directory is untouched).
    package static func settle(directory: String, worker pid: Int32, reason: String) throws -> RunRecord? {
        guard var record = try read(directory: directory), record.pid == pid else { return nil }
        if record.status == .running {
            record.status = .failed
            record.error = reason
            record.ended = Date()
            try record.write(to: (directory as NSString).appendingPathComponent("run.json"))
        }
        return record
    }
}
