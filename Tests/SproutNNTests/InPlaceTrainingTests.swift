import SproutShapes
import Testing
@testable import SproutNN

/// A training pass computes relu, tanh and sigmoid in place on the dense or conv2d output they alone read
/// (`InPlacePlan`); an evaluation pass keeps every node in its own buffers. Neither dropout nor batch_norm is in these
/// networks, so the two modes compute the same function, and the reference here is the evaluation pass: the training
/// pass must give the same output, input gradient and parameter gradients, bit for bit.
@Suite struct InPlaceTrainingTests {
    static func dense(_ name: String, units: Int, input: String? = nil) -> NodeSpec {
        NodeSpec(name: name, operation: .dense(units: units, bias: true, weightInit: .normal(mean: 0, std: 1),
                                               biasInit: .normal(mean: 0, std: 1)), inputs: input.map { [$0] } ?? [])
    }

    static func activation(_ name: String, _ kind: Activation, input: String) -> NodeSpec {
        NodeSpec(name: name, operation: .activation(kind), inputs: [input])
    }

    /// The output, dL/dx and every parameter gradient of one forward and backward pass in `mode`, for the loss
    /// `Σ y · r` with a fixed random `r` (so dL/dy = r).
    static func pass(_ network: Network, x: [Float], batch: Int, mode: ForwardMode)
        throws -> (output: [Float], inputGradient: [Float], parameterGradients: [[Float]]) {
        network.zeroGradients()
        let output = Array(try network.forward(x, batch: batch, mode: mode))
        let r = GradientCheck.randomValues(output.count, key: "test/in-place/r")
        var inputGradient = [Float]()
        try network.backward(outputGradient: r, inputGradient: &inputGradient)
        return (output, inputGradient, network.parameters.map(\.gradient))
    }

    static func expectSameInBothModes(_ network: Network, batch: Int) throws {
        network.initialize(seed: 5)
        let x = GradientCheck.randomValues(batch * network.inputWidth, key: "test/in-place/x")
        let evaluation = try pass(network, x: x, batch: batch, mode: .evaluation)
        let training = try pass(network, x: x, batch: batch, mode: .training)
        #expect(training.output == evaluation.output)
        #expect(training.inputGradient == evaluation.inputGradient)
        #expect(training.parameterGradients == evaluation.parameterGradients)
        #expect(evaluation.parameterGradients.allSatisfy { $0.contains { $0 != 0 } })
    }

    /// dense → relu → dense → tanh → dense → sigmoid → dense: every activation runs in place in a training pass (the
    /// dense outputs are gone afterwards, and back after an evaluation pass), with the same results.
    @Test func denseChainWithEveryInPlaceActivation() throws {
        let network = try Network(inputWidth: 5, nodes: [
            Self.dense("fc1", units: 7), Self.activation("a1", .relu, input: "fc1"),
            Self.dense("fc2", units: 6, input: "a1"), Self.activation("a2", .tanh, input: "fc2"),
            Self.dense("fc3", units: 4, input: "a2"), Self.activation("a3", .sigmoid, input: "fc3"),
            Self.dense("out", units: 3, input: "a3"),
        ], output: "out")
        try Self.expectSameInBothModes(network, batch: 9)
        #expect(network.activations(of: "fc2") == nil)
        // After the training pass: the overwritten dense outputs are left out, and the in-place activations report
        // no output gradient (their buffer now holds their input's); the output's is there.
        let trained = network.inspectNodes()
        #expect(trained.map(\.name) == ["a1", "a2", "a3", "out"])
        #expect(trained.map { $0.outputGradient == nil } == [true, true, true, false])
        // An evaluation forward without a backward pass: every node is back, and no gradient belongs to it.
        _ = try network.forward(GradientCheck.randomValues(9 * 5, key: "test/in-place/x"), batch: 9)
        #expect(network.activations(of: "fc2") != nil)
        #expect(network.inspectNodes().count == 7)
        #expect(network.inspectNodes().allSatisfy { $0.outputGradient == nil })
    }

    /// The relu is the network's output: the forward pass returns the buffer it shares with its dense input.
    @Test func inPlaceActivationAsOutput() throws {
        let network = try Network(inputWidth: 4, nodes: [
            Self.dense("fc", units: 6), Self.activation("act", .relu, input: "fc"),
        ], output: "act")
        try Self.expectSameInBothModes(network, batch: 5)
        #expect(network.activations(of: "fc") == nil)
    }

    /// A dense output read by two nodes (a relu and an add) is not overwritten: the relu runs out of place.
    @Test func sharedProducerStaysOutOfPlace() throws {
        let network = try Network(inputWidth: 4, nodes: [
            Self.dense("fc", units: 6), Self.activation("act", .relu, input: "fc"),
            NodeSpec(name: "sum", operation: .add, inputs: ["fc", "act"]),
            Self.dense("out", units: 2, input: "sum"),
        ], output: "out")
        try Self.expectSameInBothModes(network, batch: 5)
        #expect(network.activations(of: "fc") != nil)
        #expect(network.trainingPlan.activation.allSatisfy { $0 == nil })
    }

    /// conv2d → relu → flatten → dense: the relu runs in place on the convolution's output.
    @Test func convolutionThenRelu() throws {
        let window = Window2D(kernelHeight: 3, kernelWidth: 3, padTop: 1, padBottom: 1, padLeft: 1, padRight: 1)
        let network = try Network(inputShape: .image(channels: 2, height: 5, width: 4), nodes: [
            NodeSpec(name: "conv", operation: .conv2d(filters: 3, window: window, groups: 1, bias: true,
                                                      weightInit: .normal(mean: 0, std: 1),
                                                      biasInit: .normal(mean: 0, std: 1)), inputs: []),
            Self.activation("act", .relu, input: "conv"),
            NodeSpec(name: "flat", operation: .flatten, inputs: ["act"]),
            Self.dense("out", units: 2, input: "flat"),
        ], output: "out")
        try Self.expectSameInBothModes(network, batch: 3)
        #expect(network.activations(of: "conv") == nil)
    }

    /// Activations that differentiate from their input (leaky_relu here) and a relu after a normalization are never
    /// planned in place.
    @Test func onlyOutputDifferentiatedActivationsAfterDenseOrConv() throws {
        let network = try Network(inputWidth: 4, nodes: [
            Self.dense("fc", units: 6), Self.activation("leaky", .leakyRelu(negativeSlope: 0.1), input: "fc"),
            NodeSpec(name: "norm", operation: .layerNorm(eps: 1e-5, affine: true), inputs: ["leaky"]),
            Self.activation("act", .relu, input: "norm"),
            Self.dense("out", units: 2, input: "act"),
        ], output: "out")
        try Self.expectSameInBothModes(network, batch: 4)
        #expect(network.trainingPlan.activation.allSatisfy { $0 == nil })
    }
}
