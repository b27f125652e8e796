import Foundation
import SproutYAML

/// run.json: what a run directory holds and how the run ended, for people and for the batch runner's up-to-date
/// check. Rewritten atomically (`AtomicFile`) at the start (`running`) and at the end, so it is always valid JSON.
struct RunRecord: Sendable {
    enum Status: String {
        /// Started and not ended: the process is training, or it was killed without a chance to say so.
        case running
        case completed
        /// The loss became NaN or infinite; `divergedAt` says where.
        case diverged
        /// An error ended it; `error` says which.
        case failed
        /// SIGINT or SIGTERM asked it to stop; it stopped after the step in progress.
        case interrupted
    }

    var status: Status
    var error: String?
    var name: String
    /// The config file as given on the command line.
    var config: String
    /// The config file's absolute path: which config this directory belongs to (the batch refuses to let another
    /// config with the same run name write here).
    var configFile: String?
    var started: Date
    var ended: Date?
    var seed: UInt64
    var version: String
    /// What the run was trained from (`RunFingerprint`): run.json's `fingerprint` is its digest, `inputs` its parts.
    var fingerprint: RunFingerprint
    /// The digest a read-back run.json states (its inputs may be incomplete if an older Sprout wrote it).
    var recordedDigest: String?
    /// The process that trains the run (a worker of a batch), so that `sprout status` can tell a run in progress
    /// from one whose process was killed without a chance to record it.
    var pid: Int32 = getpid()
    var epochs: Int
    /// The last epoch that ran to its end, and the optimizer steps taken.
    var epochsCompleted = 0
    var steps = 0
    var stoppedEarlyAt: Int?
    var divergedAt: (epoch: Int, step: Int)?
    var interruptedBy: String?
    /// The last row of metrics.csv.
    var final: MetricsRow?
    /// A CSV's text target: the class names in class-index order (index i is the model's output i).
    var classNames: [String]?

    /// Keys in a fixed order, two-space indentation, numbers as Swift's shortest round-tripping text; a non-finite
    /// number (a diverged loss) becomes a string ("nan", "inf"), since JSON has no such numbers.
    var json: String {
        var fields: [(String, String)] = [
            ("status", JSONString.quoted(status.rawValue)),
            ("error", error.map(JSONString.quoted) ?? "null"),
            ("name", JSONString.quoted(name)),
            ("config", JSONString.quoted(config)),
            ("config_file", configFile.map(JSONString.quoted) ?? "null"),
            ("started", JSONString.quoted(Self.timestamp(started))),
            ("ended", ended.map { JSONString.quoted(Self.timestamp($0)) } ?? "null"),
            ("seed", String(seed)),
            ("sprout_version", JSONString.quoted(version)),
            ("fingerprint", JSONString.quoted(recordedDigest ?? fingerprint.digest)),
            ("inputs", inputsJSON),
            ("pid", String(pid)),
            ("epochs", String(epochs)),
            ("epochs_completed", String(epochsCompleted)),
            ("steps", String(steps)),
            ("stopped_early_at", stoppedEarlyAt.map(String.init) ?? "null"),
            ("diverged_at", divergedAt.map { "{\"epoch\": \($0.epoch), \"step\": \($0.step)}" } ?? "null"),
            ("interrupted_by", interruptedBy.map(JSONString.quoted) ?? "null"),
            ("class_names", classNames.map { "[" + $0.map(JSONString.quoted).joined(separator: ", ") + "]" } ?? "null"),
        ]
        if let final {
            let metrics: [(String, Double?)] = [
                ("epoch", Double(final.epoch)), ("train_loss", final.trainLoss), ("train_accuracy", final.trainAccuracy),
                ("val_loss", final.validationLoss), ("val_accuracy", final.validationAccuracy),
            ]
            let body = metrics.map { key, value in
                "    \(JSONString.quoted(key)): \(value.map(Self.number) ?? "null")"
            }.joined(separator: ",\n")
            fields.append(("final", "{\n\(body)\n  }"))
        } else {
            fields.append(("final", "null"))
        }
        return "{\n" + fields.map { "  \(JSONString.quoted($0.0)): \($0.1)" }.joined(separator: ",\n") + "\n}\n"
    }

    /// `{"sprout_version": ..., "config": hash, "files": {path: hash, ...}, "log": hash}`.
    private var inputsJSON: String {
        let files = fingerprint.files.map { "      \(JSONString.quoted($0.path)): \(JSONString.quoted($0.hash))" }
        return "{\n    \"sprout_version\": \(JSONString.quoted(fingerprint.version)),\n"
            + "    \"config\": \(JSONString.quoted(fingerprint.config)),\n"
            + "    \"files\": " + (files.isEmpty ? "{}" : "{\n" + files.joined(separator: ",\n") + "\n    }") + ",\n"
            + "    \"log\": \(JSONString.quoted(fingerprint.log))\n  }"
    }

    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return value.isFinite ? "\(value)" : JSONString.quoted(MetricsRow.format(value))
    }

    /// UTC, ISO 8601 with milliseconds: `2026-11-29T14:40:03.123Z`.
    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    func write(to path: String) throws { try AtomicFile.write(json, to: path) }
}
