import Foundation
import SproutConfig
import Testing
@testable import SproutRuns

/// The worker trains the plan's own spec: every run of every config under configs/ comes back from the order's
/// JSON equal to what the plan loaded (Double settings to the last bit, files' headers and class names included).
@Suite struct WorkerOrderTests {
    static let configs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("configs")

    static func configFiles() -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: configs.path)
        var found: [String] = []
        while let relative = enumerator?.nextObject() as? String {
            if relative.hasSuffix(".yaml") { found.append(configs.appendingPathComponent(relative).path) }
        }
        return found.sorted()
    }

    @Test func everyShippedRunSurvivesTheTrip() throws {
        let files = Self.configFiles()
        #expect(files.count > 20, "configs/ not found at \(Self.configs.path)")
        var runs = 0
        for file in files {
            let loaded = ConfigLoader.load(path: file)
            #expect(!loaded.hasErrors, "\(file)")
            for (index, spec) in loaded.runs.enumerated() {
                let run = PlannedRun(config: file, index: index, spec: spec, name: spec.runPath, directory: "runs", out: "runs",
                                     fingerprint: nil, state: .neverRun, problem: nil,
                                     stamps: [try #require(FileStamp.of(file))])
                let fingerprint = try RunFingerprint.of(spec, configFile: file)
                let order = try WorkerOrder.read(WorkerOrder(run, fingerprint: fingerprint).json())
                #expect(order.spec == spec, "\(file) run \(index)")
                #expect(order.fingerprint == fingerprint && order.fingerprint.digest == fingerprint.digest)
                #expect(order.stamps == run.stamps && order.changedInputs.isEmpty)
                runs += 1
            }
        }
        #expect(runs > 100)
    }

    /// A stamp tells an edited, a rewritten and a removed file from the one stamped.
    @Test func aStampSeesEditsRewritesAndRemovals() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sprout-stamp-\(UUID()).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "a,b\n1,2\n".write(toFile: path, atomically: false, encoding: .utf8)
        let stamp = try #require(FileStamp.of(path))
        #expect(stamp.isCurrent)
        try "a,b\n1,3\n".write(toFile: path, atomically: false, encoding: .utf8)
        #expect(!stamp.isCurrent, "same size, new bytes: the modification time differs")
        let edited = try #require(FileStamp.of(path))
        try "a,b\n1,3\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(!edited.isCurrent, "replaced by rename: another inode")
        try FileManager.default.removeItem(atPath: path)
        #expect(FileStamp.of(path) == nil)
    }
}
