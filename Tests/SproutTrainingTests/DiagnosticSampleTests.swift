import Foundation
import SproutData
import Testing
@testable import SproutTraining

/// The diagnostic sample (`DiagnosticSample`): min(N, 512) training examples, stratified by class by largest
/// remainders, every class present, drawn from the run's seed; the expected counts are worked out by hand in each
/// test's comment.
@Suite struct DiagnosticSampleTests {
    /// A classification set of one feature (the example's index) with `sizes[c]` examples of class c, sorted by
    /// class: class 0's examples first, then class 1's, ...
    static func sortedByClass(_ sizes: [Int]) -> Dataset {
        let labels = sizes.indices.flatMap { c in [Int32](repeating: Int32(c), count: sizes[c]) }
        return Dataset(features: labels.indices.map(Float.init), labels: labels, featureCount: 1,
                       classCount: sizes.count)
    }

    /// How many of the sample's examples each class has.
    static func classCounts(_ sample: DiagnosticSample, _ data: Dataset) -> [Int] {
        var counts = [Int](repeating: 0, count: data.classCount)
        for index in sample.indices { counts[Int(data.labels[index])] += 1 }
        return counts
    }

    /// A well-formed sample of `size` examples: ascending (so distinct) training-set indices.
    static func expectWellFormed(_ sample: DiagnosticSample, size: Int, of total: Int) {
        #expect(sample.count == size)
        #expect(zip(sample.indices, sample.indices.dropFirst()).allSatisfy { $0 < $1 }, "ascending and distinct")
        #expect(sample.indices.allSatisfy { (0..<total).contains($0) })
        #expect(sample.trainingExamples == total)
    }

    /// 600, 300 and 100 examples sorted by class, N = 1000, S = 512: the shares 512·600/1000 = 307.2,
    /// 512·300/1000 = 153.6 and 512·100/1000 = 51.2 have whole parts 307 + 153 + 51 = 511; the one example missing
    /// goes to the largest remainder, class 1's 0.6: 307, 154, 51.
    @Test func stratifiedByLargestRemaindersOnAClassSortedSet() {
        let data = Self.sortedByClass([600, 300, 100])
        let sample = DiagnosticSample(data, seed: 1)
        Self.expectWellFormed(sample, size: 512, of: 1000)
        #expect(sample.stratified)
        #expect(Self.classCounts(sample, data) == [307, 154, 51])
        // Not the first 512 in file order (all of class 0's first 512): the examples come from across each class.
        #expect(sample.indices.contains { $0 >= 512 && $0 < 600 }, "class 0's later examples are drawn too")
    }

    /// The bundled digits (not sorted, 1797 examples of classes 178, 182, 177, 183, 181, 182, 181, 179, 174, 180;
    /// Sources/SproutData/Bundled/README.md): 512/1797 of each, i.e. 50.716, 51.855, 50.431, 52.140, 51.570, 51.855,
    /// 51.570, 51.001, 49.576, 51.285, whole parts summing to 507. The 5 missing go to the largest remainders:
    /// classes 1 and 5 (0.855), 0 (0.716), 8 (0.576), then 4 and 6 tie at 0.570 and the lower index, 4, gets it.
    @Test func digitsSharesAreTheLargestRemainderRounding() throws {
        let trainer = try DiagnosticPassTests.trainer("""
            name: digits-sample
            seed: 4
            data: {source: digits}
            model: {layers: [{type: dense, units: 10}]}
            train: {loss: cross_entropy, optimizer: {type: sgd, lr: 0.1}, epochs: 1, batch_size: 64}

            """)
        Self.expectWellFormed(trainer.diagnosticSample, size: 512, of: 1797)
        #expect(Self.classCounts(trainer.diagnosticSample, trainer.data) == [51, 52, 50, 52, 52, 52, 51, 51, 50, 51])
    }

    /// A class whose share rounds to 0 still gets one example, from the largest class. Sizes 3000, 3, 1 (N = 3004):
    /// shares 511.318, 0.511, 0.170: whole parts 511, 0, 0; the missing one goes to class 1 (remainder 0.511); class 2
    /// is left at 0 and takes one from class 0: 510, 1, 1.
    @Test func everyClassPresentGetsAnExample() {
        #expect(DiagnosticSample.classQuotas(size: 512, classSizes: [3000, 3, 1]) == [510, 1, 1])
        let data = Self.sortedByClass([3000, 3, 1])
        let sample = DiagnosticSample(data, seed: 9)
        Self.expectWellFormed(sample, size: 512, of: 3004)
        #expect(Self.classCounts(sample, data) == [510, 1, 1])
        #expect(sample.indices.last == 3003, "the one example of class 2 is the last index")
        // An empty class gets nothing; more classes than S: the largest keeps at least one, nothing traps.
        #expect(DiagnosticSample.classQuotas(size: 4, classSizes: [10, 0, 10]) == [2, 0, 2])
        #expect(DiagnosticSample.classQuotas(size: 2, classSizes: [5, 1, 1, 1]).reduce(0, +) == 2)
    }

