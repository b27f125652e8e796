import Testing
@testable import SproutNN

@Suite struct NetworkTests {
    static func chain(extra: Bool = false) -> [NodeSpec] {
        var nodes = [
            NodeSpec(name: "hidden", operation: .dense(units: 4, bias: true, weightInit: .kaimingUniform(mode: .fanIn, nonlinearity: .leakyRelu(slope: 0)), biasInit: .lecunUniform)),
            NodeSpec(name: "act", operation: .activation(.relu), inputs: ["hidden"]),
            NodeSpec(name: "out", operation: .dense(units: 3, bias: false, weightInit: .xavierNormal(gain: 1), biasInit: .zeros),
                     inputs: ["act"]),
        ]
        if extra {
            nodes.insert(NodeSpec(name: "probe", operation: .dense(units: 2, bias: true, weightInit: .normal(mean: 0, std: 1),
                                                                   biasInit: .normal(mean: 0, std: 1)), inputs: ["act"]), at: 2)
        }
        return nodes
    }

    @Test func parametersInNodeOrderWithPyTorchNames() throws {
        let network = try Network(inputWidth: 5, nodes: Self.chain(), output: "out")
        #expect(network.parameters.map(\.name) == ["hidden.weight", "hidden.bias", "out.weight"])
        #expect(network.parameters.map(\.shape) == [[4, 5], [4], [3, 4]])
        #expect(network.outputWidth == 3)
        #expect(network.inputWidth == 5)
    }

    /// Each parameter depends on the seed and its own name only: adding a node leaves the others' values alone.
    @Test func initializationIsKeyedByName() throws {
        let a = try Network(inputWidth: 5, nodes: Self.chain(), output: "out")
        let b = try Network(inputWidth: 5, nodes: Self.chain(extra: true), output: "out")
        a.initialize(seed: 3)
        b.initialize(seed: 3)
        for name in ["hidden.weight", "hidden.bias", "out.weight"] {
            #expect(a.parameter(named: name)?.value == b.parameter(named: name)?.value)
        }
        #expect(b.parameters.map(\.name).contains("probe.weight"))
        let c = try Network(inputWidth: 5, nodes: Self.chain(), output: "out")
        c.initialize(seed: 4)
        #expect(a.parameter(named: "hidden.weight")?.value != c.parameter(named: "hidden.weight")?.value)
        #expect(a.parameters[0].value.allSatisfy { abs($0) <= Float((6.0 / 5).squareRoot()) })
    }

    /// The forward pass matches a hand-written y = relu(x W1^T + b1) W2^T.
    @Test func forwardMatchesReference() throws {
        let network = try Network(inputWidth: 5, nodes: Self.chain(), output: "out")
        network.initialize(seed: 9)
        let x = GradientCheck.randomValues(2 * 5, key: "x")
        let y = Array(try network.forward(x, batch: 2))
        let w1 = network.parameters[0].value, b1 = network.parameters[1].value, w2 = network.parameters[2].value
        for row in 0..<2 {
            var h = [Double](repeating: 0, count: 4)
            for j in 0..<4 {
                var s = Double(b1[j])
                for i in 0..<5 { s += Double(x[row * 5 + i]) * Double(w1[j * 5 + i]) }
                h[j] = max(s, 0)
            }
            for k in 0..<3 {
                var s = 0.0
                for j in 0..<4 { s += h[j] * Double(w2[k * 4 + j]) }
                #expect(abs(Double(y[row * 3 + k]) - s) < 1e-5)
            }
        }
    }

    /// A smaller (last) batch reuses the buffers and gives the same rows as the full batch; batch 0 is allowed.
    @Test func smallerBatchReusesBuffers() throws {
        let network = try Network(inputWidth: 5, nodes: Self.chain(), output: "out")
        network.initialize(seed: 2)
        let x = GradientCheck.randomValues(6 * 5, key: "x")
        let full = Array(try network.forward(x, batch: 6))
        #expect(network.batchCapacity == 6)
        let part = Array(try network.forward(Array(x[0..<10]), batch: 2))
        #expect(network.batchCapacity == 6)
        #expect(part == Array(full[0..<6]))
        #expect(try network.forward([], batch: 0).isEmpty)
        try network.backward(outputGradient: [])
    }

