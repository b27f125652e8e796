import SproutShapes
import Testing
@testable import SproutNN

/// Shapes through a network: every node's output shape (LeNet-5's, worked out from PyTorch's formula), and every
/// shape a node cannot read refused with `NetworkError.invalidShape` (or the size errors), never a trap.
@Suite struct ImageShapeTests {
    static func window(_ k: Int, stride: Int = 1, pad: Int = 0) -> Window2D {
        Window2D(kernelHeight: k, kernelWidth: k, strideHeight: stride, strideWidth: stride, padTop: pad,
                 padBottom: pad, padLeft: pad, padRight: pad)
    }

    static func conv(_ filters: Int, _ window: Window2D, groups: Int = 1, inputs: [String] = [],
                     name: String = "conv") -> NodeSpec {
        NodeSpec(name: name, operation: .conv2d(filters: filters, window: window, groups: groups, bias: true,
                                                weightInit: .kaimingUniform(mode: .fanIn, nonlinearity: .relu),
                                                biasInit: .zeros), inputs: inputs)
    }

    static let dense = NodeSpec.Operation.dense(units: 3, bias: true, weightInit: .zeros, biasInit: .zeros)

    /// LeNet-5: 28 + 2·2 - 5 + 1 = 28; pool 28/2 = 14; 14 - 5 + 1 = 10; pool 5; flatten 16 · 25 = 400.
    @Test func lenetShapes() throws {
        let network = try Network(inputShape: .image(channels: 1, height: 28, width: 28), nodes: [
            Self.conv(6, Self.window(5, pad: 2), name: "c1"),
            NodeSpec(name: "r1", operation: .activation(.relu), inputs: ["c1"]),
            NodeSpec(name: "p1", operation: .maxPool2d(Self.window(2, stride: 2)), inputs: ["r1"]),
            Self.conv(16, Self.window(5), inputs: ["p1"], name: "c2"),
            NodeSpec(name: "p2", operation: .maxPool2d(Self.window(2, stride: 2)), inputs: ["c2"]),
            NodeSpec(name: "flat", operation: .flatten, inputs: ["p2"]),
            NodeSpec(name: "fc", operation: .dense(units: 120, bias: true, weightInit: .zeros, biasInit: .zeros),
                     inputs: ["flat"]),
            NodeSpec(name: "unused", operation: .globalAvgPool, inputs: ["p1"]),
        ], output: "fc")
        #expect(network.inputShape == .image(channels: 1, height: 28, width: 28) && network.inputWidth == 784)
        let expected: [(String, FeatureShape)] = [
            ("c1", .image(channels: 6, height: 28, width: 28)), ("r1", .image(channels: 6, height: 28, width: 28)),
            ("p1", .image(channels: 6, height: 14, width: 14)), ("c2", .image(channels: 16, height: 10, width: 10)),
            ("p2", .image(channels: 16, height: 5, width: 5)), ("flat", .flat(400)), ("fc", .flat(120)),
            ("unused", .flat(6)),
        ]
        for (name, shape) in expected { #expect(network.shape(of: name) == shape, "\(name)") }
        #expect(network.shape(of: "nothing") == nil)
        #expect(network.outputShape == .flat(120) && network.outputWidth == 120)
        #expect(network.parameter(named: "c2.weight")?.shape == [16, 6, 5, 5])
        #expect(network.parameter(named: "fc.weight")?.shape == [120, 400])
        // A flat network keeps its flat shapes.
        let flat = try Network(inputWidth: 4, nodes: [NodeSpec(name: "d", operation: Self.dense)], output: "d")
        #expect(flat.inputShape == .flat(4) && flat.shape(of: "d") == .flat(3))
    }

    /// The node and the input shape the error names, or nil when building succeeded or threw something else.
    static func refusal(_ input: FeatureShape, _ nodes: [NodeSpec], output: String) -> (node: String, shape: String)? {
        do {
            _ = try Network(inputShape: input, nodes: nodes, output: output)
            return nil
        } catch {
            guard case .invalidShape(let node, let shape, let reason) = error else { return nil }
            #expect(!reason.isEmpty)
            return (node, shape)
        }
    }

    static let image = FeatureShape.image(channels: 4, height: 6, width: 5)

    @Test func refusedShapes() {
        let image = Self.image, text = "[4, 6, 5]"
        let cases: [(String, FeatureShape, [NodeSpec], String, String)] = [
            ("dense on an image", image, [NodeSpec(name: "fc", operation: Self.dense)], "fc", text),
            ("conv on flat features", .flat(30), [Self.conv(2, Self.window(3))], "conv", "[30]"),
            ("window larger than the input", image, [Self.conv(2, Self.window(7))], "conv", text),
            ("window larger than the padded input", image,
             [Self.conv(2, Window2D(kernelHeight: 9, kernelWidth: 3, padTop: 1, padBottom: 1))], "conv", text),
            ("groups not dividing the channels", image, [Self.conv(6, Self.window(3), groups: 3)], "conv", text),
            ("groups not dividing the filters", image, [Self.conv(3, Self.window(3), groups: 2)], "conv", text),
            ("groups 0", image, [Self.conv(4, Self.window(3), groups: 0)], "conv", text),
            ("kernel 0", image, [Self.conv(4, Self.window(0))], "conv", text),
            ("stride 0", image, [Self.conv(4, Self.window(3, stride: 0))], "conv", text),
            ("negative padding", image, [Self.conv(4, Self.window(3, pad: -1))], "conv", text),
            ("max pool on flat features", .flat(8), [NodeSpec(name: "p", operation: .maxPool2d(Self.window(2)))], "p", "[8]"),
            ("max pool padding over half the window", image,
             [NodeSpec(name: "p", operation: .maxPool2d(Self.window(3, pad: 2)))], "p", text),
            // Kernel 3 dilated by 3 spans 7, but PyTorch's pool2d_shape_check limits the padding to 3 / 2 = 1 (its
            // "pad should be smaller than or equal to half of kernel size"): 2 is refused.
            ("max pool padding over half the kernel, under half the dilated span", image, [NodeSpec(name: "p",
                operation: .maxPool2d(Window2D(kernelHeight: 3, kernelWidth: 3, padTop: 2, padBottom: 2, padLeft: 2,
                                               padRight: 2, dilationHeight: 3, dilationWidth: 3)))], "p", text),
            ("avg pool with dilation", image, [NodeSpec(name: "p", operation: .avgPool2d(
                Window2D(kernelHeight: 2, kernelWidth: 2, dilationHeight: 2, dilationWidth: 2), countIncludePad: true))],
             "p", text),
            ("avg pool window larger than the input", image,
             [NodeSpec(name: "p", operation: .avgPool2d(Self.window(8), countIncludePad: false))], "p", text),
            ("global avg pool on flat features", .flat(8), [NodeSpec(name: "g", operation: .globalAvgPool)], "g", "[8]"),
            ("flatten of flat features", .flat(8), [NodeSpec(name: "f", operation: .flatten)], "f", "[8]"),
        ]
        for (label, input, nodes, node, shape) in cases {
            let refusal = Self.refusal(input, nodes, output: nodes[0].name)
            #expect(refusal?.node == node && refusal?.shape == shape, "\(label): \(String(describing: refusal))")
        }
    }

    /// add needs one shape; concat joins images of one height and width, never an image and flat features.
    @Test func refusedMerges() {
        let a = Self.conv(2, Self.window(3, pad: 1), name: "a")       // [2, 6, 5]
        let b = Self.conv(2, Self.window(3), name: "b")               // [2, 4, 3]
        let c = Self.conv(3, Self.window(3, pad: 1), name: "c")       // [3, 6, 5]
        let flat = NodeSpec(name: "flat", operation: .flatten, inputs: ["a"])  // [60]
        let g = NodeSpec(name: "g", operation: .globalAvgPool, inputs: ["c"])  // [3]
        func merge(_ operation: NodeSpec.Operation, _ inputs: [String]) -> [NodeSpec] {
            [a, b, c, flat, g, NodeSpec(name: "m", operation: operation, inputs: inputs)]
        }
        #expect(Self.refusal(Self.image, merge(.add, ["a", "c"]), output: "m")?.shape == "[2, 6, 5], [3, 6, 5]")
        #expect(Self.refusal(Self.image, merge(.add, ["a", "flat"]), output: "m")?.node == "m")
        #expect(Self.refusal(Self.image, merge(.concat, ["a", "b"]), output: "m")?.shape == "[2, 6, 5], [2, 4, 3]")
        #expect(Self.refusal(Self.image, merge(.concat, ["a", "g"]), output: "m")?.node == "m")
        #expect(Self.refusal(Self.image, merge(.concat, ["g", "a"]), output: "m")?.node == "m")
        // Accepted: concat of [2, 6, 5] and [3, 6, 5] is [5, 6, 5]; of [60] and [3] is [63].
        #expect((try? Network(inputShape: Self.image, nodes: merge(.concat, ["a", "c"]), output: "m"))?
            .shape(of: "m") == .image(channels: 5, height: 6, width: 5))
        #expect((try? Network(inputShape: Self.image, nodes: merge(.concat, ["flat", "g"]), output: "m"))?
            .shape(of: "m") == .flat(63))
        // Flat widths that differ stay the width error they always were.
        #expect(throws: NetworkError.widthMismatch(node: "m", widths: [60, 3])) {
            try Network(inputShape: Self.image, nodes: merge(.add, ["flat", "g"]), output: "m")
        }
    }

    /// Sizes that would overflow or pass BLAS's 32-bit dimensions are errors: an input image whose C · H · W
    /// overflows Int, a convolution whose output or weight is too large; filters below 1; dirac on a dense weight.
    @Test func hostileSizesAndInitializers() {
        #expect(Self.refusal(.image(channels: 1 << 40, height: 1 << 40, width: 2),
                             [NodeSpec(name: "f", operation: .flatten)], output: "f")?.node == "input")
        #expect(Self.refusal(.image(channels: 0, height: 3, width: 3), [NodeSpec(name: "f", operation: .flatten)],
                             output: "f")?.node == "input")
        #expect(throws: NetworkError.sizeTooLarge(node: "conv")) {
            try Network(inputShape: .image(channels: 1, height: 40000, width: 40000),
                        nodes: [Self.conv(4, Self.window(1))], output: "conv")
        }
        // 2^31 filters of 2 values: the weight passes 2^31 - 1 values.
        #expect(throws: NetworkError.sizeTooLarge(node: "conv")) {
            try Network(inputShape: .image(channels: 2, height: 1, width: 1),
                        nodes: [Self.conv(1 << 31, Self.window(1))], output: "conv")
        }
        #expect(throws: NetworkError.invalidUnits(node: "conv", units: 0)) {
            try Network(inputShape: Self.image, nodes: [Self.conv(0, Self.window(3))], output: "conv")
        }
        let dirac = NodeSpec(name: "fc", operation: .dense(units: 2, bias: true, weightInit: .seeded(.dirac, seed: 1),
                                                           biasInit: .zeros))
        #expect(Self.refusal(.flat(3), [dirac], output: "fc")?.node == "fc")
        #expect(throws: NetworkError.initializerCountMismatch(parameter: "conv.weight", expected: 4 * 4 * 9, actual: 3)) {
            try Network(inputShape: Self.image, nodes: [
                NodeSpec(name: "conv", operation: .conv2d(filters: 4, window: Self.window(3), groups: 1, bias: false,
                                                          weightInit: .values([1, 2, 3]), biasInit: .zeros)),
            ], output: "conv")
        }
    }
}
