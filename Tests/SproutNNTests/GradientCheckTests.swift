import Testing
@testable import SproutNN

/// Finite-difference checks of every layer, the loss and a 2-layer chain (see GradientCheck for the tolerance).
@Suite struct GradientCheckTests {
    static func projection(_ network: Network, batch: Int,
                           mode: ForwardMode = .evaluation) -> (Network, [Float]) throws -> (Double, [Float]) {
        let r = GradientCheck.randomValues(batch * network.outputWidth, key: "test/projection")
        return { net, x in (try GradientCheck.projectedLoss(net, x, batch: batch, r, mode: mode), r) }
    }

    /// Every activation, with non-default parameters too (a slope other than PyTorch's 0.01, a beta other than 1).
    static let activations: [Activation] = [
        .identity, .relu, .tanh, .sigmoid, .leakyRelu(negativeSlope: 0.01), .leakyRelu(negativeSlope: 0.3),
        .elu(alpha: 1), .elu(alpha: 0.5), .selu, .gelu(tanhApproximation: false), .gelu(tanhApproximation: true),
        .softsign, .softplus(beta: 1, threshold: 20), .softplus(beta: 2, threshold: 20),
    ]

    @Test func dense() throws {
        for bias in [true, false] {
            let network = try Network(inputWidth: 4, nodes: [
                NodeSpec(name: "fc", operation: .dense(units: 3, bias: bias, weightInit: .normal(mean: 0, std: 1), biasInit: .normal(mean: 0, std: 1))),
            ], output: "fc")
            network.initialize(seed: 1)
            let x = GradientCheck.randomValues(5 * 4, key: "test/x")
            let failures = try GradientCheck.mismatches(network, x: x, batch: 5, loss: Self.projection(network, batch: 5))
            #expect(failures.isEmpty, "\(failures)")
        }
    }

    @Test(arguments: Self.activations)
    func activation(_ kind: Activation) throws {
        let network = try Network(inputWidth: 6, nodes: [
            NodeSpec(name: "act", operation: .activation(kind)),
        ], output: "act")
        // Inputs kept at least 0.1 away from 0, the kink of relu, leaky_relu, selu (and elu's second derivative), so
        // the central difference (eps 1e-2) never straddles it. softplus's threshold switch sits at beta·x = 20,
        // far outside these inputs (|x| <~ 4.5). Third derivatives of these functions are O(1), so GradientCheck's
        // tolerance argument holds unchanged.
        let x = GradientCheck.randomValues(3 * 6, key: "test/x", scale: 1.5).map { $0 < 0 ? min($0, -0.1) : max($0, 0.1) }
        let failures = try GradientCheck.mismatches(network, x: x, batch: 3, loss: Self.projection(network, batch: 3))
        #expect(failures.isEmpty, "\(failures)")
    }

    @Test func softmaxCrossEntropy() throws {
        let batch = 4, classes = 5
        let logits = GradientCheck.randomValues(batch * classes, key: "test/logits", scale: 2)
        let labels: [Int32] = [0, 3, 4, 1]
        var gradient = [Float]()
        _ = try SoftmaxCrossEntropy.lossAndGradient(logits: logits, labels: labels, batch: batch, classes: classes,
                                                    gradient: &gradient)
        var scratch = [Float]()
        for i in logits.indices {
            var plus = logits, minus = logits
            plus[i] += GradientCheck.eps
            minus[i] -= GradientCheck.eps
            let lossPlus = try SoftmaxCrossEntropy.lossAndGradient(
                logits: plus, labels: labels, batch: batch, classes: classes, gradient: &scratch).loss
            let lossMinus = try SoftmaxCrossEntropy.lossAndGradient(
                logits: minus, labels: labels, batch: batch, classes: classes, gradient: &scratch).loss
            let numeric = (lossPlus - lossMinus) / (Double(plus[i]) - Double(minus[i]))
            #expect(GradientCheck.close(numeric, Double(gradient[i])), "logit \(i): \(numeric) vs \(gradient[i])")
        }
    }

    /// dense -> tanh -> dense -> softmax cross entropy: parameters of both layers and the input.
    @Test func twoLayerChainWithLoss() throws {
        let batch = 3, classes = 3
        let network = try Network(inputWidth: 4, nodes: [
            NodeSpec(name: "hidden", operation: .dense(units: 5, bias: true, weightInit: .xavierNormal(gain: 2),
                                                       biasInit: .normal(mean: 0, std: 0.5))),
            NodeSpec(name: "act", operation: .activation(.tanh), inputs: ["hidden"]),
            NodeSpec(name: "out", operation: .dense(units: classes, bias: true, weightInit: .xavierNormal(gain: 2),
                                                    biasInit: .normal(mean: 0, std: 0.5)), inputs: ["act"]),
        ], output: "out")
        network.initialize(seed: 4)
        let labels: [Int32] = [2, 0, 1]
        let x = GradientCheck.randomValues(batch * 4, key: "test/x")
        let failures = try GradientCheck.mismatches(network, x: x, batch: batch) { net, input in
            let logits = Array(try net.forward(input, batch: batch))
            var gradient = [Float]()
            let loss = try SoftmaxCrossEntropy.lossAndGradient(logits: logits, labels: labels, batch: batch,
                                                               classes: classes, gradient: &gradient).loss
            return (loss, gradient)
        }
        #expect(failures.isEmpty, "\(failures)")
    }

    /// dense -> sigmoid -> dense -> relu with a projected loss (relu at the end: its kink is unlikely to be hit by
    /// these seeds, and the check would flag it).
    @Test func twoLayerChainSigmoidRelu() throws {
        let network = try Network(inputWidth: 3, nodes: [
            NodeSpec(name: "a", operation: .dense(units: 4, bias: true, weightInit: .normal(mean: 0, std: 1), biasInit: .normal(mean: 0, std: 1))),
            NodeSpec(name: "a_act", operation: .activation(.sigmoid), inputs: ["a"]),
            NodeSpec(name: "b", operation: .dense(units: 2, bias: true, weightInit: .normal(mean: 0, std: 1), biasInit: .normal(mean: 0, std: 1)),
                     inputs: ["a_act"]),
            NodeSpec(name: "b_act", operation: .activation(.relu), inputs: ["b"]),
        ], output: "b_act")
        network.initialize(seed: 8)
        let x = GradientCheck.randomValues(4 * 3, key: "test/x")
        let failures = try GradientCheck.mismatches(network, x: x, batch: 4, loss: Self.projection(network, batch: 4))
        #expect(failures.isEmpty, "\(failures)")
    }
}
