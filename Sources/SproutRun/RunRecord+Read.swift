import Foundation

/// Reading run.json back: the inverse of `RunRecord.json`, so that the batch runner can rewrite a record its worker
/// could not finish (a killed process) without losing a field. Tolerant of fields an older Sprout did not write
/// (they take their "unknown" value), strict about the file being a run record.
extension RunRecord {
    /// `<directory>/run.json`, or nil when there is none. Throws `RunError.cannotRead` when it exists but is not a
    /// run record (unreadable, not JSON, no known status).
    static func read(directory: String) throws -> RunRecord? {
        let path = (directory as NSString).appendingPathComponent("run.json")
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RunError.cannotRead(path: path, reason: "it cannot be read")
        }
        guard let object = try? JSONSerialization.jsonObject(with: data), let json = object as? [String: Any],
              let status = (json["status"] as? String).flatMap(Status.init(rawValue:)) else {
            throw RunError.cannotRead(path: path, reason: "it is not a run record (JSON with a known \"status\")")
        }
        func int(_ value: Any?) -> Int? { (value as? NSNumber)?.intValue }
        let inputs = json["inputs"] as? [String: Any] ?? [:]
        let files = (inputs["files"] as? [String: String] ?? [:]).sorted { $0.key < $1.key }.map { (path: $0.key, hash: $0.value) }
        let fingerprint = RunFingerprint(version: inputs["sprout_version"] as? String ?? "", config: inputs["config"] as? String ?? "",
                                         files: files, log: inputs["log"] as? String ?? "")
        var record = RunRecord(status: status, name: json["name"] as? String ?? "", config: json["config"] as? String ?? "",
                               started: (json["started"] as? String).flatMap(date) ?? Date(timeIntervalSince1970: 0),
                               seed: (json["seed"] as? NSNumber)?.uint64Value ?? 0,
                               version: json["sprout_version"] as? String ?? "", fingerprint: fingerprint,
                               epochs: int(json["epochs"]) ?? 0)
        record.recordedDigest = json["fingerprint"] as? String
        record.error = json["error"] as? String
        record.ended = (json["ended"] as? String).flatMap(date)
        record.pid = int(json["pid"]).map { Int32(truncatingIfNeeded: $0) } ?? 0
        record.epochsCompleted = int(json["epochs_completed"]) ?? 0
        record.steps = int(json["steps"]) ?? 0
        record.stoppedEarlyAt = int(json["stopped_early_at"])
        if let diverged = json["diverged_at"] as? [String: Any], let epoch = int(diverged["epoch"]), let step = int(diverged["step"]) {
            record.divergedAt = (epoch, step)
        }
        record.interruptedBy = json["interrupted_by"] as? String
        record.classNames = json["class_names"] as? [String]
        if let final = json["final"] as? [String: Any], let epoch = int(final["epoch"]) {
            // run.json keeps these five of metrics.csv's columns; the others are not written back.
            record.final = MetricsRow(epoch: epoch, step: record.steps, learningRate: 0,
                                      trainLoss: number(final["train_loss"]) ?? .nan,
                                      trainAccuracy: number(final["train_accuracy"]), validationLoss: number(final["val_loss"]),
                                      validationAccuracy: number(final["val_accuracy"]), gradientNorm: nil, seconds: 0)
        }
        return record
    }

    /// A JSON number, or the strings "nan", "inf", "-inf" that `json` writes for non-finite values.
    private static func number(_ value: Any?) -> Double? {
        if let number = value as? NSNumber { return number.doubleValue }
        switch value as? String {
        case "nan": return .nan
        case "inf": return .infinity
        case "-inf": return -.infinity
        default: return nil
        }
    }

    private static func date(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }
}
