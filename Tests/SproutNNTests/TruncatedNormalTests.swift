import Foundation
import SproutRandom
import Testing
@testable import SproutNN

/// The truncated normal (`nn.init.trunc_normal_`) against the moments of a normal truncated to [a, b], written out
/// here from the formulas (Johnson, Kotz & Balakrishnan, "Continuous Univariate Distributions" vol. 1, §10.1):
/// with `α = (a - μ)/σ`, `β = (b - μ)/σ`, `Z = Φ(β) - Φ(α)`,
/// mean `μ + σ (φ(α) - φ(β)) / Z`, variance `σ² (1 + (α φ(α) - β φ(β)) / Z - ((φ(α) - φ(β)) / Z)²)`.
/// 256 x 512 = 131072 samples; tolerances are 5 standard errors: SE(mean) = s / √n and, for the std,
/// s · √((κ - 1) / (4n)) with the kurtosis κ bounded by 9 (an exponential's; a one-sided tail truncation is at most
/// that heavy), i.e. s · √(2 / n).
@Suite struct TruncatedNormalTests {
    static func phi(_ x: Double) -> Double { x.isInfinite ? 0 : exp(-x * x / 2) / (2 * Double.pi).squareRoot() }
    static func cdf(_ x: Double) -> Double { 0.5 * erfc(-x / 2.0.squareRoot()) }

    static func expected(mean: Double, std: Double, a: Double, b: Double) -> (mean: Double, std: Double) {
        let alpha = (a - mean) / std, beta = (b - mean) / std
        let z = cdf(beta) - cdf(alpha)
        let shift = (phi(alpha) - phi(beta)) / z
        let variance = 1 + (alpha * phi(alpha) - beta * phi(beta)) / z - shift * shift
        return (mean + std * shift, std * variance.squareRoot())
    }

    @Test(arguments: [(0.0, 1.0, -2.0, 2.0), (0.5, 2.0, -1.0, 4.0), (0.0, 1.0, 3.0, 5.0), (1.0, 0.1, 0.0, 0.7),
                      (0.0, 0.02, -0.04, 0.04)])
    func momentsAndBounds(mean: Double, std: Double, a: Double, b: Double) {
        let values = InitializerTests.sample(.truncatedNormal(mean: mean, std: std, a: a, b: b))
        let m = InitializerTests.moments(values)
        let e = Self.expected(mean: mean, std: std, a: a, b: b)
        let n = InitializerTests.n
        #expect(abs(m.mean - e.mean) < 5 * e.std / n.squareRoot(), "mean \(m.mean), expected \(e.mean)")
        #expect(abs(m.std - e.std) < 5 * e.std * (2 / n).squareRoot(), "std \(m.std), expected \(e.std)")
        #expect(m.min >= Float(a) && m.max <= Float(b), "range \(m.min)...\(m.max)")
        #expect(values.allSatisfy { $0.isFinite })
    }

    /// A standard deviation of 0 is the mean, clamped into [a, b].
    @Test func zeroStdIsTheClampedMean() {
        #expect(InitializerTests.sample(.truncatedNormal(mean: 0.5, std: 0, a: -1, b: 1)).allSatisfy { $0 == 0.5 })
        #expect(InitializerTests.sample(.truncatedNormal(mean: 3, std: 0, a: -1, b: 1)).allSatisfy { $0 == 1 })
    }

    /// Φ⁻¹ inverts Φ to Double precision across 300 decades of the lower tail and the upper one, and matches known
    /// quantiles (1.959963984540054 is the 97.5% point).
    @Test func quantileInvertsTheCDF() {
        #expect(abs(StandardNormal.quantile(0.975) - 1.959963984540054) < 1e-14)
        #expect(StandardNormal.quantile(0.5) == 0)
        #expect(StandardNormal.quantile(0) == -.infinity && StandardNormal.quantile(1) == .infinity)
        for exponent in stride(from: -300.0, through: -0.5, by: 0.5) {
            let p = pow(10, exponent)
            let x = StandardNormal.quantile(p)
            // Best possible: x within a few ulps, and one ulp of x moves Φ by |x| · ulp(x) relative (Φ'/Φ ≈ |x|
            // in the tail), 2.6e-13 at x = -37.
            #expect(abs(Self.cdf(x) - p) <= p * (1e-14 + 4 * abs(x) * x.ulp), "p \(p): x \(x)")
            // Symmetry, where 1 - p is exact enough in Double to test it (p >= 1e-4: an error of 1e-16 in 1 - p
            // moves the quantile by under 1e-12).
            if p >= 1e-4 { #expect(abs(StandardNormal.quantile(1 - p) + x) < 1e-10, "p \(p)") }
        }
    }
}

/// Keras' VarianceScaling: variance `scale / n` for each mode and distribution, the fans written out here again.
/// Same sample size and 5-standard-error tolerances as InitializerTests.
@Suite struct VarianceScalingTests {
    static let fanIn = Double(InitializerTests.fanIn), fanOut = Double(InitializerTests.fanOut)

    @Test(arguments: [(VarianceScalingMode.fanIn, fanIn), (.fanOut, fanOut), (.fanAvg, (fanIn + fanOut) / 2)])
    func everyModeAndDistribution(mode: VarianceScalingMode, n: Double) {
        let scale = 2.0, variance = scale / n
        let bound = (3 * variance).squareRoot()
        InitializerTests.expectUniform(.varianceScaling(scale: scale, mode: mode, distribution: .uniform),
                                       low: -bound, high: bound)
        InitializerTests.expectNormal(.varianceScaling(scale: scale, mode: mode, distribution: .untruncatedNormal),
                                      mean: 0, std: variance.squareRoot())
        // Truncated at ±2 of the widened std s = √v / 0.8796…: the truncated-normal formula gives back std √v.
        let s = variance.squareRoot() / 0.87962566103423978
        let expected = TruncatedNormalTests.expected(mean: 0, std: s, a: -2 * s, b: 2 * s)
        #expect(abs(expected.std - variance.squareRoot()) < 1e-12 * variance.squareRoot())
        let values = InitializerTests.sample(.varianceScaling(scale: scale, mode: mode, distribution: .truncatedNormal))
        let m = InitializerTests.moments(values)
        let count = InitializerTests.n
        #expect(abs(m.mean) < 5 * expected.std / count.squareRoot(), "mean \(m.mean)")
        #expect(abs(m.std - expected.std) < 5 * expected.std * (2 / count).squareRoot(), "std \(m.std)")
        #expect(m.min >= Float(-2 * s) && m.max <= Float(2 * s), "range \(m.min)...\(m.max)")
        // Reaching close to ±2s: the density there is φ(2)/Z > 0.05 per unit of s, so no sample in the outer 0.01 s
        // at one end has chance below (1 - 0.0005)^n.
        #expect(Double(m.max) > 1.99 * s && Double(m.min) < -1.99 * s)
    }

    @Test func zeroScaleIsZero() {
        #expect(InitializerTests.sample(.varianceScaling(scale: 0, mode: .fanIn, distribution: .truncatedNormal))
            .allSatisfy { $0 == 0 })
    }
}
