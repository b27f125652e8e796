import SproutRandom
import Testing
@testable import SproutNN

/// Initializers on a convolution's 4-D weight: PyTorch's receptive-field fans (`_calculate_fan_in_and_fan_out`),
/// the statistics they give, orthogonal on the flattened kernel, and dirac. Expected values are written out from the
/// formulas here, independently of Initializer.swift.
@Suite struct ConvInitializerTests {
    /// `[128, 64, 4, 4]`: 256 channels in 4 groups (64 per group), 4x4 kernels, n = 131072 values (the size of
    /// InitializerTests' samples, so the same 5-standard-error tolerances apply). PyTorch's fans:
    /// fan_in = 64 · 16 = 1024, fan_out = 128 · 16 = 2048 (the groups change fan_in through C/G only).
    static let weight = InitializerTarget.convolutionWeight(filters: 128, channels: 256, groups: 4, kernelHeight: 4,
                                                            kernelWidth: 4)
    static let fanIn = 1024.0, fanOut = 2048.0
    static let n = 131072.0

    static func sample(_ initializer: Initializer, target: InitializerTarget = weight, seed: UInt64 = 5) -> [Float] {
        var values = [Float](repeating: .nan, count: target.count)
        var stream = RandomStream(seed: seed, key: "init/conv.weight")
        initializer.fill(&values, target: target, stream: &stream)
        return values
    }

    static func expectUniform(_ initializer: Initializer, bound: Double) {
        let values = sample(initializer)
        let m = InitializerTests.moments(values)
        let sigma = 2 * bound / 12.0.squareRoot()
        #expect(abs(m.mean) < 5 * sigma / n.squareRoot(), "\(initializer) mean \(m.mean)")
        #expect(abs(m.std - sigma) < 5 * sigma * (0.8 / (4 * n)).squareRoot(), "\(initializer) std \(m.std)")
        #expect(m.min >= Float(-bound) && m.max <= Float(bound), "\(initializer) range \(m.min)...\(m.max)")
        #expect(Double(m.min) < -bound * 0.999 && Double(m.max) > bound * 0.999)
    }

    static func expectNormal(_ initializer: Initializer, std: Double) {
        let m = InitializerTests.moments(sample(initializer))
        #expect(abs(m.mean) < 5 * std / n.squareRoot(), "\(initializer) mean \(m.mean)")
        #expect(abs(m.std - std) < 5 * std / (2 * n).squareRoot(), "\(initializer) std \(m.std)")
    }

    @Test func fansCountTheReceptiveField() {
        #expect(Self.weight.shape == [128, 64, 4, 4])
        #expect(Self.weight.fanIn == 1024 && Self.weight.fanOut == 2048)
        #expect(Self.weight.rows == 128 && Self.weight.columns == 1024)
        // A 3x5 kernel, 6 channels in 3 groups, 9 filters: fan_in = 2 · 15 = 30, fan_out = 9 · 15 = 135.
        let odd = InitializerTarget.convolutionWeight(filters: 9, channels: 6, groups: 3, kernelHeight: 3, kernelWidth: 5)
        #expect(odd.shape == [9, 2, 3, 5] && odd.fanIn == 30 && odd.fanOut == 135 && odd.groups == 3)
        let bias = InitializerTarget.convolutionBias(filters: 9, channels: 6, groups: 3, kernelHeight: 3, kernelWidth: 5)
        #expect(bias.shape == [9] && bias.fanIn == 30 && bias.fanOut == 135 && bias.rows == 9 && bias.columns == 1)
    }

