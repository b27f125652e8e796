import Foundation

/// A run directory's run.json as the batch runner, `sprout status` and the summaries see it.
public struct RecordedRun: Sendable {
    let record: RunRecord

    /// `running`, `completed`, `diverged`, `failed` or `interrupted`.
    public var status: String { record.status.rawValue }
    public var error: String? { record.error }
    /// The config file as it was given to `sprout run`.
    public var config: String { record.config }
    /// The config file's absolute path (nil in a run.json from before it was recorded).
    public var configFile: String? { record.configFile }
    /// The fingerprint's digest as run.json states it.
    public var fingerprint: String { record.recordedDigest ?? record.fingerprint.digest }
    public var pid: Int32 { record.pid }
    public var epochs: Int { record.epochs }
    public var epochsCompleted: Int { record.epochsCompleted }
    public var stoppedEarlyAt: Int? { record.stoppedEarlyAt }
    public var divergedAt: (epoch: Int, step: Int)? { record.divergedAt }
    public var interruptedBy: String? { record.interruptedBy }
    public var trainLoss: Double? { record.final?.trainLoss }
    public var trainAccuracy: Double? { record.final?.trainAccuracy }
    public var validationLoss: Double? { record.final?.validationLoss }
    public var validationAccuracy: Double? { record.final?.validationAccuracy }
    /// Seconds from start to end, once the run has ended.
    public var seconds: Double? { record.ended.map { $0.timeIntervalSince(record.started) } }

    /// `<directory>/run.json`: nil when there is none; throws `RunError.cannotRead` when it is not a run record.
    public static func read(directory: String) throws -> RecordedRun? {
        try RunRecord.read(directory: directory).map(RecordedRun.init)
    }

    /// What differs between this record's inputs and `current`, in words (empty: nothing that counts).
    public func changes(comparedWith current: RunFingerprint) -> [String] {
        let old = record.fingerprint
        var changes: [String] = []
        if old.version != current.version {
            changes.append(old.version.isEmpty ? "recorded by an older Sprout" : "Sprout \(old.version) -> \(current.version)")
        }
        if old.config != current.config { changes.append("config changed") }
        let oldFiles = Dictionary(old.files.map { ($0.path, $0.hash) }, uniquingKeysWith: { a, _ in a })
        for file in current.files where oldFiles[file.path] != file.hash {
            changes.append(oldFiles[file.path] == nil ? "new input \(file.path)" : "\(file.path) changed")
        }
        let currentPaths = Set(current.files.map(\.path))
        for file in old.files where !currentPaths.contains(file.path) { changes.append("no longer reads \(file.path)") }
        if changes.isEmpty && fingerprint != current.digest { changes.append("fingerprint differs") }
        return changes
    }

    /// Whether only the `log` settings differ from `current`.
    public func onlyLogChanged(comparedWith current: RunFingerprint) -> Bool {
        fingerprint == current.digest && record.fingerprint.log != current.log
    }
}

extension RecordedRun {
    /// The batch runner's word for a worker that ended without recording how its run ended (killed, crashed,
    /// trapped): when `<directory>/run.json` is this worker's (`pid`) and still says `running`, it is rewritten
    /// (atomically, every other field kept) as `failed` with `reason` and the time now. Returns the record as it
    /// now stands; nil when the worker never wrote one (it failed before training: the directory is untouched).
    public static func settle(directory: String, worker pid: Int32, reason: String) throws -> RecordedRun? {
        guard var record = try RunRecord.read(directory: directory), record.pid == pid else { return nil }
        if record.status == .running {
            record.status = .failed
            record.error = reason
            record.ended = Date()
            try record.write(to: (directory as NSString).appendingPathComponent("run.json"))
        }
        return RecordedRun(record: record)
    }
}
