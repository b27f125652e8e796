import Testing
import SproutData

/// `data.test`: the test split is taken first (stream `data/test`), then the validation split from the rest
/// (stream `data/split`), both fractions of all the examples, each stratified by largest remainders.
@Suite struct TestSplitTests {
    /// Example i has feature i (its id) and the label `labels[i]`.
    static func data(labels: [Int32], classes: Int) -> Dataset {
        Dataset(features: labels.indices.map(Float.init), labels: labels, featureCount: 1, classCount: classes)
    }

    static func ids(_ part: Dataset?) -> [Int] { (part?.features ?? []).map { Int($0) } }

    /// 6 of class 0 then 4 of class 1, test 0.2, validation 0.3, of N = 10:
    /// test T = round(0.2 · 10) = 2: quotas 2·6/10 = 1.2 and 2·4/10 = 0.8, whole parts 1 and 0, remainders 2 and 8
    /// (tenths), so the second goes to class 1: one of each class.
    /// The rest: 5 of class 0, 3 of class 1. Validation V = round(0.3 · 10) = 3 (of the whole N, taken from the
    /// rest): quotas 3·5/8 = 1.875 and 3·3/8 = 1.125, whole parts 1 and 1, remainders 7 and 1 (eighths), so the
    /// third goes to class 0: 2 of class 0, 1 of class 1. Training: 3 of class 0, 2 of class 1.
    @Test func stratifiedCountsByHand() {
        let data = Self.data(labels: [0, 0, 0, 0, 0, 0, 1, 1, 1, 1], classes: 2)
        for seed: UInt64 in 1...5 {
            let (train, validation, test) = data.split(test: 0.2, validation: 0.3, seed: seed)
            #expect(test?.labels == [0, 1])
            #expect(validation?.labels == [0, 0, 1])
            #expect(train.labels == [0, 0, 0, 1, 1])
            // Disjoint, and together every example once; each part in the original order.
            let all = Self.ids(train) + Self.ids(validation) + Self.ids(test)
            #expect(all.sorted() == Array(0..<10))
            for part in [Self.ids(train), Self.ids(validation), Self.ids(test)] { #expect(part == part.sorted()) }
            // Each example keeps its own label (ids 0-5 are class 0).
            for part in [train, validation, test].compactMap({ $0 }) {
                for row in 0..<part.count { #expect(part.labels[row] == (part.features[row] < 6 ? 0 : 1)) }
            }
        }
    }

    /// Wine's classes (59, 71, 48), test 0.2 and validation 0.2: T = round(35.6) = 36, quotas [12, 14, 10]
    /// (SplitTests works them out). The rest (47, 57, 38) = 142; V = round(0.2 · 178) = 36 of it: 36·47 = 1692 =
    /// 11·142 + 130, 36·57 = 2052 = 14·142 + 64, 36·38 = 1368 = 9·142 + 90; whole parts 34, the two left go to the
    /// remainders 130 and 90: [12, 14, 10]. Training: (35, 43, 28) = 106 = 178 − 72.
    @Test func wineCountsByHand() {
        let labels = [Int32](repeating: 0, count: 59) + [Int32](repeating: 1, count: 71) + [Int32](repeating: 2, count: 48)
        let (train, validation, test) = Self.data(labels: labels, classes: 3).split(test: 0.2, validation: 0.2, seed: 1)
        func counts(_ part: Dataset?) -> [Int] { (0..<3).map { c in (part?.labels ?? []).filter { $0 == c }.count } }
        #expect(counts(test) == [12, 14, 10])
        #expect(counts(validation) == [12, 14, 10])
        #expect(counts(train) == [35, 43, 28])
        #expect(Dataset.stratifiedQuotas(held: 36, classSizes: [47, 57, 38]) == [12, 14, 10])
    }

    /// The same seed gives the same three parts; another seed another test split.
    @Test func deterministic() {
        let data = Self.data(labels: (0..<100).map { Int32($0 % 3) }, classes: 3)
        let a = data.split(test: 0.2, validation: 0.2, seed: 4), b = data.split(test: 0.2, validation: 0.2, seed: 4)
        #expect(Self.ids(a.test) == Self.ids(b.test) && Self.ids(a.validation) == Self.ids(b.validation))
        #expect(Self.ids(a.train) == Self.ids(b.train))
        #expect(Self.ids(data.split(test: 0.2, validation: 0.2, seed: 5).test) != Self.ids(a.test))
    }

    /// The test split draws from its own stream, first: it is the same whatever the validation fraction, and it
    /// is not the validation split of the same fraction (stream `data/split`). Without a test split the
    /// validation split is exactly the one of `split(validation:seed:)`, so runs without `data.test` keep theirs.
    @Test func independentOfTheValidationStream() {
        let data = Self.data(labels: (0..<100).map { Int32($0 % 3) }, classes: 3)
        let test = Self.ids(data.split(test: 0.2, validation: 0, seed: 7).test)
        #expect(test.count == 20)
        for validation in [0.1, 0.2, 0.5] {
            #expect(Self.ids(data.split(test: 0.2, validation: validation, seed: 7).test) == test)
        }
        #expect(Self.ids(data.split(validation: 0.2, seed: 7).validation) != test)
        let plain = data.split(validation: 0.3, seed: 7)
        let noTest = data.split(test: 0, validation: 0.3, seed: 7)
        #expect(noTest.test == nil)
        #expect(Self.ids(noTest.validation) == Self.ids(plain.validation) && Self.ids(noTest.train) == Self.ids(plain.train))
    }

    /// Regression targets: T = round(0.25 · 8) = 2 and V = round(0.25 · 8) = 2 by one shuffle each; every part
    /// carries its targets with its features.
    @Test func regressionParts() {
        let data = Dataset(features: (0..<8).map(Float.init), targets: (0..<8).map { -Float($0) }, featureCount: 1,
                           targetWidth: 1)
        let (train, validation, test) = data.split(test: 0.25, validation: 0.25, seed: 2)
        #expect(test?.count == 2 && validation?.count == 2 && train.count == 4)
        #expect((Self.ids(train) + Self.ids(validation) + Self.ids(test)).sorted() == Array(0..<8))
        for part in [train, validation, test].compactMap({ $0 }) {
            for row in 0..<part.count { #expect(part.targets[row] == -part.features[row]) }
        }
    }
}