    @Test func kaimingXavierLecunUseReceptiveFieldFans() {
        Self.expectUniform(.kaimingUniform(mode: .fanIn, nonlinearity: .relu), bound: (6 / Self.fanIn).squareRoot())
        Self.expectNormal(.kaimingNormal(mode: .fanOut, nonlinearity: .relu), std: (2 / Self.fanOut).squareRoot())
        // nn.Conv2d's own default weight: kaiming_uniform_(a=√5) = U(±1/√fan_in).
        Self.expectUniform(.kaimingUniform(mode: .fanIn, nonlinearity: .leakyRelu(slope: 5.0.squareRoot())),
                           bound: 1 / Self.fanIn.squareRoot())
        Self.expectUniform(.xavierUniform(gain: 1), bound: (6 / (Self.fanIn + Self.fanOut)).squareRoot())
        Self.expectNormal(.xavierNormal(gain: 2), std: 2 * (2 / (Self.fanIn + Self.fanOut)).squareRoot())
        Self.expectUniform(.lecunUniform, bound: (3 / Self.fanIn).squareRoot())
        Self.expectNormal(.lecunNormal, std: 1 / Self.fanIn.squareRoot())
        // variance_scaling(2, fan_avg, uniform): v = 2 / 1536, bound √(3v).
        Self.expectUniform(.varianceScaling(scale: 2, mode: .fanAvg, distribution: .uniform),
                           bound: (3 * 2 / ((Self.fanIn + Self.fanOut) / 2)).squareRoot())
        Self.expectNormal(.varianceScaling(scale: 1, mode: .fanOut, distribution: .untruncatedNormal),
                          std: (1 / Self.fanOut).squareRoot())
    }

    /// variance_scaling's truncated normal on the conv fans: N(0, s) cut at ±2s with s = √(1/fan_in) / 0.8796…, so
    /// the variance is 1/fan_in again and nothing lies beyond 2s.
    @Test func truncatedVarianceScaling() {
        let values = Self.sample(.varianceScaling(scale: 1, mode: .fanIn, distribution: .truncatedNormal))
        let std = (1 / Self.fanIn).squareRoot(), s = std / 0.87962566103423978
        let m = InitializerTests.moments(values)
        #expect(abs(m.std - std) < 5 * std / (2 * Self.n).squareRoot(), "std \(m.std)")
        #expect(m.min >= Float(-2 * s) && m.max <= Float(2 * s))
    }

    /// A conv bias takes the layer's fans: lecun_uniform on `[filters]` is U(±√(3 / fan_in)), fan_in = C/G · kh · kw.
    @Test func biasTakesTheLayerFans() {
        let bias = InitializerTarget.convolutionBias(filters: 128, channels: 256, groups: 4, kernelHeight: 4,
                                                     kernelWidth: 4)
        guard case .uniform(let low, let high) = Initializer.lecunUniform.distribution(for: bias) else {
            Issue.record("lecun_uniform is not a uniform")
            return
        }
        #expect(abs(high - (3 / 1024.0).squareRoot()) < 1e-15 && low == -high)
        guard case .normal(_, let std) = Initializer.kaimingNormal(mode: .fanOut, nonlinearity: .linear)
            .distribution(for: bias) else {
            Issue.record("kaiming_normal is not a normal")
            return
        }
        #expect(abs(std - 1 / 2048.0.squareRoot()) < 1e-15)
    }

    /// Orthogonal views the weight as `filters × (C/G · kh · kw)`: 8 filters of 2 · 3 · 3 = 18 values have
    /// orthonormal rows (times gain); 32 filters of 1 · 2 · 2 = 4 values (more filters than values) orthonormal
    /// columns.
    @Test func orthogonalOnTheFlattenedKernel() {
        let wide = InitializerTarget.convolutionWeight(filters: 8, channels: 2, groups: 1, kernelHeight: 3, kernelWidth: 3)
        let w = Self.sample(.orthogonal(gain: 1.5), target: wide)
        #expect(StructuredInitializerTests.orthogonalityError(w, rows: 8, cols: 18, gain: 1.5) < 1e-5)
        let tall = InitializerTarget.convolutionWeight(filters: 32, channels: 2, groups: 2, kernelHeight: 2, kernelWidth: 2)
        let t = Self.sample(.orthogonal(gain: 1), target: tall)
        #expect(StructuredInitializerTests.orthogonalityError(t, rows: 32, cols: 4, gain: 1) < 1e-5)
    }

