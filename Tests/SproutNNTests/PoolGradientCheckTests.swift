import SproutRandom
import SproutShapes
import Testing
@testable import SproutNN

/// Finite-difference checks of the pools and flatten (see GradientCheck for the tolerance), read straight from the
/// network input so that the test controls their inputs. Every pool is linear in its input between the points where
/// a maximum changes hands; max pooling is given distinct values 0.1 apart (a shuffled ramp), so a perturbation of
/// ±0.01 never changes a window's winner and the central difference sees the linear piece the gradient describes.
@Suite struct PoolGradientCheckTests {
    /// `count` distinct values `0.1 · k - 0.1 · count / 2`, shuffled: no ties, no two within 0.1.
    static func separatedValues(_ count: Int, key: String) -> [Float] {
        var order = Array(0..<count)
        var stream = RandomStream(seed: 11, key: key)
        stream.shuffle(&order)
        return order.map { Float($0 - count / 2) * 0.1 }
    }

    static func check(_ operation: NodeSpec.Operation, input: FeatureShape, x: [Float], batch: Int = 2) throws -> [String] {
        let network = try Network(inputShape: input, nodes: [NodeSpec(name: "pool", operation: operation)], output: "pool")
        network.initialize(seed: 0)
        return try GradientCheck.mismatches(network, x: x, batch: batch,
                                            loss: GradientCheckTests.projection(network, batch: batch))
    }

    static func window(_ k: Int, stride: Int, pad: Int = 0, dilation: Int = 1) -> Window2D {
        Window2D(kernelHeight: k, kernelWidth: k, strideHeight: stride, strideWidth: stride, padTop: pad,
                 padBottom: pad, padLeft: pad, padRight: pad, dilationHeight: dilation, dilationWidth: dilation)
    }

    /// Overlapping windows (stride 1 < kernel 2: a cell can win two windows, the gradients add), stride 2 < kernel 3,
    /// padding 1 with stride 2 (padding never wins: -infinity), a 3x2 window with stride (1, 2), and dilation 2.
    @Test(arguments: [
        (window(2, stride: 1), "overlapping"),
        (window(3, stride: 2), "stride 2, kernel 3"),
        (window(3, stride: 2, pad: 1), "padding 1"),
        (Window2D(kernelHeight: 3, kernelWidth: 2, strideHeight: 1, strideWidth: 2, padTop: 1, padBottom: 1), "3x2"),
        (window(2, stride: 1, pad: 1, dilation: 2), "dilation 2"),
    ])
    func maxPool(window: Window2D, label: String) throws {
        let input = FeatureShape.image(channels: 2, height: 5, width: 6)
        let x = Self.separatedValues(2 * input.count, key: "test/\(label)")
        let failures = try Self.check(.maxPool2d(window), input: input, x: x)
        #expect(failures.isEmpty, "\(label): \(failures)")
    }

    @Test(arguments: [true, false])
    func avgPool(countIncludePad: Bool) throws {
        let input = FeatureShape.image(channels: 2, height: 5, width: 4)
        let x = GradientCheck.randomValues(2 * input.count, key: "test/x")
        for window in [Self.window(3, stride: 2, pad: 1), Self.window(2, stride: 1, pad: 1),
                       Window2D(kernelHeight: 3, kernelWidth: 2, strideHeight: 1, strideWidth: 2, padTop: 1, padBottom: 1,
                                padLeft: 0, padRight: 1)] {
            let failures = try Self.check(.avgPool2d(window, countIncludePad: countIncludePad), input: input, x: x)
            #expect(failures.isEmpty, "\(window): \(failures)")
        }
    }

    @Test func globalAvgPool() throws {
        let input = FeatureShape.image(channels: 3, height: 4, width: 5)
        let failures = try Self.check(.globalAvgPool, input: input,
                                      x: GradientCheck.randomValues(2 * input.count, key: "test/x"))
        #expect(failures.isEmpty, "\(failures)")
    }

    /// flatten -> dense: the dense layer's gradient reaches the image through flatten unchanged.
    @Test func flattenIntoDense() throws {
        let network = try Network(inputShape: .image(channels: 2, height: 3, width: 2), nodes: [
            NodeSpec(name: "flat", operation: .flatten),
            NodeGradientCheckTests.randomDense("fc", units: 3, inputs: ["flat"]),
        ], output: "fc")
        network.initialize(seed: 3)
        let x = GradientCheck.randomValues(2 * 12, key: "test/x")
        let failures = try GradientCheck.mismatches(network, x: x, batch: 2,
                                                    loss: GradientCheckTests.projection(network, batch: 2))
        #expect(failures.isEmpty, "\(failures)")
    }
}