    @Test func inconsistentGraphsThrow() {
        let dense = NodeSpec.Operation.dense(units: 2, bias: true, weightInit: .zeros, biasInit: .zeros)
        #expect(throws: NetworkError.invalidInputWidth(0)) {
            try Network(inputWidth: 0, nodes: [NodeSpec(name: "a", operation: dense)], output: "a")
        }
        #expect(throws: NetworkError.unknownInput(node: "b", input: "nope")) {
            try Network(inputWidth: 2, nodes: [NodeSpec(name: "b", operation: dense, inputs: ["nope"])], output: "b")
        }
        #expect(throws: NetworkError.duplicateNode("a")) {
            try Network(inputWidth: 2, nodes: [NodeSpec(name: "a", operation: dense), NodeSpec(name: "a", operation: dense)],
                        output: "a")
        }
        #expect(throws: NetworkError.unknownOutput("z")) {
            try Network(inputWidth: 2, nodes: [NodeSpec(name: "a", operation: dense)], output: "z")
        }
        #expect(throws: NetworkError.cycle(nodes: ["a", "b"])) {
            try Network(inputWidth: 2, nodes: [NodeSpec(name: "a", operation: dense, inputs: ["b"]),
                                               NodeSpec(name: "b", operation: dense, inputs: ["a"])], output: "a")
        }
        #expect(throws: NetworkError.invalidUnits(node: "a", units: 0)) {
            try Network(inputWidth: 2, nodes: [NodeSpec(name: "a", operation: .dense(units: 0, bias: true,
                                                                                      weightInit: .zeros, biasInit: .zeros))],
                        output: "a")
        }
    }

    /// Nodes listed out of order are sorted topologically and give the same result.
    @Test func nodesAreSortedTopologically() throws {
        let ordered = try Network(inputWidth: 5, nodes: Self.chain(), output: "out")
        let shuffled = try Network(inputWidth: 5, nodes: Self.chain().reversed(), output: "out")
        ordered.initialize(seed: 1)
        shuffled.initialize(seed: 1)
        let x = GradientCheck.randomValues(5, key: "x")
        #expect(Array(try ordered.forward(x, batch: 1)) == Array(try shuffled.forward(x, batch: 1)))
        #expect(shuffled.parameters.map(\.name) == ["out.weight", "hidden.weight", "hidden.bias"])
    }

    @Test func wrongBufferSizesThrow() throws {
        let network = try Network(inputWidth: 5, nodes: Self.chain(), output: "out")
        #expect(throws: NetworkError.backwardBeforeForward) { try network.backward(outputGradient: [0, 0, 0]) }
        #expect(throws: NetworkError.bufferSizeMismatch(argument: "x", expected: 10, actual: 9)) {
            try network.forward([Float](repeating: 0, count: 9), batch: 2)
        }
        #expect(throws: NetworkError.invalidBatch(-1)) { try network.forward([], batch: -1) }
        try network.forward([Float](repeating: 0, count: 10), batch: 2)
        #expect(throws: NetworkError.bufferSizeMismatch(argument: "outputGradient", expected: 6, actual: 3)) {
            try network.backward(outputGradient: [0, 0, 0])
        }
        #expect(throws: ParameterError.countMismatch(name: "out.weight", expected: 12, actual: 2)) {
            try network.parameters[2].load([1, 2])
        }
    }

    @Test func lossValuesAndErrors() throws {
        var gradient = [Float]()
        // Equal logits: loss log(3) per row; a confident correct row: loss ~ 0.
        let result = try SoftmaxCrossEntropy.lossAndGradient(
            logits: [0, 0, 0, 100, 0, 0], labels: [1, 0], batch: 2, classes: 3, gradient: &gradient)
        #expect(abs(result.loss - 0.5493061443340549) < 1e-6)
        #expect(result.correct == 1)  // row 0 ties: argmax is the first index (0), label 1
        #expect(throws: LossError.labelOutOfRange(label: 3, classes: 3)) {
            try SoftmaxCrossEntropy.lossAndGradient(logits: [0, 0, 0], labels: [3], batch: 1, classes: 3, gradient: &gradient)
        }
        let empty = try SoftmaxCrossEntropy.lossAndGradient(logits: [], labels: [], batch: 0, classes: 3, gradient: &gradient)
        #expect(empty.loss == 0 && empty.correct == 0)
    }

    @Test func blasDefaultsToOneThread() {
        #expect(BLAS.threads == 1)
    }
}