    /// dirac `[4, 2, 3, 3]`, one group: filters 0 and 1 have a 1 at the centre of kernel [d, d]; filters 2, 3 (more
    /// filters than channels) are 0. Flat index of `[f, c, i, j]` is `((f · 2 + c) · 3 + i) · 3 + j`.
    @Test func diracOneGroup() {
        let target = InitializerTarget.convolutionWeight(filters: 4, channels: 2, groups: 1, kernelHeight: 3, kernelWidth: 3)
        let w = Self.sample(.dirac, target: target)
        var expected = [Float](repeating: 0, count: 72)
        expected[((0 * 2 + 0) * 3 + 1) * 3 + 1] = 1  // [0, 0, 1, 1] = 4
        expected[((1 * 2 + 1) * 3 + 1) * 3 + 1] = 1  // [1, 1, 1, 1] = 31
        #expect(w == expected)
        #expect(expected[4] == 1 && expected[31] == 1)
    }

    /// dirac with groups: `[6, 2, 2, 4]` over 4 channels in 2 groups (2 per group, 3 filters per group):
    /// `min(3, 2) = 2` ones per group at `[g · 3 + d, d, 1, 2]` (centre of an even kernel: `size // 2`).
    @Test func diracGroups() {
        let target = InitializerTarget.convolutionWeight(filters: 6, channels: 4, groups: 2, kernelHeight: 2, kernelWidth: 4)
        let w = Self.sample(.dirac, target: target)
        func index(_ f: Int, _ c: Int, _ i: Int, _ j: Int) -> Int { ((f * 2 + c) * 2 + i) * 4 + j }
        var expected = [Float](repeating: 0, count: 96)
        for (f, c) in [(0, 0), (1, 1), (3, 0), (4, 1)] { expected[index(f, c, 1, 2)] = 1 }
        #expect(w == expected)
        // Depthwise (groups = channels = filters = 3, one input channel per group): every filter's centre is 1.
        let depthwise = InitializerTarget.convolutionWeight(filters: 3, channels: 3, groups: 3, kernelHeight: 3,
                                                            kernelWidth: 3)
        #expect(Self.sample(.dirac, target: depthwise) == (0..<27).map { $0 % 9 == 4 ? 1 : 0 })
    }

    /// dirac as a bias fills zeros (the bias of an identity map); nothing is drawn; a seeded dirac is dirac.
    @Test func diracBiasAndSeeded() {
        let bias = InitializerTarget.convolutionBias(filters: 5, channels: 2, groups: 1, kernelHeight: 3, kernelWidth: 3)
        #expect(Initializer.dirac.distribution(for: bias) == .constant(0))
        #expect(Self.sample(.dirac, target: bias) == [0, 0, 0, 0, 0])
        let target = InitializerTarget.convolutionWeight(filters: 2, channels: 2, groups: 1, kernelHeight: 1, kernelWidth: 1)
        #expect(Self.sample(.seeded(.dirac, seed: 3), target: target) == [1, 0, 0, 1])
    }

    /// identity and sparse (2-D only in PyTorch; the validator refuses them on a convolution) view the weight as the
    /// `filters × rest` matrix: identity puts gain at flat position i of filter i; sparse zeroes ceil(sparsity ·
    /// filters) entries of each of the rest's columns.
    @Test func identityAndSparseOnTheMatrixView() {
        let target = InitializerTarget.convolutionWeight(filters: 3, channels: 2, groups: 1, kernelHeight: 2, kernelWidth: 2)
        let w = Self.sample(.identity(gain: 2), target: target)
        #expect(w == (0..<24).map { $0 == 0 || $0 == 9 || $0 == 18 ? 2 : 0 })
        let wide = InitializerTarget.convolutionWeight(filters: 10, channels: 2, groups: 1, kernelHeight: 2, kernelWidth: 2)
        let s = Self.sample(.sparse(sparsity: 0.25, std: 1), target: wide)
        for column in 0..<8 {
            #expect((0..<10).filter { s[$0 * 8 + column] == 0 }.count == 3, "column \(column)")  // ceil(2.5)
        }
    }
}
