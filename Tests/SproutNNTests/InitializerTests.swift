import SproutRandom
import Testing
@testable import SproutNN

/// Each initializer fills a 256 x 512 weight (fanOut 256, fanIn 512, n = 131072 samples) and its sample moments are
/// compared with the formula, written out again here independently of Initializer.swift. Tolerances are 5 standard
/// errors: SE(mean) = sigma / sqrt(n), SE(std) ~ sigma * sqrt((kurtosis - 1) / (4n)) (kurtosis 3 for a normal,
/// 9/5 for a uniform; this is sigma / sqrt(2n) for a normal).
@Suite struct InitializerTests {
    static let fanOut = 256, fanIn = 512
    static let n = Double(fanOut * fanIn)

    static func sample(_ initializer: Initializer, key: String = "init/test.weight") -> [Float] {
        var values = [Float](repeating: .nan, count: fanOut * fanIn)
        var stream = RandomStream(seed: 2024, key: key)
        initializer.fill(&values, fanIn: fanIn, fanOut: fanOut, stream: &stream)
        return values
    }

    static func moments(_ values: [Float]) -> (mean: Double, std: Double, min: Float, max: Float) {
        var sum = 0.0, sumSquares = 0.0
        for v in values { sum += Double(v); sumSquares += Double(v) * Double(v) }
        let mean = sum / Double(values.count)
        return (mean, (sumSquares / Double(values.count) - mean * mean).squareRoot(),
                values.min() ?? .nan, values.max() ?? .nan)
    }

    static func expectUniform(_ initializer: Initializer, low: Double, high: Double) {
        let values = sample(initializer)
        let m = moments(values)
        let sigma = (high - low) / 12.0.squareRoot()
        #expect(abs(m.mean - (low + high) / 2) < 5 * sigma / n.squareRoot(), "\(initializer) mean \(m.mean)")
        #expect(abs(m.std - sigma) < 5 * sigma * (0.8 / (4 * n)).squareRoot(), "\(initializer) std \(m.std)")
        // Never outside the bounds (rounded to Float, see Initializer+Fill), and reaching close to both ends: the
        // chance that no sample falls in the outer 0.05% at one end is (1 - 0.0005)^n, about e^-65.
        #expect(m.min >= Float(low) && m.max <= Float(high), "\(initializer) range \(m.min)...\(m.max)")
        #expect(Double(m.min) < low + 0.0005 * (high - low) && Double(m.max) > high - 0.0005 * (high - low))
    }

    static func expectNormal(_ initializer: Initializer, mean: Double, std: Double) {
        let m = moments(sample(initializer))
        #expect(abs(m.mean - mean) < 5 * std / n.squareRoot(), "\(initializer) mean \(m.mean)")
        #expect(abs(m.std - std) < 5 * std / (2 * n).squareRoot(), "\(initializer) std \(m.std)")
    }

    @Test func constants() {
        #expect(Self.sample(.zeros).allSatisfy { $0 == 0 })
        #expect(Self.sample(.ones).allSatisfy { $0 == 1 })
        #expect(Self.sample(.constant(-0.25)).allSatisfy { $0 == -0.25 })
    }

    @Test func uniformAndNormal() {
        Self.expectUniform(.uniform(low: 0, high: 1), low: 0, high: 1)
        Self.expectUniform(.uniform(low: -2, high: 3), low: -2, high: 3)
        Self.expectNormal(.normal(mean: 0, std: 1), mean: 0, std: 1)
        Self.expectNormal(.normal(mean: 1.5, std: 0.02), mean: 1.5, std: 0.02)
    }

    @Test func xavier() {
        let b = (6.0 / Double(Self.fanIn + Self.fanOut)).squareRoot()
        Self.expectUniform(.xavierUniform(gain: 1), low: -b, high: b)
        Self.expectUniform(.xavierUniform(gain: 5.0 / 3), low: -b * 5 / 3, high: b * 5 / 3)
        Self.expectNormal(.xavierNormal(gain: 1), mean: 0, std: (2.0 / Double(Self.fanIn + Self.fanOut)).squareRoot())
        Self.expectNormal(.xavierNormal(gain: 2), mean: 0, std: 2 * (2.0 / Double(Self.fanIn + Self.fanOut)).squareRoot())
    }

