@testable import SproutData
import Testing

/// The bundled datasets against the facts scikit-learn and the UCI repository document (shapes, class counts, first
/// rows), not against our own output.
@Suite struct BundledDatasetTests {
    static func classCounts(_ data: Dataset) -> [Int] {
        var counts = [Int](repeating: 0, count: data.classCount)
        for label in data.labels { counts[Int(label)] += 1 }
        return counts
    }

    /// scikit-learn's DESCR: 1797 instances, 64 attributes, "8x8 image of integer pixels in the range 0..16"; the
    /// class counts are those of its `load_digits` (UCI optdigits' test set).
    @Test func digits() throws {
        let data = try BundledDataset.digits.load()
        #expect(data.count == 1797)
        #expect(data.featureCount == 64)
        #expect(data.features.count == 1797 * 64)
        #expect(Self.classCounts(data) == [178, 182, 177, 183, 181, 182, 181, 179, 174, 180])
        // Divided by 16: every feature is k/16 for a whole k in 0...16.
        #expect(data.features.allSatisfy { $0 >= 0 && $0 <= 1 && ($0 * 16).rounded() == $0 * 16 })
        #expect(data.features.contains(0) && data.features.contains(1))
    }

    /// 150 flowers, 50 a species; Fisher's first flower is a setosa of 5.1, 3.5, 1.4, 0.2 cm.
    @Test func iris() throws {
        let data = try BundledDataset.iris.load()
        #expect(data.count == 150)
        #expect(data.featureCount == 4)
        #expect(Self.classCounts(data) == [50, 50, 50])
        #expect(Array(data.features[0..<4]) == [5.1, 3.5, 1.4, 0.2])
        #expect(data.labels[0] == 0)
    }

    /// 178 wines: classes 59, 71, 48 (DESCR); UCI's wine.data starts `1,14.23,1.71,2.43,15.6,127,…,1065` (class 1,
    /// scikit-learn's class 0).
    @Test func wine() throws {
        let data = try BundledDataset.wine.load()
        #expect(data.count == 178)
        #expect(data.featureCount == 13)
        #expect(Self.classCounts(data) == [59, 71, 48])
        #expect(Array(data.features[0..<5]) == [14.23, 1.71, 2.43, 15.6, 127])
        #expect(data.features[12] == 1065)
        #expect(data.labels[0] == 0)
    }

    /// 569 tumours, 212 malignant and 357 benign (DESCR), scikit-learn's coding 0 = malignant, 1 = benign; UCI's
    /// wdbc.data starts with a malignant case, radius 17.99, texture 10.38, perimeter 122.8, area 1001.
    @Test func breastCancer() throws {
        let data = try BundledDataset.breastCancer.load()
        #expect(data.count == 569)
        #expect(data.featureCount == 30)
        #expect(Self.classCounts(data) == [212, 357])
        #expect(Array(data.features[0..<4]) == [17.99, 10.38, 122.8, 1001])
        #expect(data.labels[0] == 0)
    }

    @Test func namesAreTheLanguagesWords() {
        #expect(BundledDataset.allCases.map(\.rawValue) == ["digits", "iris", "wine", "breast_cancer"])
    }
}

/// The parser on hand-written texts: a malformed bundled file is an error naming its line, never a crash.
@Suite struct BundledParserTests {
    @Test func readsRowsAndDividesDigits() throws {
        let data = try BundledDatasetParser.parse("a,b,target\n16,8,3\n0,4,9", .digits)
        #expect(data.features == [1, 0.5, 0, 0.25])
        #expect(data.labels == [3, 9])
        #expect(data.featureCount == 2)
        #expect(data.classCount == 10)
    }

    @Test(arguments: [
        ("a,b,target\n1,2,0\n1,2", 3, "2 fields, the header has 3"),
        ("a,b,target\n1,x,0", 2, "'x' is not a number"),
        ("a,b,target\n1,nan,0", 2, "'nan' is not a number"),
        ("a,b,target\n1,2,3", 2, "target '3' is not a class index below 3"),
        ("a,b,target\n1,2,-1", 2, "target '-1' is not a class index below 3"),
        ("a,b,target\n1,2,0.5", 2, "target '0.5' is not a class index below 3"),
        ("target", 1, "needs at least one feature and the target"),
    ])
    func malformed(text: String, line: Int, problem: String) {
        #expect(throws: BundledDatasetError(dataset: "iris", line: line, problem: problem)) {
            try BundledDatasetParser.parse(text, .iris)
        }
    }
}
