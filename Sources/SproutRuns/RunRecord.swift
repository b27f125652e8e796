import Foundation

/// run.json: what a run directory holds and how the run ended, for people, for the batch's up-to-date check, for
/// `sprout status`, summary.csv and `sprout summarize`. The one description of the file: written and read back by
/// this type's `Codable` conformance (JSONEncoder and JSONDecoder, below), rewritten atomically (`AtomicFile`) at
/// the start (`running`) and at the end, so it is always valid JSON.
///
/// Reading is tolerant of fields an older Sprout did not write (they take their "unknown" value) and strict about
/// the file being a run record (an object with a known `status`). JSONDecoder, not JSONSerialization: the latter
/// rounds some doubles on Linux (0.34956453541460974 reads back as 0.3495645354146098), and a summary's numbers
/// must be metrics.csv's to the last digit.
package struct RunRecord: Sendable, Equatable {
    package enum Status: String, Codable, Sendable, CaseIterable {
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

    /// Where a diverged run's loss stopped being finite.
    package struct Position: Codable, Sendable, Equatable {
        package var epoch: Int
        package var step: Int

        package init(epoch: Int, step: Int) {
            self.epoch = epoch
            self.step = step
        }
    }

    /// Five of metrics.csv's columns on its last row.
    package struct FinalMetrics: Codable, Sendable, Equatable {
        package var epoch: Int
        package var trainLoss: Double
        package var trainAccuracy: Double?
        package var validationLoss: Double?
        package var validationAccuracy: Double?

        package init(_ row: MetricsRow) {
            epoch = row.epoch
            trainLoss = row.trainLoss
            trainAccuracy = row.trainAccuracy
            validationLoss = row.validationLoss
            validationAccuracy = row.validationAccuracy
        }

        enum CodingKeys: String, CodingKey {
            case epoch, trainLoss = "train_loss", trainAccuracy = "train_accuracy", validationLoss = "val_loss",
                 validationAccuracy = "val_accuracy"
        }

        package init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            epoch = try c.decodeIfPresent(Int.self, forKey: .epoch) ?? 0
            trainLoss = try c.decodeIfPresent(Double.self, forKey: .trainLoss) ?? .nan
            trainAccuracy = try c.decodeIfPresent(Double.self, forKey: .trainAccuracy)
            validationLoss = try c.decodeIfPresent(Double.self, forKey: .validationLoss)
            validationAccuracy = try c.decodeIfPresent(Double.self, forKey: .validationAccuracy)
        }

        /// Every key written, `null` for a value not measured.
        package func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(epoch, forKey: .epoch)
            try c.encode(trainLoss, forKey: .trainLoss)
            try c.encode(trainAccuracy, forKey: .trainAccuracy)
            try c.encode(validationLoss, forKey: .validationLoss)
            try c.encode(validationAccuracy, forKey: .validationAccuracy)
        }
    }

    package var status: Status
    package var error: String?
    package var name: String
    /// The config file as given on the command line.
    package var config: String
    /// The config file's path relative to the project, the folder that holds the output folder (`configs/xor.yaml`
    /// for `runs/`), so that a moved or cloned project keeps its records true: which config this run belongs to (the
    /// batch refuses to let another config with the same run name write here). Absolute in records of Sprout before
    /// the store; nil in older ones.
    package var configFile: String?
    /// The command-line overrides the config was read with, as given (`train.optimizer.lr=0.01`); empty without.
    package var overrides: [String] = []
    package var started: Date
    package var ended: Date?
    package var seed: UInt64
    package var version: String
    /// run.json's `fingerprint`: the digest of `inputs` when this Sprout wrote it; as stated by the file when read
    /// back (an older Sprout's `inputs` may be incomplete).
    package var digest: String
    /// What the run was trained from (`RunFingerprint`): run.json's `inputs`.
    package var inputs: RunFingerprint
    /// The process that trains the run (a worker of a batch), so that `sprout status` can tell a run in progress
    /// from one whose process was killed without a chance to record it.
    package var pid: Int32
    /// OpenBLAS's thread count as the run's process read it back (`train.threads`); nil in older records.
    package var blasThreads: Int?
    /// OpenBLAS's build and the CPU kernel it chose (`OpenBLASBuild`); nil in older records.
    package var openblas: OpenBLASBuild?
    /// The config's git commit and whether the config differed from it, the batch's command line, the host
    /// (`Provenance`); nil in older records. `git` is also nil outside a git repository.
    package var git: Provenance.Git?
    package var command: [String]?
    package var host: String?
    package var epochs: Int
    /// The last epoch that ran to its end, and the optimizer steps taken.
    package var epochsCompleted = 0
    package var steps = 0
    package var stoppedEarlyAt: Int?
    package var divergedAt: Position?
    package var interruptedBy: String?
    /// A CSV's text target: the class names in class-index order (index i is the model's output i).
    package var classNames: [String]?
    /// The last row of metrics.csv.
    package var final: FinalMetrics?
    /// The test split's evaluation after training (`data.test`); nil without a test split, for a run that did not
    /// end completed or diverged, and in older records.
    package var test: Evaluation?
    /// The files the run left, with their sizes and hashes (written when it ends; nil while it runs, and in older
    /// records).
    package var outputs: RunOutputs?
    /// Each time the run was resumed, oldest first; empty for a run trained in one go.
    package var resumes: [Resume] = []
    /// best.safetensors: the epoch whose weights it holds, the metric it follows and that metric's value there; nil
    /// when no best checkpoint is kept.
    package var best: Best?
    /// With restore_best: the epoch whose weights final.safetensors holds (early stopping's best).
    package var restoredBest: Int?
    /// The Slurm array task that trained the run (`sprout run --slurm`); nil for a run of a local batch.
    package var slurm: SlurmTaskRecord?

    /// A record of a run starting now in this process.
    package init(status: Status, name: String, config: String, started: Date, seed: UInt64, version: String,
                 fingerprint: RunFingerprint, epochs: Int) {
        self.status = status
        self.name = name
        self.config = config
        self.started = started
        self.seed = seed
        self.version = version
        digest = fingerprint.digest
        inputs = fingerprint
        pid = getpid()
        self.epochs = epochs
    }

    /// `config` as `configFile` records it: relative to the project, the output folder `out`'s parent.
    package static func projectRelative(_ config: String, out: String) -> String {
        let absolute = URL(fileURLWithPath: config).standardizedFileURL.path
        return RunFingerprint.relativePath(absolute, from: project(of: out))
    }

    /// A recorded `configFile` as an absolute path (an older record's is absolute already).
    package static func configPath(_ recorded: String, out: String) -> String {
        recorded.hasPrefix("/") ? recorded
            : URL(fileURLWithPath: recorded, relativeTo: URL(fileURLWithPath: project(of: out), isDirectory: true))
                .standardizedFileURL.path
    }

    /// The config file that wrote this record when it is another file than `config` and still exists (absolute); nil
    /// for `config`'s own record, a record without `config_file` (older Sprout), or a file gone since (renamed, or
    /// the project moved: its runs are handed over). `out`: the output folder the record is below.
    package func otherConfig(than config: String, out: String) -> String? {
        guard let configFile else { return nil }
        let owner = Self.configPath(configFile, out: out)
        let mine = URL(fileURLWithPath: config).standardizedFileURL.path
        return owner != mine && FileManager.default.fileExists(atPath: owner) ? owner : nil
    }

    /// The project's folder: the one that holds the output folder.
    static func project(of out: String) -> String {
        URL(fileURLWithPath: out).standardizedFileURL.deletingLastPathComponent().path
    }

    /// Seconds from start to end, once the run has ended.
    package var seconds: Double? { ended.map { $0.timeIntervalSince(started) } }

    /// The text of run.json: keys sorted, two-space indentation; a non-finite number (a diverged loss) is a string
    /// ("nan", "inf", "-inf"), since JSON has no such numbers.
    package func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = Self.nonFinite
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Self.timestamp(date))
        }
        return try encoder.encode(self) + Data("\n".utf8)
    }

    /// Atomically (`AtomicFile`); `durable: false` for the record that says `running` (a power loss during a run
    /// loses the run anyway; its worker makes the files durable as the run ends, `RunDirectoryWriter.finish`).
    package func write(to path: String, durable: Bool = true) throws {
        let data: Data
        do { data = try json() } catch { throw RunError.cannotWrite(path: path, reason: "\(error)") }
        try AtomicFile.write(data, to: path, durable: durable)
    }

    /// `<directory>/run.json`, or nil when there is none. Throws `RunError.cannotRead` when it exists but is not a
    /// run record (unreadable, not JSON, no known status).
    package static func read(directory: String) throws -> RunRecord? {
        let path = (directory as NSString).appendingPathComponent("run.json")
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        if let size = FileStamp.of(path)?.size, size > maxBytes {
            throw RunError.cannotRead(path: path, reason: "it holds \(size) bytes, more than a run record's limit of "
                                      + "\(maxBytes / (1024 * 1024)) MiB")
        }
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw RunError.cannotRead(path: path, reason: RunError.reason(error))
        }
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf",
                                                                        nan: "nan")
        guard let record = try? decoder.decode(RunRecord.self, from: data) else {
            throw RunError.cannotRead(path: path, reason: "it is not a run record (a JSON object with a known \"status\")")
        }
        return record
    }

    /// `<directory>/run.json` for a listing (summarize, report): nil with the reason added to `problems` (no such
    /// file, or why it is not a run record), so one unreadable run never hides the others.
    package static func read(directory: String, problems: inout [String]) -> RunRecord? {
        do {
            guard let record = try read(directory: directory) else {
                problems.append("\((directory as NSString).appendingPathComponent("run.json")): no such file")
                return nil
            }
            return record
        } catch {
            problems.append("\(error)")
            return nil
        }
    }

    /// The most bytes a run.json is read with: a record is a few kilobytes (class names make it grow: a million
    /// classes of 16-character names are 18 MB), and a larger file is not read whole into memory just to be refused.
    package static let maxBytes: Int64 = 64 * 1024 * 1024

    private static let nonFinite = JSONEncoder.NonConformingFloatEncodingStrategy.convertToString(
        positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")

    /// UTC, ISO 8601 with milliseconds: `2026-11-29T14:40:03.123Z` (`UTCTimestamp`).
    package static func timestamp(_ date: Date) -> String { UTCTimestamp.string(date) }

    /// A recorded time: `UTCTimestamp`'s form, or any other ISO 8601 time with fractional seconds (an older record).
    static func date(_ text: String) -> Date? {
        if let date = UTCTimestamp.date(text) { return date }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }
}