    @Test func kaiming() {
        let fanIn = Double(Self.fanIn), fanOut = Double(Self.fanOut)
        // PyTorch defaults: fan_in, leaky_relu(0) -> gain sqrt(2): bound sqrt(6 / fan_in), std sqrt(2 / fan_in).
        Self.expectUniform(.kaimingUniform(mode: .fanIn, nonlinearity: .leakyRelu(slope: 0)), low: -(6 / fanIn).squareRoot(), high: (6 / fanIn).squareRoot())
        Self.expectNormal(.kaimingNormal(mode: .fanIn, nonlinearity: .leakyRelu(slope: 0)), mean: 0, std: (2 / fanIn).squareRoot())
        Self.expectNormal(.kaimingNormal(mode: .fanOut, nonlinearity: .relu), mean: 0, std: (2 / fanOut).squareRoot())
        Self.expectNormal(.kaimingNormal(mode: .fanIn, nonlinearity: .tanh), mean: 0, std: 5.0 / 3 / fanIn.squareRoot())
        let torchLinear = 1 / fanIn.squareRoot()  // nn.Linear's default weight: U(+-1/sqrt(fan_in))
        Self.expectUniform(.kaimingUniform(mode: .fanIn, nonlinearity: .leakyRelu(slope: 5.0.squareRoot())),
                           low: -torchLinear, high: torchLinear)
        let seluBound = 3.0.squareRoot() * 0.75 / fanOut.squareRoot()
        Self.expectUniform(.kaimingUniform(mode: .fanOut, nonlinearity: .selu), low: -seluBound, high: seluBound)
    }

    @Test func lecun() {
        let b = (3.0 / Double(Self.fanIn)).squareRoot()
        Self.expectUniform(.lecunUniform, low: -b, high: b)
        Self.expectNormal(.lecunNormal, mean: 0, std: 1 / Double(Self.fanIn).squareRoot())
    }

    /// PyTorch's `calculate_gain` table.
    @Test func gainTable() {
        #expect(Nonlinearity.linear.gain == 1)
        #expect(Nonlinearity.sigmoid.gain == 1)
        #expect(Nonlinearity.tanh.gain == 5.0 / 3.0)
        #expect(Nonlinearity.relu.gain == 2.0.squareRoot())
        #expect(Nonlinearity.leakyRelu(slope: 0).gain == 2.0.squareRoot())
        #expect(abs(Nonlinearity.leakyRelu(slope: 0.01).gain - (2.0 / 1.0001).squareRoot()) < 1e-15)
        #expect(Nonlinearity.selu.gain == 0.75)
    }

    /// A bias is filled with its layer's fans (PyTorch's nn.Linear rule): lecunUniform on a [fanOut] bias is
    /// U(+-sqrt(3 / fanIn)); and the same stream reproduces the same values.
    @Test func biasUsesLayerFansAndIsDeterministic() {
        var bias = [Float](repeating: 0, count: 4096)
        var stream = RandomStream(seed: 1, key: "init/layer.bias")
        Initializer.lecunUniform.fill(&bias, fanIn: 3, fanOut: 4096, stream: &stream)
        let bound = Float((3.0 / 3).squareRoot())
        #expect(bias.allSatisfy { abs($0) <= bound })
        #expect((bias.map { abs($0) }.max() ?? 0) > 0.99 * bound)
        #expect(Self.sample(.xavierNormal(gain: 1)) == Self.sample(.xavierNormal(gain: 1)))
        #expect(Self.sample(.xavierNormal(gain: 1)) != Self.sample(.xavierNormal(gain: 1), key: "init/other.weight"))
    }
}
