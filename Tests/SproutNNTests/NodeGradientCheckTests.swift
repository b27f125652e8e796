import Testing
@testable import SproutNN

/// Finite-difference checks of dropout (with a frozen mask), the merges and the normalizations (see GradientCheck
/// for the tolerance, and each test for why it holds there).
@Suite struct NodeGradientCheckTests {
    static func randomDense(_ name: String, units: Int, inputs: [String] = []) -> NodeSpec {
        NodeSpec(name: name, operation: .dense(units: units, bias: true, weightInit: .normal(mean: 0, std: 1),
                                               biasInit: .normal(mean: 0, std: 1)), inputs: inputs)
    }

    static func layer<L>(_ network: Network, _ name: String, as type: L.Type) -> L? {
        for step in network.steps where step.name == name {
            if case .layer(let layer, _) = step.operation { return layer as? L }
        }
        return nil
    }

    /// Replaces a normalization's ones/zeros start with random values, so dγ and dβ are checked where γ ≠ 1.
    static func randomizeParameters(_ network: Network, key: String) throws {
        for parameter in network.parameters {
            try parameter.load(GradientCheck.randomValues(parameter.count, key: "\(key)/\(parameter.name)", scale: 0.5)
                .map { $0 + 1 })
        }
    }

    /// dense -> dropout(0.5) with the mask of one training forward frozen: the check then sees the fixed linear map
    /// `x ⊙ m`, exactly what backward differentiates (the same tolerance as dense applies).
    @Test func dropoutWithFrozenMask() throws {
        let network = try Network(inputWidth: 3, nodes: [
            Self.randomDense("fc", units: 6),
            NodeSpec(name: "drop", operation: .dropout(rate: 0.5), inputs: ["fc"]),
        ], output: "drop")
        network.initialize(seed: 2)
        let x = GradientCheck.randomValues(4 * 3, key: "test/x")
        let y = Array(try network.forward(x, batch: 4, mode: .training))
        let fc = Array(try #require(network.activations(of: "fc")))
        let dropout = try #require(Self.layer(network, "drop", as: Dropout.self))
        dropout.maskFrozen = true
        // Each value is dropped (0) or doubled; both happen in these 24 draws.
        #expect(zip(y, fc).allSatisfy { $0 == 0 || $0 == 2 * $1 })
        #expect(y.contains(0) && y.contains { $0 != 0 })
        let failures = try GradientCheck.mismatches(network, x: x, batch: 4,
                                                    loss: GradientCheckTests.projection(network, batch: 4, mode: .training))
        #expect(failures.isEmpty, "\(failures)")
    }

    /// Evaluation is the identity; training draws a new mask every pass, the same sequence for the same seed.
    @Test func dropoutModesAndDeterminism() throws {
        func make() throws -> Network {
            let network = try Network(inputWidth: 8, nodes: [
                NodeSpec(name: "drop", operation: .dropout(rate: 0.25)),
            ], output: "drop")
            network.initialize(seed: 7)
            return network
        }
        let x = GradientCheck.randomValues(4 * 8, key: "test/x")
        let a = try make(), b = try make()
        #expect(Array(try a.forward(x, batch: 4)) == x)
        var gradient = [Float]()
        try a.backward(outputGradient: x, inputGradient: &gradient)
        #expect(gradient == x)
        let first = Array(try a.forward(x, batch: 4, mode: .training))
        let second = Array(try a.forward(x, batch: 4, mode: .training))
        #expect(first != second)
        #expect(Array(try b.forward(x, batch: 4, mode: .training)) == first)
        #expect(Array(try b.forward(x, batch: 4, mode: .training)) == second)
        // PyTorch multiplies by the mask value 1/(1-rate) (input * mask), so the test does too, to the bit.
        #expect(zip(first, x).allSatisfy { $0 == 0 || $0 == $1 * (1 / Float(0.75)) })
    }

    /// add(a, b, a) and concat(b, a, b): the same node read twice, and `a` feeding the merge and the output too.
    @Test(arguments: [true, false])
    func merges(add: Bool) throws {
        let network = try Network(inputWidth: 3, nodes: [
            Self.randomDense("a", units: 4),
            Self.randomDense("b", units: add ? 4 : 2),
            NodeSpec(name: "tanh", operation: .activation(.tanh), inputs: ["a"]),
            NodeSpec(name: "merge", operation: add ? .add : .concat, inputs: add ? ["a", "b", "tanh"] : ["b", "a", "b"]),
            Self.randomDense("out", units: 3, inputs: ["merge"]),
        ], output: "out")
        network.initialize(seed: 3)
        #expect(Self.layer(network, "out", as: Dense.self)?.inputs == (add ? 4 : 8))
        let x = GradientCheck.randomValues(2 * 3, key: "test/x")
        let failures = try GradientCheck.mismatches(network, x: x, batch: 2,
                                                    loss: GradientCheckTests.projection(network, batch: 2))
        #expect(failures.isEmpty, "\(failures)")
    }

    @Test func addRefusesUnequalWidths() throws {
        #expect(throws: NetworkError.widthMismatch(node: "sum", widths: [4, 2])) {
            try Network(inputWidth: 3, nodes: [
                Self.randomDense("a", units: 4), Self.randomDense("b", units: 2),
                NodeSpec(name: "sum", operation: .add, inputs: ["a", "b"]),
            ], output: "sum")
        }
    }

    /// layer_norm of a width-5 input, with random γ, β (and without them). Inputs O(1) keep σ ~ 1, so x̂'s
    /// derivatives (which scale with 1/σ, 1/σ², 1/σ³) stay O(1) and the GradientCheck tolerance argument holds.
    @Test(arguments: [true, false])
    func layerNorm(affine: Bool) throws {
        let network = try Network(inputWidth: 5, nodes: [
            NodeSpec(name: "ln", operation: .layerNorm(eps: 1e-5, affine: affine)),
        ], output: "ln")
        network.initialize(seed: 0)
        #expect(network.parameters.map(\.name) == (affine ? ["ln.weight", "ln.bias"] : []))
        #expect(network.parameter(named: "ln.weight")?.value ?? [1] == [Float](repeating: 1, count: affine ? 5 : 1))
        try Self.randomizeParameters(network, key: "test/ln")
        let x = GradientCheck.randomValues(3 * 5, key: "test/x")
        let failures = try GradientCheck.mismatches(network, x: x, batch: 3,
                                                    loss: GradientCheckTests.projection(network, batch: 3))
        #expect(failures.isEmpty, "\(failures)")
    }

    /// batch_norm in training mode (batch statistics: every row's gradient depends on the others), then in
    /// evaluation mode (running statistics, an affine map). Batch 6 of O(1) inputs keeps σ ~ 1, as for layer_norm.
    @Test(arguments: [ForwardMode.training, .evaluation])
    func batchNorm(mode: ForwardMode) throws {
        let network = try Network(inputWidth: 4, nodes: [
            NodeSpec(name: "bn", operation: .batchNorm(momentum: 0.1, eps: 1e-5, affine: true)),
        ], output: "bn")
        network.initialize(seed: 0)
        try Self.randomizeParameters(network, key: "test/bn")
        let x = GradientCheck.randomValues(6 * 4, key: "test/x")
        try network.forward(x, batch: 6, mode: .training)  // moves the running statistics off 0 and 1
        let failures = try GradientCheck.mismatches(network, x: x, batch: 6,
                                                    loss: GradientCheckTests.projection(network, batch: 6, mode: mode))
        #expect(failures.isEmpty, "\(failures)")
    }
}
