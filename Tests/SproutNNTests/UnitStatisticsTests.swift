import Foundation
import SproutRandom
import Testing
@testable import SproutNN

/// UnitStatistics on small matrices whose answers are worked out by hand in the comments.
@Suite struct UnitStatisticsTests {
    static func distinct(_ rows: [[Float]], tolerance: Float = UnitStatistics.defaultRelativeTolerance) -> Int {
        let flat = rows.flatMap { $0 }
        return flat.withUnsafeBufferPointer {
            UnitStatistics.distinctRows($0, rows: rows.count, columns: rows.first?.count ?? 0, relativeTolerance: tolerance)
        }
    }

    static func cosine(_ rows: [[Float]]) -> Double? {
        let flat = rows.flatMap { $0 }
        return flat.withUnsafeBufferPointer { UnitStatistics.maxRowCosine($0, rows: rows.count, columns: rows.first?.count ?? 0) }
    }

    static func randomRows(_ count: Int, _ columns: Int, key: String) -> [[Float]] {
        var stream = RandomStream(seed: 11, key: key)
        return (0..<count).map { _ in (0..<columns).map { _ in Float(stream.normal()) } }
    }

    // MARK: distinctRows

    @Test func identicalRowsAreOneUnit() {
        #expect(Self.distinct(Array(repeating: [0.1, -2, 3], count: 4)) == 1)
        #expect(Self.distinct(Array(repeating: [0, 0, 0, 0, 0], count: 16)) == 1)
    }

    /// One ulp (2^-23 relative at 1) is inside 1e-6; 1e-5 is not. -0 and 0 are equal numbers.
    @Test func rowsOneUlpApartAreTheSameUnit() {
        let one: Float = 1, two: Float = 2, three: Float = 3
        #expect(Self.distinct([[one, two, three], [one.nextUp, two, three.nextDown]]) == 1)
        #expect(Self.distinct([[one, two, three], [one.nextUp, two, three.nextDown], [1.00001, 2, 3]]) == 2)
        #expect(Self.distinct([[0, 1], [-0.0, 1]]) == 1)
        #expect(Self.distinct([[one, two, three], [one.nextUp, two, three]], tolerance: 0) == 2)
    }

    /// Both 0: equal only when exactly 0; the smallest subnormal is a different value.
    @Test func zeroIsCloseOnlyToZero() {
        #expect(Self.distinct([[0, 1], [.leastNonzeroMagnitude, 1]]) == 2)
    }

    @Test func randomRowsAreAllDifferent() {
        let rows = Self.randomRows(64, 10, key: "test/random-rows")
        #expect(Self.distinct(rows) == 64)
        #expect(Self.distinct(rows, tolerance: 0) == 64)
    }

    /// Five different rows, each repeated 1 to 5 times, interleaved: 5 units whatever the order.
    @Test func duplicatesMixedIn() {
        let base = Self.randomRows(5, 7, key: "test/duplicates")
        let picks = [3, 0, 4, 1, 3, 2, 4, 3, 0, 4, 2, 3, 1, 4, 3, 2]
        #expect(Self.distinct(picks.map { base[$0] }) == 5)
        #expect(Self.distinct(picks.prefix(6).map { base[$0] }) == 5)
        #expect(Self.distinct(picks.prefix(5).map { base[$0] }) == 4)
    }

    /// A = (1, 5) and C = (1 + ulp, 5) are one unit, B = (1, 6) another: 2. Sorting exactly and then comparing
    /// neighbours with the tolerance would order A, B, C and count 3; the tolerance-aware sort puts A next to C.
    @Test func nearlyEqualLeadingEntriesDoNotSeparateAUnit() {
        let one: Float = 1
        #expect(Self.distinct([[1, 5], [1, 6], [one.nextUp, 5]]) == 2)
        #expect(Self.distinct([[one.nextUp, 5], [1, 6], [1, 5]]) == 2)
    }

