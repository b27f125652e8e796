import Foundation

/// Reading run.json back: the inverse of `RunRecord.json`, so that the batch runner can rewrite a record its worker
/// could not finish (a killed process) without losing a field, and `sprout status`, summary.csv and
/// `sprout summarize` read the same values. Tolerant of fields an older Sprout did not write (they take their
/// "unknown" value), strict about the file being a run record. JSONDecoder, not JSONSerialization: the latter
/// rounds some doubles on Linux (0.34956453541460974 reads back as 0.3495645354146098), and a summary's numbers
/// must be metrics.csv's to the last digit.
extension RunRecord {
    /// `<directory>/run.json`, or nil when there is none. Throws `RunError.cannotRead` when it exists but is not a
    /// run record (unreadable, not JSON, no known status).
    static func read(directory: String) throws -> RunRecord? {
        let path = (directory as NSString).appendingPathComponent("run.json")
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw RunError.cannotRead(path: path, reason: RunError.reason(error))
        }
        guard let file = try? JSONDecoder().decode(File.self, from: data),
              let status = Status(rawValue: file.status) else {
            throw RunError.cannotRead(path: path, reason: "it is not a run record (a JSON object with a known \"status\")")
        }
        let inputs = file.inputs
        let files = (inputs?.files ?? [:]).sorted { $0.key < $1.key }.map { (path: $0.key, hash: $0.value) }
        let fingerprint = RunFingerprint(version: inputs?.sproutVersion ?? "", config: inputs?.config ?? "",
                                         files: files, log: inputs?.log ?? "")
        var record = RunRecord(status: status, name: file.name ?? "", config: file.config ?? "",
                               started: file.started.flatMap(date) ?? Date(timeIntervalSince1970: 0),
                               seed: file.seed ?? 0, version: file.sproutVersion ?? "", fingerprint: fingerprint,
                               epochs: file.epochs ?? 0)
        record.recordedDigest = file.fingerprint
        record.configFile = file.configFile
        record.error = file.error
        record.ended = file.ended.flatMap(date)
        record.pid = file.pid ?? 0
        record.epochsCompleted = file.epochsCompleted ?? 0
        record.steps = file.steps ?? 0
        record.stoppedEarlyAt = file.stoppedEarlyAt
        record.divergedAt = file.divergedAt.map { ($0.epoch, $0.step) }
        record.interruptedBy = file.interruptedBy
        record.classNames = file.classNames
        if let final = file.final {
            // run.json keeps these five of metrics.csv's columns; the others are not written back.
            record.final = MetricsRow(epoch: final.epoch ?? record.epochsCompleted, step: record.steps, learningRate: 0,
                                      trainLoss: final.trainLoss?.value ?? .nan, trainAccuracy: final.trainAccuracy?.value,
                                      validationLoss: final.validationLoss?.value,
                                      validationAccuracy: final.validationAccuracy?.value, gradientNorm: nil, seconds: 0)
        }
        return record
    }

    /// run.json as written by `json`; every field but `status` optional.
    private struct File: Decodable {
        var status: String
        var error: String?
        var name: String?
        var config: String?
        var configFile: String?
        var started: String?
        var ended: String?
        var seed: UInt64?
        var sproutVersion: String?
        var fingerprint: String?
        var inputs: Inputs?
        var pid: Int32?
        var epochs: Int?
        var epochsCompleted: Int?
        var steps: Int?
        var stoppedEarlyAt: Int?
        var divergedAt: Position?
        var interruptedBy: String?
        var classNames: [String]?
        var final: Final?

        struct Inputs: Decodable {
            var sproutVersion: String?
            var config: String?
            var files: [String: String]?
            var log: String?
            enum CodingKeys: String, CodingKey { case sproutVersion = "sprout_version", config, files, log }
        }

        struct Position: Decodable {
            var epoch: Int
            var step: Int
        }

        struct Final: Decodable {
            var epoch: Int?
            var trainLoss: Number?
            var trainAccuracy: Number?
            var validationLoss: Number?
            var validationAccuracy: Number?
            enum CodingKeys: String, CodingKey {
                case epoch, trainLoss = "train_loss", trainAccuracy = "train_accuracy", validationLoss = "val_loss",
                     validationAccuracy = "val_accuracy"
            }
        }

        enum CodingKeys: String, CodingKey {
            case status, error, name, config, started, ended, seed, fingerprint, inputs, pid, epochs, steps, final
            case sproutVersion = "sprout_version", epochsCompleted = "epochs_completed", stoppedEarlyAt = "stopped_early_at"
            case divergedAt = "diverged_at", interruptedBy = "interrupted_by", classNames = "class_names"
            case configFile = "config_file"
        }
    }

    /// A JSON number, or one of the strings "nan", "inf", "-inf" that `json` writes for non-finite values.
    private struct Number: Decodable {
        var value: Double

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Double.self) {
                value = number
                return
            }
            let text = try container.decode(String.self)
            guard ["nan", "inf", "-inf"].contains(text), let number = Double(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a number: \(text)")
            }
            value = number
        }
    }

    private static func date(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }
}
