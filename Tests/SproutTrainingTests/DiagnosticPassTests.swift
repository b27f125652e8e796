import Foundation
import SproutConfig
import SproutData
import Testing
@testable import SproutRuns
@testable import SproutTraining

/// The diagnostic pass (`Trainer.diagnosticPass`) behind layers.csv and `sprout show --probe`: both report the same
/// numbers at initialization, a class-sorted set no longer shows live units as dead, and gradient_std is the std of
/// dL/d(node output) with the loss's 1/S factor, checked by hand.
@Suite struct DiagnosticPassTests {
    /// The spec of `yaml`, loaded as `sprout run` loads a file.
    static func spec(_ yaml: String) throws -> ExperimentSpec { try withSpec(yaml) { $0 } }

    /// `body` of the spec of `yaml`, loaded as `sprout run` loads a file, with `files` (name: text) written beside
    /// it until `body` returns.
    static func withSpec<T>(_ yaml: String, files: [String: String] = [:],
                            _ body: (ExperimentSpec) throws -> T) throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sprout-diagnostic-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, text) in files {
            try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let path = folder.appendingPathComponent("config.yaml").path
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        let loaded = ConfigLoader.load(path: path)
        return try body(try #require(loaded.spec, "\(loaded.diagnostics)"))
    }

    static func trainer(_ yaml: String) throws -> Trainer { try Trainer(spec: spec(yaml)) }

    /// The value of `column` in the row of `node` among layers.csv's rows.
    static func cell(_ rows: [[String]], node: String, column: String) throws -> String {
        let c = try #require(LayerDiagnostics.columns.firstIndex(of: column))
        let row = try #require(rows.first { $0[1] == node }, "no row \(node)")
        return row[c]
    }

    /// `sprout show --probe` and layers.csv's epoch-0 rows come from the same pass on the same sample: act_mean,
    /// act_std and grad_std equal activation_mean, activation_std and gradient_std exactly, on a network with
    /// batch_norm (running statistics at initialization), dropout (no mask in evaluation mode) and a relu, over 700
    /// spirals (a sample of 512 of them).
    @Test func probeEqualsLayersAtEpochZero() throws {
        let spec = try Self.spec("""
            name: agree
            seed: 11
            data: {source: spirals, samples: 700, validation: 0.1}
            model:
              layers:
                - {name: hidden, type: dense, units: 12}
                - {name: bn, type: batch_norm}
                - {name: act, type: relu}
                - {name: drop, type: dropout, rate: 0.3}
                - {name: out, type: dense, units: 2}
            train: {loss: cross_entropy, optimizer: {type: adam, lr: 0.01}, epochs: 1, batch_size: 32}

            """)
        let probe = try InitProbe.run(spec)
        var epochZero: [[String]]?
        _ = try Trainer(spec: spec).run { event in
            if case .measured(let row, let layers) = event, row.epoch == 0 { epochZero = layers }
        }
        let rows = try #require(epochZero)
        #expect(probe.examples.count == 512 && probe.trainingExamples == 630)
        #expect(probe.rows.map(\.node) == rows.map { $0[1] })
        let format = MetricsRow.format as (Double) -> String
        for row in probe.rows {
            #expect(try Self.cell(rows, node: row.node, column: "activation_mean") == format(row.activationMean))
            #expect(try Self.cell(rows, node: row.node, column: "activation_std") == format(row.activationStd))
            let gradient = try #require(row.gradientStd, "\(row.node) has a gradient")
            #expect(try Self.cell(rows, node: row.node, column: "gradient_std") == format(gradient), "\(row.node)")
        }
    }

    /// Loss and right answers over the training set in index order, in batches of the batch size: the metrics
    /// evaluation as it was before it began with the diagnostic sample.
    static func inIndexOrder(_ trainer: Trainer) throws -> (loss: Double, correct: Int) {
        var total = 0.0, correct = 0
        for first in stride(from: 0, to: trainer.data.count, by: trainer.batchSize) {
            let count = min(trainer.batchSize, trainer.data.count - first)
            trainer.buffers.gather(trainer.data, from: first, count: count, order: nil)
            let result = try trainer.loss(logits: trainer.forwardBatch(count: count, mode: .evaluation), count: count)
            total += result.loss * Double(count)
            correct += result.correct ?? 0
        }
        return (total / Double(trainer.data.count), correct)
    }

    /// metrics.csv's evaluation of the training set begins with the diagnostic pass (the sample as one batch), then
    /// the other 1200 − 512 examples: its accuracy is the count of the evaluation in index order exactly, its loss
    /// the same mean summed in another order (float32 outputs rounded by sgemm at another place in another batch:
    /// within 1e-6 relative), its layer rows those of a diagnostic pass of their own; and with layers.csv off the
    /// numbers are the same to the last bit (its sample batch is the same forward pass without the backward one).
    @Test func metricsEvaluationBeginsWithTheDiagnosticPass() throws {
        let yaml = """
            name: shared
            seed: 5
            data: {source: spirals, samples: 1200}
            model:
              layers:
                - {name: hidden, type: dense, units: 16}
                - {name: bn, type: batch_norm}
                - relu
                - {name: out, type: dense, units: 2}
            train: {loss: cross_entropy, optimizer: {type: sgd, lr: 0.1}, epochs: 1, batch_size: 50}

            """
        let trainer = try Self.trainer(yaml)
        #expect(trainer.diagnosticSample.count == 512 && trainer.data.count == 1200)
        let evaluated = try trainer.evaluateTrainingSet(layersOf: 0)
        let reference = try Self.inIndexOrder(trainer)
        #expect(evaluated.accuracy == Double(reference.correct) / 1200)
        #expect(abs(evaluated.loss - reference.loss) <= 1e-6 * reference.loss, "\(evaluated.loss) vs \(reference.loss)")
        #expect(try evaluated.layers == trainer.layerRows(epoch: 0))

        let off = try Self.trainer(yaml + "log: {layers: false}\n")
        let withoutLayers = try off.evaluateTrainingSet(layersOf: 0)
        #expect(withoutLayers.loss == evaluated.loss && withoutLayers.accuracy == evaluated.accuracy)
        #expect(withoutLayers.layers == nil)
    }

    /// The fraction of units of `node` whose output is ≤ 0 for every one of the first `count` examples of `data`,
    /// computed here from a forward pass of the network over them.
    static func deadFraction(_ trainer: Trainer, node: String, firstExamples count: Int) throws -> Double {
        let features = Array(trainer.data.features.prefix(count * trainer.data.featureCount))
        try trainer.network.forward(features, batch: count, mode: .evaluation)
        let output = try #require(trainer.network.activations(of: node))
        let width = output.count / count
        let dead = (0..<width).filter { unit in (0..<count).allSatisfy { output[$0 * width + unit] <= 0 } }
        return Double(dead.count) / Double(width)
    }

    /// Wine is sorted by class (59, 71, 48), so the first 16 training examples are all of cultivar 0, and relu
    /// units that cultivar leaves inactive looked dead on the old diagnostic batch (its first batch_size examples).
    /// On the sample (here every one of the 142 training examples) layers.csv's dead_fraction at epoch 0 is the
    /// fraction dead over the whole training set, computed here: 0 for every relu.
    @Test func wineReluUnitsAreNotDeadOnTheSample() throws {
        let trainer = try Self.trainer("""
            name: wine-relu
            seed: 2
            data: {source: wine, validation: 0.2, normalize: standardize}
            model:
              init: {weight: {type: kaiming_normal, nonlinearity: relu}, bias: zeros}
              layers:
                - {name: fc1, type: dense, units: 32}
                - {name: relu1, type: relu}
                - {name: fc2, type: dense, units: 32}
                - {name: relu2, type: relu}
                - {name: fc3, type: dense, units: 16}
                - {name: relu3, type: relu}
                - {name: out, type: dense, units: 3}
            train: {loss: cross_entropy, optimizer: {type: adam, lr: 0.005}, epochs: 1, batch_size: 16}

            """)
        let n = trainer.data.count
        #expect(n == 142 && trainer.diagnosticSample.indices == Array(0..<n))
        #expect(trainer.data.labels.prefix(16).allSatisfy { $0 == 0 }, "the first batch holds one cultivar")
        let rows = try trainer.layerRows(epoch: 0)
        var deadOnFirstBatch = 0.0
        for node in ["relu1", "relu2", "relu3"] {
            let overAll = try Self.deadFraction(trainer, node: node, firstExamples: n)
            #expect(overAll == 0, "\(node): dead over all training examples")
            #expect(try Self.cell(rows, node: node, column: "dead_fraction") == MetricsRow.format(overAll), "\(node)")
            deadOnFirstBatch += try Self.deadFraction(trainer, node: node, firstExamples: 16)
        }
        // What the old batch reported: some unit of some layer dead, the false alarm the sample removes.
        #expect(deadOnFirstBatch > 0)
    }

    /// A network worked by hand: x → hidden (2 units, W = 0.5, b = 0.25, identity) → out (1 unit, W = 0.75, b = 0),
    /// mse against targets t, 600 examples (a sample of S = 512). Every unit computes h = 0.5x + 0.25 and the output
    /// is ŷ = 0.75(h₁ + h₂) = 0.75x + 0.375. mse is the mean over S × 1 elements, so dL/dŷ = 2(ŷ − t)/S
    /// (RegressionLoss), and dL/dh_j = 0.75 · dL/dŷ for both units. Expected stds are computed here, in Double, from
    /// those formulas over the sample's examples.
    @Test func gradientStdMatchesAHandComputation() throws {
        let count = 600
        let x = (0..<count).map { Double($0) / 64 }
        let t = (0..<count).map { Double($0 % 7) + 0.5 }
        let csv = "x,t\n" + (0..<count).map { "\(x[$0]),\(t[$0])" }.joined(separator: "\n") + "\n"
        let (trainer, probe) = try Self.withSpec("""
            name: by-hand
            seed: 3
            data: {source: csv, path: tiny.csv, target: t}
            model:
              layers:
                - {name: hidden, type: dense, units: 2, weight_init: {type: constant, value: 0.5},
                   bias_init: {type: constant, value: 0.25}}
                - {name: out, type: dense, units: 1, weight_init: {type: constant, value: 0.75}, bias_init: zeros}
            train: {loss: mse, optimizer: {type: sgd, lr: 0.01}, epochs: 1, batch_size: 16}

            """, files: ["tiny.csv": csv]) { (try Trainer(spec: $0), try InitProbe.run($0)) }
        let sample = trainer.diagnosticSample.indices
        let s = Double(sample.count)
        #expect(sample.count == 512)

        func std(_ values: [Double]) -> Double {
            let mean = values.reduce(0, +) / Double(values.count)
            return (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count)).squareRoot()
        }
        let h = sample.map { 0.5 * x[$0] + 0.25 }
        let y = sample.map { 0.75 * x[$0] + 0.375 }
        let dy = sample.indices.map { 2 * (y[$0] - t[sample[$0]]) / s }
        let dh = dy.flatMap { [0.75 * $0, 0.75 * $0] }

        let rows = try trainer.layerRows(epoch: 0)
        func value(_ node: String, _ column: String) throws -> Double {
            try #require(Double(try Self.cell(rows, node: node, column: column)))
        }
        func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-5 * abs(b) }
        let hiddenGradient = try value("hidden", "gradient_std"), outGradient = try value("out", "gradient_std")
        #expect(close(try value("hidden", "activation_std"), std(h + h)))
        #expect(close(try value("out", "activation_std"), std(y)))
        #expect(close(outGradient, std(dy)), "\(outGradient) vs \(std(dy))")
        #expect(close(hiddenGradient, std(dh)), "\(hiddenGradient) vs \(std(dh))")
        // The same numbers from the probe, to the last bit.
        #expect(probe.rows.map(\.gradientStd) == [hiddenGradient, outGradient])
    }

    /// All-zero weights: the logits are 0, softmax gives 1/2 to each of the two classes, and dL/dz = (1/2 − onehot)/S
    /// is ±1/(2S) in every entry, S = 64 (all the examples): std 1/128 exactly. Through the zero output weights the
    /// gradient reaching tanh and the first layer is exactly 0 (a number, not an empty cell: backward reached them).
    @Test func zeroStartHasZeroGradientBelowTheOutput() throws {
        let trainer = try Self.trainer("""
            name: zeros
            seed: 3
            data: {source: xor, samples: 64}
            model:
              init: {weight: zeros}
              layers: [{name: hidden, type: dense, units: 8}, tanh, {name: out, type: dense, units: 2}]
            train: {loss: cross_entropy, optimizer: {type: sgd, lr: 0.1}, epochs: 1, batch_size: 16}

            """)
        let rows = try trainer.layerRows(epoch: 0)
        #expect(try Self.cell(rows, node: "hidden", column: "gradient_std") == MetricsRow.format(0))
        #expect(try Self.cell(rows, node: "tanh1", column: "gradient_std") == MetricsRow.format(0))
        #expect(try Self.cell(rows, node: "out", column: "gradient_std") == MetricsRow.format(1.0 / 128))
    }
}