    /// ∞ is close only to ∞ (the relative formula would call it close to 3e38); NaN only to NaN.
    @Test func infinitiesAndNaN() {
        #expect(Self.distinct([[.infinity], [3e38]]) == 2)
        #expect(Self.distinct([[.infinity], [.infinity], [-.infinity]]) == 2)
        #expect(Self.distinct([[.nan, 1], [.nan, 1], [1, 1], [1, .nan]]) == 3)
    }

    @Test func degenerateShapes() {
        let none: [Float] = []
        #expect(none.withUnsafeBufferPointer { UnitStatistics.distinctRows($0, rows: 0, columns: 5, relativeTolerance: 1e-6) } == 0)
        #expect(none.withUnsafeBufferPointer { UnitStatistics.distinctRows($0, rows: 3, columns: 0, relativeTolerance: 1e-6) } == 1)
        #expect(Self.distinct([[4, 2]]) == 1)
    }

    // MARK: maxRowCosine

    /// (1,0)·(1,1) / √2 = 1/√2, (1,1)·(0,1) / √2 = 1/√2, (1,0)·(0,1) = 0.
    @Test func cosineOfHandPickedRows() throws {
        let value = try #require(Self.cosine([[1, 0], [1, 1], [0, 1]]))
        #expect(abs(value - 1 / 2.0.squareRoot()) < 1e-6)
        // (3,4)·(4,3) / 25 = 24/25.
        #expect(abs(try #require(Self.cosine([[3, 4], [4, 3]])) - 0.96) < 1e-6)
        #expect(try #require(Self.cosine([[1, 0, 0], [0, 1, 0], [0, 0, 1]])) == 0)
        #expect(abs(try #require(Self.cosine([[1, 0], [-1, 0]])) + 1) < 1e-6)
    }

    /// Rows that are multiples of each other point the same way: cosine 1, never above.
    @Test func parallelRowsHaveCosineOne() throws {
        let value = try #require(Self.cosine([[2, 4, -6], [0, -1, 0], [1, 2, -3]]))
        #expect(value <= 1 && value > 1 - 1e-6)
        let same = try #require(Self.cosine(Array(repeating: [0.3, -0.7, 0.1], count: 5)))
        #expect(same <= 1 && same > 1 - 1e-6)
    }

    /// A zero row has cosine 0 with everything: here the other pair's cosine is -1, so the maximum is 0.
    @Test func zeroRowHasCosineZero() {
        #expect(Self.cosine([[0, 0], [1, 0], [-1, 0]]) == 0)
        #expect(Self.cosine([[0, 0], [0, 0]]) == 0)
    }

    @Test func fewerThanTwoRowsHaveNoCosine() {
        #expect(Self.cosine([[1, 2, 3]]) == nil)
        #expect(Self.cosine([]) == nil)
    }

    @Test func nonFiniteRowGivesNaN() throws {
        #expect(try #require(Self.cosine([[1, 0], [.nan, 1], [1, 1]])).isNaN)
        #expect(try #require(Self.cosine([[1, 0], [.infinity, 1]])).isNaN)
    }

    /// 600 rows, so three blocks of 256, 256 and 88 rows. The identity (every cosine 0, the diagonal's 1s excluded)
    /// with row 599 = 0.6 e3 + 0.8 e5: cosine 0.8 with row 5, across blocks. Then row 520 = 0.96 e519 + 0.28 e520:
    /// cosine 0.96 with row 519, both inside the last block, at offsets that test its triangle.
    @Test func blocksCoverEveryPair() throws {
        let n = 600
        var m = [Float](repeating: 0, count: n * n)
        for i in 0..<n { m[i * n + i] = 1 }
        func maxCosine() -> Double? { m.withUnsafeBufferPointer { UnitStatistics.maxRowCosine($0, rows: n, columns: n) } }
        #expect(try #require(maxCosine()) == 0)
        m[599 * n + 599] = 0
        m[599 * n + 3] = 0.6
        m[599 * n + 5] = 0.8
        #expect(abs(try #require(maxCosine()) - 0.8) < 1e-6)
        m[520 * n + 520] = 0.28
        m[520 * n + 519] = 0.96
        #expect(abs(try #require(maxCosine()) - 0.96) < 1e-6)
    }

