import SproutShapes
import Testing
@testable import SproutNN

/// Finite-difference checks of conv2d (see GradientCheck for the tolerance): every geometry the layer supports, on
/// a batch of 2 so that per-example offsets are exercised. The loss is a fixed projection of the output, linear in
/// the weight and the input, so the central difference has no truncation error; weights N(0, 0.5) and inputs
/// N(0, 1) keep the outputs O(1), and a perturbation changes only the few outputs that read the perturbed value
/// (the rest are recomputed bit for bit), so the rounding noise stays far inside the bound.
@Suite struct ConvGradientCheckTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let input: FeatureShape
        let filters: Int
        let window: Window2D
        var groups = 1
        var bias = true
        var testDescription: String { name }
    }

    static let same2x4 = (Window2D.samePadding(kernel: 2, dilation: 1), Window2D.samePadding(kernel: 4, dilation: 1))

    static let cases: [Case] = [
        Case(name: "stride 2, padding 1", input: .image(channels: 2, height: 5, width: 5), filters: 3,
             window: Window2D(kernelHeight: 3, kernelWidth: 3, strideHeight: 2, strideWidth: 2,
                              padTop: 1, padBottom: 1, padLeft: 1, padRight: 1)),
        // PyTorch's `same` for a 2x4 kernel: 0 above, 1 below, 1 left, 2 right.
        Case(name: "asymmetric same padding, even kernel", input: .image(channels: 2, height: 4, width: 5), filters: 2,
             window: Window2D(kernelHeight: 2, kernelWidth: 4, padTop: same2x4.0.before, padBottom: same2x4.0.after,
                              padLeft: same2x4.1.before, padRight: same2x4.1.after)),
        Case(name: "dilation 2", input: .image(channels: 1, height: 7, width: 6), filters: 2,
             window: Window2D(kernelHeight: 3, kernelWidth: 2, padTop: 1, padBottom: 1, padLeft: 1, padRight: 0,
                              dilationHeight: 2, dilationWidth: 2)),
        Case(name: "groups 2", input: .image(channels: 4, height: 5, width: 4), filters: 6,
             window: Window2D(kernelHeight: 3, kernelWidth: 3, padTop: 1, padBottom: 1, padLeft: 1, padRight: 1),
             groups: 2),
        Case(name: "depthwise, multiplier 2", input: .image(channels: 3, height: 4, width: 4), filters: 6,
             window: Window2D(kernelHeight: 3, kernelWidth: 3, padTop: 1, padBottom: 1, padLeft: 1, padRight: 1),
             groups: 3),
        Case(name: "odd sizes: 7x5 input, 3x2 kernel, stride 2x1", input: .image(channels: 2, height: 7, width: 5),
             filters: 3, window: Window2D(kernelHeight: 3, kernelWidth: 2, strideHeight: 2, strideWidth: 1,
                                          padTop: 1, padBottom: 0, padLeft: 0, padRight: 1)),
        Case(name: "no bias, stride 3 (the last rows unread)", input: .image(channels: 1, height: 5, width: 5), filters: 2,
             window: Window2D(kernelHeight: 3, kernelWidth: 3, strideHeight: 3, strideWidth: 3), bias: false),
    ]

    static func conv(_ name: String, filters: Int, window: Window2D, groups: Int = 1, bias: Bool = true,
                     inputs: [String] = []) -> NodeSpec {
        NodeSpec(name: name, operation: .conv2d(filters: filters, window: window, groups: groups, bias: bias,
                                                weightInit: .normal(mean: 0, std: 0.5),
                                                biasInit: .normal(mean: 0, std: 0.5)), inputs: inputs)
    }

    @Test(arguments: Self.cases)
    func conv(_ c: Case) throws {
        let network = try Network(inputShape: c.input, nodes: [
            Self.conv("conv", filters: c.filters, window: c.window, groups: c.groups, bias: c.bias),
        ], output: "conv")
        network.initialize(seed: 4)
        #expect(network.parameters.map(\.name) == (c.bias ? ["conv.weight", "conv.bias"] : ["conv.weight"]))
        let x = GradientCheck.randomValues(2 * c.input.count, key: "test/x")
        let failures = try GradientCheck.mismatches(network, x: x, batch: 2,
                                                    loss: GradientCheckTests.projection(network, batch: 2))
        #expect(failures.isEmpty, "\(failures)")
    }

    /// The columns of the batch are kept from forward when they fit, rebuilt in backward otherwise: both give the
    /// same gradients, bit for bit (the limit is lowered below one batch's columns to force the rebuild).
    @Test func rebuiltColumnsGiveTheSameGradients() throws {
        func gradients(limit: Int?) throws -> [[Float]] {
            let network = try Network(inputShape: .image(channels: 2, height: 5, width: 4), nodes: [
                Self.conv("conv", filters: 3, window: Window2D(kernelHeight: 3, kernelWidth: 2, padTop: 1, padBottom: 1)),
            ], output: "conv")
            network.initialize(seed: 1)
            if let limit {
                let layer = try #require(NodeGradientCheckTests.layer(network, "conv", as: Conv2D.self))
                layer.keptColumnsLimit = limit
            }
            let x = GradientCheck.randomValues(3 * 40, key: "test/x")
            try network.forward(x, batch: 3)
            network.zeroGradients()
            var dx = [Float]()
            try network.backward(outputGradient: GradientCheck.randomValues(3 * network.outputWidth, key: "test/dy"),
                                 inputGradient: &dx)
            return network.parameters.map(\.gradient) + [dx]
        }
        #expect(try gradients(limit: nil) == gradients(limit: 1))
    }
}
