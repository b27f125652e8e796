import Foundation
import Testing

/// The data settings through the built binary: a validation split fills the validation columns, and a run without
/// shuffling is still deterministic.
@Suite struct DataSettingsTests {
    @Test func validationSplitFillsTheValidationColumns() throws {
        let scratch = try TemporaryDirectory()
        let file = try scratch.write("split.yaml", """
            name: split
            data: {source: spirals, samples: 200, validation: 0.25, normalize: standardize}
            model: {layers: [{type: dense, units: 8}, tanh, {type: dense, units: 2}]}
            train: {loss: cross_entropy, optimizer: {type: sgd, lr: 0.1, momentum: 0.9}, epochs: 3, batch_size: 20}

            """)
        let runs = scratch.url.appendingPathComponent("runs").path
        let result = try SproutBinary.run(["run", file, "--out", runs, "--quiet"], timeout: 120)
        #expect(result.status == 0, "\(result.stderr)")
        let table = try MetricsTable(path: runs + "/split/metrics.csv")
        #expect(table.column("epoch") == [0, 1, 2, 3])
        // 200 points, a quarter held out: 50 validate and 150 train, so the accuracies are multiples of 1/50 and
        // 1/150, and the 150 training examples make ceil(150 / 20) = 8 steps an epoch.
        for accuracy in table.column("val_accuracy") {
            #expect(abs(accuracy * 50 - (accuracy * 50).rounded()) < 1e-9, "\(accuracy)")
        }
        for accuracy in table.column("train_accuracy") {
            #expect(abs(accuracy * 150 - (accuracy * 150).rounded()) < 1e-9, "\(accuracy)")
        }
        #expect(table.column("val_loss").allSatisfy { $0.isFinite })
        #expect(table.column("step") == [0, 8, 16, 24])
    }

    @Test func noShuffleIsStillDeterministic() throws {
        let scratch = try TemporaryDirectory()
        let config = """
            name: fixed
            data: {source: xor, samples: 40, shuffle: false}
            model: {layers: [{type: dense, units: 4}, tanh, {type: dense, units: 2}]}
            train: {loss: cross_entropy, optimizer: {type: sgd, lr: 0.1}, epochs: 2, batch_size: 8}

            """
        let file = try scratch.write("fixed.yaml", config)
        let a = scratch.url.appendingPathComponent("a").path, b = scratch.url.appendingPathComponent("b").path
        #expect(try SproutBinary.run(["run", file, "--out", a, "--quiet"]).status == 0)
        #expect(try SproutBinary.run(["run", file, "--out", b, "--quiet"]).status == 0)
        #expect(try MetricsTable(path: a + "/fixed/metrics.csv").withoutColumn("seconds")
                == MetricsTable(path: b + "/fixed/metrics.csv").withoutColumn("seconds"))
    }
}

/// log.checkpoints as asked: here no init, a final, and one every 2 epochs.
@Suite struct LogSettingsTests {
    @Test func checkpointsFollowTheSettings() throws {
        let scratch = try TemporaryDirectory()
        let file = try scratch.write("ck.yaml", """
            name: ck
            data: {source: xor}
            model: {layers: [{type: dense, units: 2}]}
            train: {loss: cross_entropy, optimizer: {type: sgd, lr: 0.1}, epochs: 5}
            log: {layers: false, checkpoints: {init: false, final: true, every: 2}}

            """)
        let runs = scratch.url.appendingPathComponent("runs").path
        let result = try SproutBinary.run(["run", file, "--out", runs])
        #expect(result.status == 0, "\(result.stderr)")
        let files = Set(try FileManager.default.contentsOfDirectory(atPath: runs + "/ck"))
        #expect(files == ["config.yaml", "model.json", "run.json", "metrics.csv", "final.safetensors", "epoch-2.safetensors",
                          "epoch-4.safetensors"])
    }
}