    // MARK: moments, fractions, norm

    /// mean 10/4 = 2.5; deviations ±1.5, ±0.5: (2.25 + 0.25 + 0.25 + 2.25) / 4 = 1.25.
    @Test func meanAndStandardDeviationByHand() {
        let values: [Float] = [1, 2, 3, 4]
        let (mean, std) = values.withUnsafeBufferPointer { UnitStatistics.meanAndStandardDeviation($0) }
        #expect(mean == 2.5)
        #expect(abs(std - 1.25.squareRoot()) < 1e-15)
        // The same spread around 10002.5 (exact in float32): two-pass keeps it, a float one-pass formula would not.
        let shifted: [Float] = [10001, 10002, 10003, 10004]
        let (shiftedMean, shiftedStd) = shifted.withUnsafeBufferPointer { UnitStatistics.meanAndStandardDeviation($0) }
        #expect(shiftedMean == 10002.5)
        #expect(abs(shiftedStd - 1.25.squareRoot()) < 1e-12)
        let single: [Float] = [-7]
        #expect(single.withUnsafeBufferPointer { UnitStatistics.meanAndStandardDeviation($0) } == (-7, 0))
        let none: [Float] = []
        let empty = none.withUnsafeBufferPointer { UnitStatistics.meanAndStandardDeviation($0) }
        #expect(empty.mean.isNaN && empty.std.isNaN)
    }

    /// Column 0: -1, -2, -0.5 (dead); column 1: 0, 0, -0 (dead: <= 0 throughout); column 2 has a 2 (alive); column 3
    /// has a NaN (not dead). 2 of 4.
    @Test func deadFractionByHand() {
        let activations: [Float] = [
            -1, 0, 2, 0,
            -2, 0, -1, .nan,
            -0.5, -0.0, 0, 0,
        ]
        #expect(activations.withUnsafeBufferPointer { UnitStatistics.deadFraction($0, rows: 3, columns: 4) } == 0.5)
        let allAlive: [Float] = [1e-30, 1, -1, 3]
        #expect(allAlive.withUnsafeBufferPointer { UnitStatistics.deadFraction($0, rows: 2, columns: 2) } == 0)
        #expect(allAlive.withUnsafeBufferPointer { UnitStatistics.deadFraction($0, rows: 0, columns: 2) }.isNaN)
    }

    /// Outside [-0.99, 0.99]: -1, -0.995, 0.991, 1 (the bounds themselves and the NaN are not): 4 of 8.
    @Test func saturatedFractionByHand() {
        let values: [Float] = [-1, -0.99, -0.995, 0, 0.99, 0.991, .nan, 1]
        #expect(values.withUnsafeBufferPointer { UnitStatistics.saturatedFraction($0, low: -0.99, high: 0.99) } == 0.5)
        let sigmoid: [Float] = [0.005, 0.5, 0.995, 0.01]
        #expect(sigmoid.withUnsafeBufferPointer { UnitStatistics.saturatedFraction($0, low: 0.01, high: 0.99) } == 0.5)
    }

    /// √(9 + 16) = 5; two 1e30s would overflow a float32 sum of squares (1e60), not a Double one.
    @Test func normByHand() {
        let values: [Float] = [3, -4]
        #expect(values.withUnsafeBufferPointer { UnitStatistics.norm($0) } == 5)
        let large: [Float] = [1e30, -1e30]
        let expected = Double(Float(1e30)) * 2.0.squareRoot()
        #expect(abs(large.withUnsafeBufferPointer { UnitStatistics.norm($0) } - expected) <= 1e-15 * expected)
        let none: [Float] = []
        #expect(none.withUnsafeBufferPointer { UnitStatistics.norm($0) } == 0)
    }

    // MARK: the vectorized loops against the scalar ones

