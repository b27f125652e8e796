import SproutShapes
import Testing
@testable import SproutNN

/// Finite-difference checks of whole image networks (see GradientCheck for the tolerance): a small LeNet, and a
/// graph where one image feeds four nodes, so that conv2d, avg_pool2d, add and concat of images all pass their
/// input gradients under the `accumulate` rule.
@Suite struct ConvStackGradientCheckTests {
    static func window(_ k: Int, stride: Int = 1, pad: Int = 0) -> Window2D {
        Window2D(kernelHeight: k, kernelWidth: k, strideHeight: stride, strideWidth: stride, padTop: pad,
                 padBottom: pad, padLeft: pad, padRight: pad)
    }

    static func conv(_ name: String, _ input: String, filters: Int, _ window: Window2D) -> NodeSpec {
        NodeSpec(name: name, operation: .conv2d(filters: filters, window: window, groups: 1, bias: true,
                                                weightInit: .normal(mean: 0, std: 0.4),
                                                biasInit: .normal(mean: 0, std: 0.4)),
                 inputs: input.isEmpty ? [] : [input])
    }

    /// LeNet in miniature, tanh as LeCun's: [1, 8, 8] -> conv 3x3 pad 1 (3) -> tanh -> max pool 2 -> [3, 4, 4] ->
    /// conv 3x3 (4) -> tanh -> max pool 2 -> [4, 1, 1] -> flatten -> dense 3.
    static func lenet() throws -> Network {
        try Network(inputShape: .image(channels: 1, height: 8, width: 8), nodes: [
            conv("conv1", "", filters: 3, window(3, pad: 1)),
            NodeSpec(name: "tanh1", operation: .activation(.tanh), inputs: ["conv1"]),
            NodeSpec(name: "pool1", operation: .maxPool2d(window(2, stride: 2)), inputs: ["tanh1"]),
            conv("conv2", "pool1", filters: 4, window(3)),
            NodeSpec(name: "tanh2", operation: .activation(.tanh), inputs: ["conv2"]),
            NodeSpec(name: "pool2", operation: .maxPool2d(window(2, stride: 2)), inputs: ["tanh2"]),
            NodeSpec(name: "flat", operation: .flatten, inputs: ["pool2"]),
            NodeGradientCheckTests.randomDense("fc", units: 3, inputs: ["flat"]),
        ], output: "fc")
    }

    /// Every max pool's winners after a forward pass.
    static func winners(_ network: Network, _ x: [Float], batch: Int) throws -> [[Int32]] {
        try network.forward(x, batch: batch)
        return network.steps.compactMap { step -> [Int32]? in
            guard case .layer(let layer, _) = step.operation, let pool = layer as? MaxPool2D else { return nil }
            return Array(UnsafeBufferPointer(start: pool.argmax.base, count: batch * pool.outputWidth))
        }
    }

    /// Whether any ±eps step of one parameter or input value (the steps GradientCheck takes) moves a maximum to
    /// another cell: where it does, the loss has a kink inside the step and a central difference means nothing.
    static func winnersMove(_ network: Network, _ x: [Float], batch: Int) throws -> Bool {
        let base = try winners(network, x, batch: batch)
        for parameter in network.parameters {
            for i in 0..<parameter.count {
                let original = parameter.value[i]
                for step in [GradientCheck.eps, -GradientCheck.eps] {
                    parameter.value[i] = original + step
                    if try winners(network, x, batch: batch) != base { parameter.value[i] = original; return true }
                }
                parameter.value[i] = original
            }
        }
        for i in x.indices {
            for step in [GradientCheck.eps, -GradientCheck.eps] {
                var moved = x
                moved[i] += step
                if try winners(network, moved, batch: batch) != base { return true }
            }
        }
        return false
    }

    @Test func lenetEndToEnd() throws {
        let network = try Self.lenet()
        #expect(network.shape(of: "pool1") == .image(channels: 3, height: 4, width: 4))
        #expect(network.shape(of: "pool2") == .image(channels: 4, height: 1, width: 1))
        #expect(network.shape(of: "flat") == .flat(4))
        // The first input draw (of at most 20) whose pools keep their winners under every step: the check's premise.
        var chosen: (x: [Float], seed: Int)?
        for attempt in 0..<20 {
            network.initialize(seed: UInt64(attempt))
            let x = GradientCheck.randomValues(2 * 64, key: "test/lenet/\(attempt)")
            if try !Self.winnersMove(network, x, batch: 2) { chosen = (x, attempt); break }
        }
        let (x, seed) = try #require(chosen, "every draw has a maximum that changes hands within ±eps")
        network.initialize(seed: UInt64(seed))
        let failures = try GradientCheck.mismatches(network, x: x, batch: 2,
                                                    loss: GradientCheckTests.projection(network, batch: 2))
        #expect(failures.isEmpty, "\(failures)")
    }

    /// `a` (an image [3, 4, 4]) feeds conv `c1`, `add(c1, a)`, `concat(res, a)` and an average pool: backward runs
    /// the pool first (it writes a's gradient), then concat, add and the convolution add theirs.
    @Test func imageFeedingFourNodes() throws {
        let network = try Network(inputShape: .image(channels: 2, height: 4, width: 4), nodes: [
            Self.conv("c0", "", filters: 3, Self.window(3, pad: 1)),
            NodeSpec(name: "a", operation: .activation(.tanh), inputs: ["c0"]),
            Self.conv("c1", "a", filters: 3, Self.window(3, pad: 1)),
            NodeSpec(name: "res", operation: .add, inputs: ["c1", "a"]),
            NodeSpec(name: "cat", operation: .concat, inputs: ["res", "a"]),
            NodeSpec(name: "gap", operation: .globalAvgPool, inputs: ["cat"]),
            NodeSpec(name: "ap", operation: .avgPool2d(Self.window(2, stride: 2), countIncludePad: true), inputs: ["a"]),
            NodeSpec(name: "apf", operation: .flatten, inputs: ["ap"]),
            NodeSpec(name: "both", operation: .concat, inputs: ["gap", "apf"]),
            NodeGradientCheckTests.randomDense("out", units: 2, inputs: ["both"]),
        ], output: "out")
        #expect(network.shape(of: "cat") == .image(channels: 6, height: 4, width: 4))
        #expect(network.shape(of: "both") == .flat(18))
        network.initialize(seed: 8)
        let x = GradientCheck.randomValues(2 * 32, key: "test/x")
        let failures = try GradientCheck.mismatches(network, x: x, batch: 2,
                                                    loss: GradientCheckTests.projection(network, batch: 2))
        #expect(failures.isEmpty, "\(failures)")
    }
}
