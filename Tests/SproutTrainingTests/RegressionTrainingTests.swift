import Foundation
import SproutConfig
import SproutData
import Testing
@testable import SproutRuns
@testable import SproutTraining

/// The regression path through the Trainer: targets as wide as the output, each regression loss, no accuracy.
@Suite struct RegressionTrainingTests {
    static func trainer(_ yaml: String) throws -> Trainer {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sprout-regression-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("config.yaml").path
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        let loaded = ConfigLoader.load(path: path)
        let spec = try #require(loaded.spec, "\(loaded.diagnostics)")
        return try Trainer(spec: spec)
    }

    /// A 1-16-1 tanh network on 200 sine points (noise 0.1): the mean squared error starts near the targets'
    /// variance (about 0.5 for sin over a period, plus 0.01 of noise) and must fall below a fifth of its start; mae
    /// (whose gradient keeps its size near the fit, so it closes in more slowly) below half.
    @Test(arguments: ["mse", "mae", "{type: huber, delta: 1.0}"])
    func lossFallsOnSine(loss: String) throws {
        let trainer = try Self.trainer("""
            name: sine
            seed: 3
            data: {source: sine, samples: 200, validation: 0.2}
            model: {layers: [{type: dense, units: 16}, tanh, {type: dense, units: 1}]}
            train: {loss: \(loss), optimizer: {type: adam, lr: 0.02}, epochs: 40, batch_size: 16}
            log: {every: 40}

            """)
        #expect(trainer.data.isRegression && trainer.data.count == 160 && trainer.validation?.count == 40)
        var rows: [MetricsRow] = []
        let outcome = try trainer.run { if case .measured(let row, _) = $0 { rows.append(row) } }
        #expect(outcome == .completed)
        #expect(rows.map(\.epoch) == [0, 40])
        let first = try #require(rows.first), last = try #require(rows.last)
        #expect(last.trainLoss < first.trainLoss / (loss == "mae" ? 2 : 5), "\(first.trainLoss) -> \(last.trainLoss)")
        #expect(rows.allSatisfy { $0.trainAccuracy == nil && $0.validationAccuracy == nil })
        #expect(rows.allSatisfy { $0.validationLoss?.isFinite == true })
        // metrics.csv's accuracy cells are empty.
        #expect(last.fields[4] == "" && last.fields[6] == "")
    }

    /// 2 outputs of a teacher: the batch targets are 2 wide; a linear-then-tanh student learns them.
    @Test func severalOutputs() throws {
        let trainer = try Self.trainer("""
            name: wide
            data: {source: teacher_regression, samples: 300, features: 4, hidden: 8, outputs: 2, noise: 0.05}
            model: {layers: [{type: dense, units: 16}, tanh, {type: dense, units: 2}]}
            train: {loss: mse, optimizer: {type: adam, lr: 0.01}, epochs: 30, batch_size: 32}
            log: {every: 30}

            """)
        #expect(trainer.data.targetWidth == 2)
        var rows: [MetricsRow] = []
        _ = try trainer.run { if case .measured(let row, _) = $0 { rows.append(row) } }
        let first = try #require(rows.first), last = try #require(rows.last)
        #expect(last.trainLoss < first.trainLoss / 3, "\(first.trainLoss) -> \(last.trainLoss)")
    }
}