    /// The scalar loop the vectorized `UnitStatistics.sum` replaced: accumulators a, b, c, d (element i to the
    /// (i mod 4)-th, the n mod 4 left over to a), added as (a + b) + (c + d).
    static func scalarSum(_ values: [Float], _ f: (Double) -> Double) -> Double {
        var a = 0.0, b = 0.0, c = 0.0, d = 0.0
        let quads = values.count / 4
        for q in 0..<quads {
            a += f(Double(values[4 * q]))
            b += f(Double(values[4 * q + 1]))
            c += f(Double(values[4 * q + 2]))
            d += f(Double(values[4 * q + 3]))
        }
        for i in (4 * quads)..<values.count { a += f(Double(values[i])) }
        return (a + b) + (c + d)
    }

    /// Mean, std and norm from the vectorized sums equal, to the last bit, the two-pass results of the scalar loop
    /// they replaced (lanes add what its accumulators added, in the same order): every length from 0 to 13 (each
    /// remainder mod 4) and 1000, 1001, on values of mixed scales (1e-3 to 1e3) around 0 and around 100.
    @Test func vectorizedSumsEqualTheScalarLoop() {
        var stream = RandomStream(seed: 5, key: "sums")
        let values: [Float] = (0..<1001).map { i in
            let scale: Double = Foundation.pow(10, Double(i % 7) - 3)
            let offset: Float = i % 3 == 0 ? 100 : 0
            return Float(stream.normal() * scale) + offset
        }
        for n in Array(0...13) + [1000, 1001] {
            let prefix = Array(values.prefix(n))
            let (mean, std) = prefix.withUnsafeBufferPointer { UnitStatistics.meanAndStandardDeviation($0) }
            let norm = prefix.withUnsafeBufferPointer { UnitStatistics.norm($0) }
            #expect(norm == Self.scalarSum(prefix) { $0 * $0 }.squareRoot(), "n = \(n)")
            guard n > 0 else { #expect(mean.isNaN && std.isNaN); continue }
            let expectedMean = Self.scalarSum(prefix) { $0 } / Double(n)
            let squares = Self.scalarSum(prefix) { let deviation = $0 - expectedMean; return deviation * deviation }
            #expect(mean == expectedMean, "n = \(n)")
            #expect(std == (squares / Double(n)).squareRoot(), "n = \(n)")
        }
    }

    /// The dead fraction (columns whose values are all <= 0; a NaN is not) and the saturated fraction (values
    /// outside [-0.99, 0.99]; a NaN is not) against their definitions, counted here value by value: every shape up
    /// to 7 rows × 13 columns (each column count mod 4), values mostly -|x| with a few positive ones, zeros of both
    /// signs and NaNs, so that dead and live columns mix.
    @Test func deadAndSaturatedFractionsMatchTheirDefinitions() {
        var stream = RandomStream(seed: 8, key: "fractions")
        for rows in 1...7 {
            for columns in 1...13 {
                let values: [Float] = (0..<(rows * columns)).map { _ in
                    let x = stream.normal()
                    if x > 1.9 { return 0.995 }
                    if x < -2.6 { return .nan }
                    if abs(x) < 0.05 { return x < 0 ? -0.0 : 0 }
                    return Float(-abs(x))
                }
                let dead = (0..<columns).filter { c in (0..<rows).allSatisfy { values[$0 * columns + c] <= 0 } }.count
                let fraction = values.withUnsafeBufferPointer { UnitStatistics.deadFraction($0, rows: rows, columns: columns) }
                #expect(fraction == Double(dead) / Double(columns), "\(rows) × \(columns)")
                let outside = values.filter { $0 < -0.99 || $0 > 0.99 }.count
                let saturated = values.withUnsafeBufferPointer {
                    UnitStatistics.saturatedFraction($0, low: -0.99, high: 0.99)
                }
                #expect(saturated == Double(outside) / Double(values.count), "\(rows) × \(columns)")
            }
        }
    }
}
