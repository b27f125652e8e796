import SproutShapes
import Testing
@testable import SproutNN

/// batch_norm and layer_norm on images: PyTorch's `nn.BatchNorm2d(C)` (per-channel statistics over batch × H × W)
/// and `nn.LayerNorm([C, H, W])` (each example over all its values): parameter shapes, the running statistics'
/// formula, and finite-difference checks (see GradientCheck; O(1) inputs keep σ ~ 1, as in NodeGradientCheckTests).
@Suite struct ImageNormalizationTests {
    static let shape = FeatureShape.image(channels: 2, height: 3, width: 2)

    static func network(_ operation: NodeSpec.Operation) throws -> Network {
        let network = try Network(inputShape: shape, nodes: [NodeSpec(name: "norm", operation: operation)],
                                  output: "norm")
        network.initialize(seed: 0)
        return network
    }

    @Test func parameterAndBufferShapes() throws {
        let bn = try Self.network(.batchNorm(momentum: 0.1, eps: 1e-5, affine: true))
        #expect(bn.parameters.map(\.shape) == [[2], [2]])
        #expect(bn.buffers.map(\.name) == ["norm.running_mean", "norm.running_var", "norm.num_batches_tracked"])
        #expect(bn.buffers.map(\.shape) == [[2], [2], []])
        #expect(bn.shape(of: "norm") == Self.shape)
        let ln = try Self.network(.layerNorm(eps: 1e-5, affine: true))
        #expect(ln.parameters.map(\.shape) == [[2, 3, 2], [2, 3, 2]])
        #expect(ln.parameters.map(\.value) == [[Float](repeating: 1, count: 12), [Float](repeating: 0, count: 12)])
    }

    /// Channel 0 of two examples holds 1...6 and 7...12 (N = 2 · 3 · 2 = 12 values: mean 6.5, biased variance
    /// (12² - 1) / 12 = 143/12); channel 1 holds 10 · the same (mean 65, variance 14300/12). After one training
    /// forward with momentum 0.1: running_mean = 0.1 · mean, running_var = 0.9 + 0.1 · variance · 12/11 (PyTorch's
    /// unbiased factor with n = batch · H · W); the output of channel 0 is (x - 6.5) / √(143/12 + eps).
    @Test func batchNormStatisticsPerChannel() throws {
        let network = try Self.network(.batchNorm(momentum: 0.1, eps: 1e-5, affine: false))
        let channel = (1...12).map(Float.init)
        let x = Array(channel[0..<6]) + channel[0..<6].map { 10 * $0 } + Array(channel[6..<12])
            + channel[6..<12].map { 10 * $0 }
        let y = Array(try network.forward(x, batch: 2, mode: .training))
        let mean = network.buffers[0].values, variance = network.buffers[1].values
        guard case .float32(let rm) = mean, case .float32(let rv) = variance else {
            Issue.record("running statistics are not float32")
            return
        }
        let biased: Double = 143.0 / 12
        let unbiased0: Double = 0.9 + 0.1 * biased * 12 / 11, unbiased1: Double = 0.9 + 0.1 * 100 * biased * 12 / 11
        let s0: Double = 1 / (biased + 1e-5).squareRoot(), s1: Double = 1 / (100 * biased + 1e-5).squareRoot()
        #expect(abs(Double(rm[0]) - 0.65) < 1e-6)
        #expect(abs(Double(rm[1]) - 6.5) < 1e-5)
        #expect(abs(Double(rv[0]) - unbiased0) < 1e-5)
        #expect(abs(Double(rv[1]) - unbiased1) < 1e-3)
        #expect(abs(Double(y[0]) - -5.5 * s0) < 1e-5)
        #expect(abs(Double(y[12 + 5]) - 5.5 * s0) < 1e-5)
        #expect(abs(Double(y[6]) - -55 * s1) < 1e-5)
    }

    /// layer_norm over [C, H, W]: one example's 12 values 1...12 normalize to (x - 6.5) / √(143/12 + eps), with no
    /// regard to channels.
    @Test func layerNormOverTheWholeImage() throws {
        let network = try Self.network(.layerNorm(eps: 1e-5, affine: true))
        let y = try network.forward((1...12).map(Float.init), batch: 1)
        let s: Double = 1 / (143.0 / 12 + 1e-5).squareRoot()
        for i in 0..<12 {
            let expected: Double = (Double(i + 1) - 6.5) * s
            #expect(abs(Double(y[i]) - expected) < 1e-5)
        }
    }

    @Test(arguments: [ForwardMode.training, .evaluation])
    func batchNormGradients(mode: ForwardMode) throws {
        let network = try Self.network(.batchNorm(momentum: 0.1, eps: 1e-5, affine: true))
        try NodeGradientCheckTests.randomizeParameters(network, key: "test/bn2d")
        let x = GradientCheck.randomValues(3 * 12, key: "test/x")
        try network.forward(x, batch: 3, mode: .training)  // moves the running statistics off 0 and 1
        let failures = try GradientCheck.mismatches(network, x: x, batch: 3,
                                                    loss: GradientCheckTests.projection(network, batch: 3, mode: mode))
        #expect(failures.isEmpty, "\(failures)")
    }

    @Test(arguments: [true, false])
    func layerNormGradients(affine: Bool) throws {
        let network = try Self.network(.layerNorm(eps: 1e-5, affine: affine))
        try NodeGradientCheckTests.randomizeParameters(network, key: "test/ln2d")
        let x = GradientCheck.randomValues(2 * 12, key: "test/x")
        let failures = try GradientCheck.mismatches(network, x: x, batch: 2,
                                                    loss: GradientCheckTests.projection(network, batch: 2))
        #expect(failures.isEmpty, "\(failures)")
    }
}
