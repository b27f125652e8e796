import Foundation
import SproutConfig
@testable import SproutRuns

/// Planned runs for tests that need no files but a spec: one small config, loaded once, renamed per run.
enum PlannedRuns {
    /// A valid config (the xor generator, one dense layer), written to a scratch file and loaded.
    static let spec: ExperimentSpec? = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sprout-planned-\(UUID())")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("planned.yaml").path
        let text = """
            name: planned
            data: {source: xor}
            model: {layers: [{type: dense, units: 2}]}
            train: {loss: cross_entropy, optimizer: {type: sgd, lr: 0.1}, epochs: 1}

            """
        try? text.write(toFile: path, atomically: true, encoding: .utf8)
        return ConfigLoader.load(path: path).spec
    }()

    /// A run named `name` whose config asks for `threads` BLAS threads.
    static func run(_ name: String, threads: Int = 1) throws -> PlannedRun {
        guard var spec else { throw Failure(description: "the test config does not load") }
        spec.train.threads = threads
        return PlannedRun(config: "configs/\(name).yaml", index: 0, spec: spec, name: name, directory: "runs/\(name)", out: "runs",
                          fingerprint: nil, state: .neverRun, problem: nil)
    }

    static func runs(_ names: String...) throws -> [PlannedRun] { try names.map { try run($0) } }

    /// run.json as a worker leaves it, ended with `status`.
    static func record(_ status: RunRecord.Status, error: String? = nil, pid: Int32 = 4242) -> RunRecord {
        var record = RunRecord(status: status, name: "r", config: "configs/r.yaml", started: Date(timeIntervalSince1970: 0),
                               seed: 1, version: "0.1.0",
                               fingerprint: RunFingerprint(version: "0.1.0", config: "c", files: [], log: "l"), epochs: 3)
        record.error = error
        record.pid = pid
        return record
    }

    struct Failure: Error, CustomStringConvertible { var description: String }
}
