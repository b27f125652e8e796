import SproutRandom
import SproutShapes
import Testing
@testable import SproutNN

/// The symmetry experiment for convolutions: with every filter of a layer started equal (a constant, or zero,
/// weight), every filter computes the same feature map and receives the same gradient, so they stay equal forever:
/// one distinct filter. The engine must keep them *bit*-identical (MatrixKernel.tiePreserving, and im2col, col2im
/// and the bias sums treating every filter alike), not merely close. With a random start they are all distinct.
///
/// The layers are wide enough (24 and 20 filters) for OpenBLAS to break the tie: with the convolutions forced onto
/// `MatrixKernel.blas`, the constant-0.3 and zero cases below end with two distinct filters (measured).
@Suite struct ConvSymmetryTests {
    static func window(_ k: Int, stride: Int = 1, pad: Int = 0) -> Window2D {
        Window2D(kernelHeight: k, kernelWidth: k, strideHeight: stride, strideWidth: stride, padTop: pad,
                 padBottom: pad, padLeft: pad, padRight: pad)
    }

    /// [2, 6, 6] -> conv 3x3 pad 1 (24 filters) -> tanh -> max pool 2 -> [24, 3, 3] -> conv 2x2 (20 filters)
    /// [-> batch_norm] -> relu -> flatten -> dense 2, every weight from `weightInit`, biases 0.1 (the dense's too).
    static func network(_ weightInit: Initializer, batchNorm: Bool) throws -> Network {
        func conv(_ name: String, _ input: String, filters: Int, _ window: Window2D) -> NodeSpec {
            NodeSpec(name: name, operation: .conv2d(filters: filters, window: window, groups: 1, bias: true,
                                                    weightInit: weightInit, biasInit: .constant(0.1)),
                     inputs: input.isEmpty ? [] : [input])
        }
        let network = try Network(inputShape: .image(channels: 2, height: 6, width: 6), nodes: [
            conv("conv1", "", filters: 24, window(3, pad: 1)),
            NodeSpec(name: "tanh", operation: .activation(.tanh), inputs: ["conv1"]),
            NodeSpec(name: "pool", operation: .maxPool2d(window(2, stride: 2)), inputs: ["tanh"]),
            conv("conv2", "pool", filters: 20, window(2)),
            NodeSpec(name: "bn", operation: .batchNorm(momentum: 0.1, eps: 1e-5, affine: true), inputs: ["conv2"]),
            NodeSpec(name: "relu", operation: .activation(.relu), inputs: [batchNorm ? "bn" : "conv2"]),
            NodeSpec(name: "flat", operation: .flatten, inputs: ["relu"]),
            NodeSpec(name: "fc", operation: .dense(units: 2, bias: true, weightInit: weightInit,
                                                   biasInit: .constant(0.1)), inputs: ["flat"]),
        ], output: "fc")
        network.initialize(seed: 3)
        return network
    }

    /// 10 SGD steps (lr 0.1, momentum 0.9) on random images with random labels, batch 8, in training mode.
    static func train(_ network: Network) throws {
        var sgd = try makeSGD(learningRate: 0.1, momentum: 0.9)
        var data = RandomStream(seed: 1, key: "data/conv-symmetry")
        var gradient = [Float](repeating: 0, count: 8 * 2)
        for _ in 0..<10 {
            let x = (0..<8 * 72).map { _ in Float(data.normal()) }
            let labels = (0..<8).map { _ in Int32(data.int(below: 2)) }
            _ = try TrainingTests.step(network, &sgd, x: x, labels: labels, gradient: &gradient, mode: .training)
        }
    }

    /// The filters of a conv weight `[F, ...]`: its rows.
    static func filters(_ network: Network, _ node: String) throws -> [[Float]] {
        let weight = try #require(network.parameter(named: "\(node).weight"))
        let size = weight.count / weight.shape[0]
        return (0..<weight.shape[0]).map { Array(weight.value[($0 * size)..<(($0 + 1) * size)]) }
    }

    /// A constant start through batch_norm (per-channel statistics), and a zero start, where nothing reaches
    /// conv1 at first (its gradient flows through conv2's zero weights) and the layers come alive one step at a
    /// time from the dense bias backwards: every filter moves, and stays equal to the others.
    @Test(arguments: [(Initializer.constant(0.3), true), (.constant(-0.2), false), (.zeros, false)])
    func constantStartKeepsOneDistinctFilter(_ start: Initializer, batchNorm: Bool) throws {
        let network = try Self.network(start, batchNorm: batchNorm)
        let before = [try Self.filters(network, "conv1"), try Self.filters(network, "conv2")]
        try Self.train(network)
        for (index, node) in ["conv1", "conv2"].enumerated() {
            let filters = try Self.filters(network, node)
            #expect(Set(filters.map { $0.map(\.bitPattern) }).count == 1, "\(node): \(filters)")
            #expect(filters != before[index], "\(node) did not train")
            let bias = try #require(network.parameter(named: "\(node).bias")).value
            #expect(Set(bias.map(\.bitPattern)).count == 1, "\(node).bias \(bias)")
        }
    }

    @Test func randomStartKeepsEveryFilterDistinct() throws {
        let network = try Self.network(.kaimingUniform(mode: .fanIn, nonlinearity: .relu), batchNorm: true)
        try Self.train(network)
        #expect(Set(try Self.filters(network, "conv1")).count == 24)
        #expect(Set(try Self.filters(network, "conv2")).count == 20)
    }
}
