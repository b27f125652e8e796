import Foundation
@testable import SproutRandom
import Testing

/// The ziggurat sampler against the standard normal distribution itself: moments, the tail beyond the base
/// layer's edge r (drawn by the tail branch), and binned frequencies (the wedges), each with a tolerance of 5
/// standard errors of the statistic. The streams are seeded, so the outcome is fixed; a wrong table or branch
/// moves these statistics by far more than the tolerance.
@Suite struct ZigguratNormalTests {
    static let count = 1_000_000
    static let draws: [Double] = {
        var stream = RandomStream(seed: 2024, key: "test/ziggurat")
        return (0..<count).map { _ in ZigguratNormal.shared.next(&stream) }
    }()

    /// Φ(x) = erfc(-x/√2) / 2.
    static func cdf(_ x: Double) -> Double { 0.5 * erfc(-x / 2.0.squareRoot()) }

    /// Mean (standard error 1/√n), variance (√(2/n)), skewness (√(6/n)), kurtosis 3 (√(24/n)).
    @Test func moments() {
        let n = Double(Self.count)
        var s1 = 0.0, s2 = 0.0, s3 = 0.0, s4 = 0.0
        for x in Self.draws {
            s1 += x; s2 += x * x; s3 += x * x * x; s4 += x * x * x * x
        }
        #expect(abs(s1 / n) < 5 / n.squareRoot())
        #expect(abs(s2 / n - 1) < 5 * (2 / n).squareRoot())
        #expect(abs(s3 / n) < 5 * (6 / n).squareRoot())
        #expect(abs(s4 / n - 3) < 5 * (96 / n).squareRoot())  // var(x⁴) = E x⁸ - 9 = 105 - 9 = 96
        #expect(Self.draws.allSatisfy { $0.isFinite })
    }

    /// P(|z| > r) = erfc(r/√2) ≈ 2.6e-4: about 260 of a million draws come from the tail branch; binomial standard
    /// error √(n p (1 - p)). Beyond r the tail must keep falling like the normal: P(|z| > 4) = 6.3e-5 of them.
    @Test func tail() {
        let n = Double(Self.count), r = ZigguratNormal.r
        for edge in [r, 4.0] {
            let p = erfc(edge / 2.0.squareRoot())
            let beyond = Double(Self.draws.filter { abs($0) > edge }.count)
            #expect(abs(beyond - n * p) < 5 * (n * p * (1 - p)).squareRoot(), "edge \(edge): \(beyond), expected \(n * p)")
        }
        #expect(Self.draws.contains { $0 > r } && Self.draws.contains { $0 < -r })
    }

    /// 64 bins of width 1/8 over [-4, 4], each bin's count within 5 binomial standard errors of n · (Φ(b) - Φ(a)):
    /// the wedges of the 255 layers all fall in this range.
    @Test func binnedFrequencies() {
        var counts = [Int](repeating: 0, count: 64)
        for x in Self.draws where x >= -4 && x < 4 {
            counts[min(63, Int((x + 4) * 8))] += 1
        }
        let n = Double(Self.count)
        for bin in 0..<64 {
            let a = -4 + Double(bin) / 8, b = a + 1.0 / 8
            let p = Self.cdf(b) - Self.cdf(a)
            #expect(abs(Double(counts[bin]) - n * p) < 5 * (n * p * (1 - p)).squareRoot(), "bin [\(a), \(b))")
        }
    }

    /// Half the draws are negative (the sign is its own bit).
    @Test func symmetric() {
        let n = Double(Self.count)
        let negative = Double(Self.draws.filter { $0 < 0 }.count)
        #expect(abs(negative - n / 2) < 5 * (n / 4).squareRoot())
    }

    /// The tables against the construction's geometry: x_i = w[i] · 2^52, x_255 = r, f[i] = exp(-x_i²/2) with
    /// f[0] = 1, every layer i ≥ 1 of area x_i · (f[i-1] - f[i]) = v and the base region's virtual width
    /// x_0 = v / f(r), where v = r f(r) + √(π/2) erfc(r/√2); k[i] / 2^52 = x_{i-1} / x_i (k[0]: r / x_0, k[1] = 0).
    @Test func tablesHaveTheZigguratsGeometry() {
        let z = ZigguratNormal.shared, r = ZigguratNormal.r, scale = 0x1p52
        let fr = exp(-r * r / 2)
        let v = r * fr + (Double.pi / 2).squareRoot() * erfc(r / 2.0.squareRoot())
        let x = z.w.map { $0 * scale }
        #expect(z.k.count == 256 && z.w.count == 256 && z.f.count == 256)
        #expect(x[255] == r)
        #expect(abs(x[0] * fr - v) < 1e-15)
        #expect(z.f[0] == 1)
        #expect(z.k[1] == 0)
        #expect(abs(Double(z.k[0]) / scale - r / x[0]) < 1e-15)
        for i in 1...255 {
            #expect(abs(z.f[i] - exp(-x[i] * x[i] / 2)) < 1e-15)
            #expect(abs(x[i] * (z.f[i - 1] - z.f[i]) - v) < 1e-12 * v, "layer \(i)")
            if i >= 2 { #expect(abs(Double(z.k[i]) / scale - x[i - 1] / x[i]) < 1e-15, "k[\(i)]") }
        }
    }

    /// The tail branch alone: P(z > r + a | z > r) = erfc((r + a)/√2) / erfc(r/√2), in 8 bins of width 1/8 and
    /// beyond, each within 5 binomial standard errors over 100 000 draws.
    @Test func tailFollowsTheNormalTail() {
        var stream = RandomStream(seed: 77, key: "test/tail")
        let n = 100_000, r = ZigguratNormal.r
        let draws = (0..<n).map { _ in ZigguratNormal.tail(&stream) }
        #expect(draws.allSatisfy { $0 > r })
        func survival(_ a: Double) -> Double { erfc((r + a) / 2.0.squareRoot()) / erfc(r / 2.0.squareRoot()) }
        for bin in 0...8 {
            let a = Double(bin) / 8, b = bin == 8 ? Double.infinity : a + 1.0 / 8
            let p = survival(a) - (b.isFinite ? survival(b) : 0)
            let count = Double(draws.filter { $0 - r >= a && $0 - r < b }.count)
            #expect(abs(count - Double(n) * p) < 5 * (Double(n) * p * (1 - p)).squareRoot(), "excess in [\(a), \(b))")
        }
    }

    /// `fill` gives the same draws as `next`, in order, rounded to Float.
    @Test func fillMatchesNext() {
        var a = RandomStream(seed: 9, key: "k"), b = RandomStream(seed: 9, key: "k")
        var buffer = [Float](repeating: 0, count: 1000)
        buffer.withUnsafeMutableBufferPointer { ZigguratNormal.shared.fill($0, from: &a) }
        #expect(buffer == (0..<1000).map { _ in Float(ZigguratNormal.shared.next(&b)) })
    }
}