    /// N ≤ 512: every training example, whatever the seed, for classes and for regression.
    @Test(arguments: [1, 150, 512])
    func everyExampleWhenTheSetIsSmall(count: Int) {
        let classes = DiagnosticSample(Self.sortedByClass([count - count / 3, count / 3]), seed: 5)
        #expect(classes.indices == Array(0..<count))
        let regression = Dataset(features: (0..<count).map(Float.init), targets: (0..<count).map(Float.init),
                                 featureCount: 1, targetWidth: 1)
        let sample = DiagnosticSample(regression, seed: 5)
        #expect(sample.indices == Array(0..<count) && !sample.stratified)
    }

    /// Regression above 512: a random draw of 512 distinct indices, from across the set.
    @Test func regressionDrawsAtRandom() {
        let data = Dataset(features: (0..<2000).map(Float.init), targets: (0..<2000).map(Float.init),
                           featureCount: 1, targetWidth: 1)
        let sample = DiagnosticSample(data, seed: 2)
        Self.expectWellFormed(sample, size: 512, of: 2000)
        #expect(!sample.stratified)
        // A uniform draw of 512 of 2000 puts about 128 in each quarter (sd ≈ 9.6): far from 0 or 512.
        for quarter in 0..<4 {
            let inside = sample.indices.filter { $0 / 500 == quarter }.count
            #expect((80...176).contains(inside), "quarter \(quarter): \(inside)")
        }
    }

    /// The same seed gives the same sample, another seed another one; the stream is its own (`diagnostic sample`).
    @Test func aFunctionOfTheSeed() {
        let data = Self.sortedByClass([600, 300, 100])
        #expect(DiagnosticSample(data, seed: 1) == DiagnosticSample(data, seed: 1))
        #expect(DiagnosticSample(data, seed: 1).indices != DiagnosticSample(data, seed: 2).indices)
        #expect(DiagnosticSample.streamKey == "diagnostic sample")
    }

    /// A trainer draws its sample once: after training, it is still the one its seed gives, and two diagnostic
    /// passes in a row (no training between) give the same rows.
    @Test func theSameForEveryEpoch() throws {
        let yaml = """
            name: spirals-sample
            seed: 6
            data: {source: spirals, samples: 700}
            model: {layers: [{type: dense, units: 8}, relu, {type: dense, units: 2}]}
            train: {loss: cross_entropy, optimizer: {type: sgd, lr: 0.1}, epochs: 2, batch_size: 64}

            """
        let trainer = try DiagnosticPassTests.trainer(yaml)
        let drawn = trainer.diagnosticSample
        #expect(drawn == DiagnosticSample(trainer.data, seed: 6) && drawn.count == 512)
        var layerEpochs: [Int] = []
        _ = try trainer.run { event in
            if case .measured(let row, let layers) = event, layers != nil { layerEpochs.append(row.epoch) }
        }
        #expect(layerEpochs == [0, 1, 2])
        #expect(trainer.diagnosticSample == drawn)
        #expect(try trainer.layerRows(epoch: 2) == trainer.layerRows(epoch: 2))
    }

    /// metrics.csv's evaluation order: the sample's indices first, then every other index ascending, each index
    /// once. On 600, 300 and 100 examples sorted by class the rest is the 1000 − 512 = 488 indices the sample left
    /// out; with N ≤ 512 (150) the order is 0..<N, the index order of before.
    @Test func evaluationOrderIsTheSampleThenTheRest() {
        let sample = DiagnosticSample(Self.sortedByClass([600, 300, 100]), seed: 1)
        let order = sample.evaluationOrder
        #expect(order.count == 1000 && Set(order).count == 1000)
        #expect(Array(order.prefix(512)) == sample.indices)
        let rest = Array(order.dropFirst(512))
        #expect(rest == (0..<1000).filter { !sample.indices.contains($0) } && rest.count == 488)
        #expect(DiagnosticSample(Self.sortedByClass([100, 50]), seed: 1).evaluationOrder == Array(0..<150))
    }
}
