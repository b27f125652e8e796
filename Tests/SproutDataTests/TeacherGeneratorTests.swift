import Foundation
@testable import SproutData
import SproutRandom
import Testing

@Suite struct TeacherGeneratorTests {
    @Test func shape() {
        let data = TeacherGenerator(samples: 101, features: 7, classes: 3).generate(seed: 1)
        #expect(data.count == 101)
        #expect(data.featureCount == 7)
        #expect(data.classCount == 3)
        #expect(data.features.count == 707)
        #expect(data.labels.allSatisfy { (0..<3).contains($0) })
    }

    @Test func sameSeedSameDataOtherSeedOtherData() {
        let generator = TeacherGenerator(samples: 50, features: 4, classes: 5)
        let a = generator.generate(seed: 3), b = generator.generate(seed: 3), c = generator.generate(seed: 4)
        #expect(a.features == b.features && a.labels == b.labels)
        #expect(a.features != c.features)
        #expect(a.labels != c.labels)
    }

    /// The stream order is the documented one (the teacher's features × classes draws first, row by row, then the
    /// inputs row by row), and each label is the argmax of x·W, recomputed here with plain loops.
    @Test func labelsAreTheTeachersArgmax() {
        let (n, d, k) = (300, 6, 4)
        let data = TeacherGenerator(samples: n, features: d, classes: k).generate(seed: 11)
        var stream = RandomStream(seed: 11, key: "data/teacher")
        let w = (0..<(d * k)).map { _ in Float(ZigguratNormal.shared.next(&stream)) }
        let x = (0..<(n * d)).map { _ in Float(ZigguratNormal.shared.next(&stream)) }
        #expect(data.features == x)
        var expected: [Int32] = []
        for i in 0..<n {
            var scores = [Double](repeating: 0, count: k)
            for c in 0..<k {
                for j in 0..<d { scores[c] += Double(x[i * d + j]) * Double(w[j * k + c]) }
            }
            expected.append(Int32(scores.firstIndex(of: scores.max() ?? 0) ?? -1))
        }
        #expect(data.labels == expected)
        // Every class occurs (a random 4-class teacher splits 300 points roughly evenly).
        #expect(Set(data.labels) == [0, 1, 2, 3])
    }

    /// By hand, 2 features and 2 classes, W = [[1, -1], [0, 1]] (rows are features): scores (x0, -x0 + x1).
    /// (1, 2): 1 vs 1, a tie, the first class; (3, -1): 3 vs -4; (-1, 1): -1 vs 2; (0, 0): all tied, class 0.
    @Test func labelsByHandWithTies() {
        let width = TeacherGenerator.paddedWidth(2)
        #expect(width == 8)
        var teacher = [Float](repeating: 0, count: 2 * width)
        teacher[0] = 1; teacher[1] = -1
        teacher[width] = 0; teacher[width + 1] = 1
        let labels = TeacherGenerator.labels(inputs: [1, 2, 3, -1, -1, 1, 0, 0], teacher: teacher, samples: 4,
                                             features: 2, classes: 2)
        #expect(labels == [0, 0, 1, 0])
    }

    /// Nine classes span two blocks of eight: the ninth class can win.
    @Test func labelsPastTheFirstBlock() {
        let width = TeacherGenerator.paddedWidth(9)
        #expect(width == 16)
        var teacher = [Float](repeating: 0, count: width)
        teacher[8] = 2; teacher[3] = 1
        #expect(TeacherGenerator.labels(inputs: [1, -1], teacher: teacher, samples: 2, features: 1, classes: 9) == [8, 0])
    }

    /// The inputs are N(0, 1): over m = 200 000 values the sample mean has standard error 1/√m ≈ 0.0022, and the
    /// sample variance (of a normal) standard error √(2/m) ≈ 0.0032; 5 standard errors are the tolerance.
    @Test func inputsAreStandardNormal() {
        let data = TeacherGenerator(samples: 4000, features: 50, classes: 10).generate(seed: 5)
        let m = Double(data.features.count)
        let mean = data.features.reduce(0.0) { $0 + Double($1) } / m
        let variance = data.features.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / m
        #expect(abs(mean) < 5 / m.squareRoot())
        #expect(abs(variance - 1) < 5 * (2 / m).squareRoot())
        // Ten classes from 4000 points: each occurs.
        #expect(Set(data.labels).count == 10)
    }
}
