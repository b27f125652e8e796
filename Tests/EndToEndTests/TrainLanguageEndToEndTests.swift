import Foundation
import Testing

/// The train language through the binary: a config using every train feature is valid, shows itself stably, and
/// `sprout run` trains it (or refuses it before writing anything when it adds a feature the engine lacks).
@Suite struct TrainLanguageEndToEndTests {
    static let config = """
        name: fancy
        data: {source: xor, samples: 40}
        model:
          layers: [{type: dense, units: 8}, tanh, {type: dense, units: 2}]
        train:
          loss: cross_entropy
          optimizer: {type: adam, lr: 0.003}
          epochs: 30
          schedule: {type: cosine, warmup_epochs: 3, min_lr: 0.0001}
          clip_grad_norm: 1.0
          early_stopping: {metric: train_loss, patience: 5}

        """

    @Test func validateAcceptsTheNewTrainFeatures() throws {
        let scratch = try TemporaryDirectory()
        let file = try scratch.write("fancy.yaml", Self.config)
        let result = try SproutBinary.run(["validate", "--strict", file])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.hasSuffix("validated 1 file: 0 errors, 0 warnings\n"))
    }

    @Test func showIsIdempotentAndWritesEveryDefault() throws {
        let scratch = try TemporaryDirectory()
        let first = try SproutBinary.run(["show", try scratch.write("fancy.yaml", Self.config)])
        #expect(first.status == 0, "\(first.stderr)")
        let lines = first.stdout.split(separator: "\n").map(String.init)
        // By hand: Adam's PyTorch defaults around the given lr; t_max = epochs; early stopping on a loss: mode min,
        // restore_best off (Keras' default); best checkpoints follow early stopping (auto), the state every 60 s.
        for expected in [
            "  optimizer: {type: adam, lr: 0.003, beta1: 0.9, beta2: 0.999, eps: 1e-08, weight_decay: 0.0, amsgrad: false}",
            "  schedule: {type: cosine, warmup_epochs: 3, t_max: 30, min_lr: 0.0001}",
            "  clip_grad_norm: 1.0",
            "  early_stopping: {metric: train_loss, mode: min, patience: 5, min_delta: 0.0, restore_best: false}",
            "  checkpoints: {init: true, final: true, every: 0, best: auto, resume_every: 60.0}",
        ] {
            #expect(lines.contains(expected), "missing: \(expected)")
        }
        let resolved = try scratch.write("resolved.yaml", first.stdout)
        let second = try SproutBinary.run(["show", resolved])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout == first.stdout)
    }

    /// The engine now trains every train feature of the config (adam, cosine with warm-up, clipping, early
    /// stopping).
    @Test func runTrainsTheNewTrainFeatures() throws {
        let scratch = try TemporaryDirectory()
        let file = try scratch.write("fancy.yaml", Self.config)
        let runs = scratch.url.appendingPathComponent("runs")
        let result = try SproutBinary.run(["run", file, "--out", runs.path, "--quiet"], timeout: 120)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("fancy: completed"), "\(result.stdout)")
        #expect(FileManager.default.fileExists(atPath: runs.appendingPathComponent("fancy/metrics.csv").path))
    }

    /// The train features with diagnostics on: layers.csv has a row per logged epoch and executed node.
    @Test func runWritesLayersWithTheTrainFeatures() throws {
        let scratch = try TemporaryDirectory()
        let file = try scratch.write("fancy.yaml", Self.config + "log: {layers: true}\n")
        let runs = scratch.url.appendingPathComponent("runs")
        let result = try SproutBinary.run(["run", file, "--out", runs.path, "--quiet"], timeout: 120)
        #expect(result.status == 0, "\(result.stderr)")
        let metrics = try MetricsTable(path: runs.appendingPathComponent("fancy/metrics.csv").path)
        let layers = try MetricsTable(path: runs.appendingPathComponent("fancy/layers.csv").path)
        let nodes = Set(layers.rows.map { $0[1] }).count
        #expect(nodes > 0 && layers.rows.count == metrics.rows.count * nodes)
    }
}
