import Foundation

extension RunRecord {
    /// The batch's word for a worker that ended without recording how its run ended (killed, crashed, trapped):
    /// when `<directory>/run.json` is this worker's (`pid`) and still says `running`, it is rewritten (atomically,
    /// every other field kept) as `failed` with `reason` and the time now, and with the progress the run made as
    /// far as its files and the batch know it: `final` is metrics.csv's last complete row (when the file is this run's), `epochs_completed` the
    /// later of that row's epoch and `epochSeen` (the last epoch the worker reported as finished), `steps` the
    /// row's. Returns the record as it now stands; nil when the worker never wrote one (it failed before training:
    /// the directory is untouched).
    package static func settle(directory: String, worker pid: Int32, reason: String,
                               epochSeen: Int? = nil) throws -> RunRecord? {
        guard var record = try read(directory: directory), record.pid == pid else { return nil }
        if record.status == .running {
            record.status = .failed
            record.error = reason
            record.ended = Date()
            let metrics = (directory as NSString).appendingPathComponent("metrics.csv")
            // Only this run's metrics.csv: one older than the record's start is the previous run's, which the worker
            // did not get to replace.
            if let stamp = FileStamp.of(metrics), stamp.modified >= record.started.addingTimeInterval(-0.001),
               let row = MetricsRow.lastRecorded(in: metrics) {
                record.final = FinalMetrics(row)
                record.steps = max(record.steps, row.step)
                if row.trainLoss.isFinite { record.epochsCompleted = max(record.epochsCompleted, row.epoch) }
            }
            record.epochsCompleted = max(record.epochsCompleted, epochSeen ?? 0)
            try record.write(to: (directory as NSString).appendingPathComponent("run.json"))
        }
        return record
    }
}
