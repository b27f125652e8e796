import Foundation
import Testing
@testable import SproutRuns

/// run.json read back as written, and as an older Sprout wrote it.
@Suite struct RunRecordTests {
    static func folder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sprout-record-\(UUID())").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Every field survives a write and a read, a diverged loss (NaN, written as the string "nan") included.
    @Test func aRecordReadsBackAsWritten() throws {
        let directory = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var record = PlannedRuns.record(.diverged)
        record.started = Date(timeIntervalSince1970: 1_700_000_000.125)
        record.ended = Date(timeIntervalSince1970: 1_700_000_003.5)
        record.inputs = RunFingerprint(version: "0.1.0", config: "c", files: [("b.csv", "2"), ("a.csv", "1")], log: "l")
        record.digest = record.inputs.digest
        record.divergedAt = RunRecord.Position(epoch: 3, step: 40)
        record.final = RunRecord.FinalMetrics(MetricsRow(epoch: 3, step: 40, learningRate: 0.1, trainLoss: .nan,
                                                         trainAccuracy: 0.34956453541460974, validationLoss: nil,
                                                         validationAccuracy: nil, gradientNorm: nil, seconds: 1))
        record.classNames = ["apple", "lemon"]
        record.blasThreads = 2
        try record.write(to: directory + "/run.json")
        let text = try String(contentsOfFile: directory + "/run.json", encoding: .utf8)
        #expect(text.contains(#""train_loss" : "nan""#))
        #expect(text.contains(#""started" : "2023-11-14T22:13:20.125Z""#))
        let read = try #require(try RunRecord.read(directory: directory))
        #expect(read.final?.trainLoss.isNaN == true)
        var comparable = read
        comparable.final?.trainLoss = 0
        var expected = record
        expected.final?.trainLoss = 0
        expected.inputs.files.sort { $0.path < $1.path }
        #expect(comparable == expected)
        #expect(read.seconds == 3.375)
    }

    /// A run.json as Sprout 0.1.0 wrote it before this type (hand-written JSON, no config_file, no blas_threads):
    /// every field it has is read, the others take their unknown value.
    @Test func anOlderRecordIsRead() throws {
        let directory = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try """
            {
              "status": "interrupted",
              "error": null,
              "name": "xor",
              "config": "configs/xor.yaml",
              "started": "2026-11-29T14:28:21.479Z",
              "ended": "2026-11-29T14:28:22.000Z",
              "seed": 1,
              "sprout_version": "0.1.0",
              "fingerprint": "51d4",
              "inputs": {"sprout_version": "0.1.0", "config": "9c0e", "files": {"data/x.csv": "ab"}, "log": "4f2d"},
              "pid": 48213,
              "epochs": 100,
              "epochs_completed": 7,
              "steps": 91,
              "stopped_early_at": null,
              "diverged_at": null,
              "interrupted_by": "SIGINT",
              "final": {"epoch": 7, "train_loss": 0.25, "train_accuracy": 1, "val_loss": null, "val_accuracy": null}
            }
            """.write(toFile: directory + "/run.json", atomically: true, encoding: .utf8)
        let read = try #require(try RunRecord.read(directory: directory))
        #expect(read.status == .interrupted && read.interruptedBy == "SIGINT" && read.configFile == nil)
        #expect(read.digest == "51d4" && read.inputs.files.map(\.path) == ["data/x.csv"] && read.inputs.config == "9c0e")
        #expect(read.pid == 48213 && read.epochsCompleted == 7 && read.steps == 91 && read.blasThreads == nil)
        #expect(read.final?.trainLoss == 0.25 && read.final?.trainAccuracy == 1 && read.final?.validationLoss == nil)
        #expect(abs((read.seconds ?? 0) - 0.521) < 1e-6)
    }

    /// Not a run record: not JSON, or no known status.
    @Test(arguments: ["not json", #"{"status": "paused"}"#, #"{"name": "x"}"#])
    func aFileThatIsNotARecordIsRefused(_ text: String) throws {
        let directory = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try text.write(toFile: directory + "/run.json", atomically: true, encoding: .utf8)
        #expect(throws: RunError.self) { try RunRecord.read(directory: directory) }
    }

    /// A run.json larger than the limit is refused by its size, before any of it is read (a 200 MB file would
    /// otherwise be read whole to find it is not a record).
    @Test func anOversizedRecordIsRefusedUnread() throws {
        let directory = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/run.json"
        #expect(FileManager.default.createFile(atPath: path, contents: Data("{\"status\": \"running\"".utf8)))
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: 200 * 1024 * 1024)  // sparse: no disk used
        try handle.close()
        do {
            _ = try RunRecord.read(directory: directory)
            Issue.record("a 200 MB run.json was read")
        } catch {
            #expect("\(error)" == "cannot read \(path): it holds 209715200 bytes, more than a run record's limit of 64 MiB")
        }
    }
}
