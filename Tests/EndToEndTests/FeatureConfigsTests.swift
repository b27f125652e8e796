import Foundation
import Testing

/// configs/features/ runs: each config through the built binary into a temporary folder, every run completed (none
/// diverged or failed), each run's training loss lower at its last logged epoch than at epoch 0, and as many runs
/// as its sweep makes. Run folders are found by searching (their layout is the runner's business).
@Suite struct FeatureConfigsTests {
    static let folder = SproutBinary.packageRoot.appendingPathComponent("configs/features")

    /// Runs per config, counted by hand from each file's sweep list (1 without a sweep).
    static let expectedRuns = [
        "activations.yaml": 10, "checkpoints.yaml": 6, "csv-options.yaml": 1, "extends.yaml": 1, "graph.yaml": 1, "idx-conv.yaml": 1, "idx-digits.yaml": 1, "images.yaml": 1,
        "initializers.yaml": 20, "optimizers.yaml": 7, "regression.yaml": 3, "schedules.yaml": 6,
        "test-file.yaml": 1, "test-split.yaml": 1,
    ]

    @Test func theTableNamesEveryFeatureConfig() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter { $0.hasSuffix(".yaml") }
        #expect(Set(files) == Set(Self.expectedRuns.keys), "update expectedRuns for configs/features/")
    }

    @Test(arguments: expectedRuns.keys.sorted())
    func everyRunCompletesAndLearns(file: String) throws {
        let scratch = try TemporaryDirectory()
        let runs = scratch.url.appendingPathComponent("runs")
        let result = try SproutBinary.run(["run", Self.folder.appendingPathComponent(file).path,
                                           "--out", runs.path, "--quiet"], timeout: 120)
        #expect(result.status == 0, "\(file): \(result.stderr)")
        let records = Self.files(named: "run.json", under: runs)
        #expect(records.count == Self.expectedRuns[file], "\(file): \(records.map(\.path))")
        for record in records {
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: record)) as? [String: Any]
            #expect(json?["status"] as? String == "completed", "\(record.path): \(json ?? [:])")
            let metrics = try MetricsTable(path: record.deletingLastPathComponent().appendingPathComponent("metrics.csv").path)
            #expect(metrics.column("epoch").first == 0, "\(record.path)")
            let loss = metrics.column("train_loss")
            let first = try #require(loss.first), last = try #require(loss.last)
            #expect(loss.count >= 2 && last.isFinite && last < first, "\(record.path): train_loss \(loss)")
        }
    }

    /// Every file called `name` below `folder`, at any depth.
    static func files(named name: String, under folder: URL) -> [URL] {
        guard let walk = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return [] }
        return walk.compactMap { $0 as? URL }.filter { $0.lastPathComponent == name }
    }
}
