import Foundation
import SproutConfig
import SproutData
import Testing
@testable import SproutRuns
@testable import SproutTraining

/// The trainer's test split: apart from the training set (so from metrics.csv and layers.csv's sample), scaled by
/// the training set's statistics, and evaluated with the prediction rule the losses count accuracy by.
@Suite struct TestEvaluationTests {
    /// Wine, test 0.2 then validation 0.2: 106 train, 36 validate, 36 test (worked out in SproutDataTests).
    static let wine = """
        data: {source: wine, test: 0.2, validation: 0.2, normalize: standardize}
        model: {layers: [{type: dense, units: 3}]}
        train: {loss: cross_entropy, optimizer: {type: sgd, lr: 0.1}, epochs: 1}
        """

    /// Rows of a dataset as arrays, to compare sets of examples.
    static func rows(_ set: Dataset) -> Set<[Float]> {
        Set((0..<set.count).map { Array(set.features[($0 * set.featureCount)..<(($0 + 1) * set.featureCount)]) })
    }

    @Test func theTestSplitIsApart() throws {
        let trainer = try DiagnosticPassTests.trainer(Self.wine)
        let test = try #require(trainer.test), validation = try #require(trainer.validation)
        #expect(trainer.data.count == 106 && validation.count == 36 && test.count == 36)
        // No test example among the training or validation examples (all scaled alike, so compared as scaled).
        #expect(Self.rows(test).isDisjoint(with: Self.rows(trainer.data)))
        #expect(Self.rows(test).isDisjoint(with: Self.rows(validation)))
        // layers.csv's sample is drawn from the 106 training examples (all of them: fewer than its 512).
        #expect(trainer.diagnosticSample.count == 106 && trainer.diagnosticSample.indices.allSatisfy { $0 < 106 })
        // Standardized with the training split's statistics: the training features have mean 0, the test's not exactly.
        let width = trainer.data.featureCount
        let mean = (0..<trainer.data.count).reduce(0.0) { $0 + Double(trainer.data.features[$1 * width]) } / 106
        #expect(abs(mean) < 1e-5)
    }

    /// Before training, an evaluation of the test split: its accuracy is metrics.csv's rule (correct / count), its
    /// confusion matrix counts every example once, with the split's class counts as row sums.
    @Test func anEvaluationCountsEveryExample() throws {
        let trainer = try DiagnosticPassTests.trainer(Self.wine)
        let evaluation = try trainer.evaluation(of: try #require(trainer.test), epoch: 0)
        let scores = try #require(evaluation.scores)
        #expect(evaluation.examples == 36 && scores.examples == 36)
        #expect(scores.confusion.map { $0.reduce(0, +) } == [12, 14, 10])
        #expect(evaluation.loss.isFinite && evaluation.meanAbsoluteError == nil)
    }

    /// The predicted class: the first largest output (ties to the lower class), or, for one logit, class 1 above 0.
    @Test func predictionRule() {
        let outputs: [Float] = [0.1, 0.5, 0.5, 2, -1, 0, 0, 0, 0]
        outputs.withUnsafeBufferPointer { buffer in
            #expect(Trainer.predictedClasses(buffer, count: 3, width: 3) == [1, 0, 0])
            #expect(Trainer.predictedClasses(buffer, count: 6, width: 1) == [1, 1, 1, 1, 0, 0])
        }
    }

    /// run.json's `test` written and read back; a record without it (an older Sprout's) reads as nil.
    @Test func theRecordKeepsItsTest() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sprout-test-record-\(UUID())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let trainer = try DiagnosticPassTests.trainer(Self.wine)
        var record = RunRecord(status: .completed, name: "w", config: "w.yaml", started: Date(), seed: 0, version: "0",
                               fingerprint: RunFingerprint(version: "0", config: "c", files: [], log: "l"), epochs: 1)
        record.test = try trainer.evaluation(of: try #require(trainer.test), epoch: 1)
        try record.write(to: folder + "/run.json")
        #expect(try RunRecord.read(directory: folder)?.test == record.test)
        record.test = Evaluation(examples: 3, loss: 0.5, epoch: 2, meanAbsoluteError: 0.25)
        try record.write(to: folder + "/run.json")
        #expect(try RunRecord.read(directory: folder)?.test == record.test)
        try #"{"status": "completed"}"#.write(toFile: folder + "/run.json", atomically: true, encoding: .utf8)
        #expect(try RunRecord.read(directory: folder)?.test == nil)
    }
}
