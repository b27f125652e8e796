import Testing
@testable import SproutNN

/// The other half of TrainingTests' symmetry test: the same constant-initialized 2-8-2 tanh network with a dropout
/// after the hidden activation does break the tie, because each hidden unit gets its own mask value per example,
/// hence its own gradient. (Without the dropout, TrainingTests shows the units stay bit-identical for 200 steps.)
@Suite struct DropoutSymmetryTests {
    @Test func dropoutBreaksConstantInitSymmetry() throws {
        let inputs = 2, hidden = 8, batch = 16
        let network = try Network(inputWidth: inputs, nodes: [
            NodeSpec(name: "hidden", operation: .dense(units: hidden, bias: true, weightInit: .constant(0.5),
                                                       biasInit: .constant(0.5))),
            NodeSpec(name: "hidden_act", operation: .activation(.tanh), inputs: ["hidden"]),
            NodeSpec(name: "drop", operation: .dropout(rate: 0.5), inputs: ["hidden_act"]),
            NodeSpec(name: "out", operation: .dense(units: 2, bias: true, weightInit: .constant(0.5),
                                                    biasInit: .constant(0.5)), inputs: ["drop"]),
        ], output: "out")
        network.initialize(seed: 0)
        var sgd = try makeSGD(learningRate: 0.1, momentum: 0.9)
        var data = RandomStream(seed: 1, key: "data/symmetry")
        var gradient = [Float](repeating: 0, count: batch * 2)
        for _ in 0..<200 {
            let x = (0..<batch * inputs).map { _ in Float(data.normal()) }
            let labels = (0..<batch).map { _ in Int32(data.int(below: 2)) }
            network.zeroGradients()
            let logits = try network.forward(x, batch: batch, mode: .training)
            _ = try gradient.withUnsafeMutableBufferPointer { g in
                try labels.withUnsafeBufferPointer { y in
                    try SoftmaxCrossEntropy.lossAndGradient(logits: logits, labels: y, batch: batch, classes: 2,
                                                            gradient: g)
                }
            }
            try network.backward(outputGradient: gradient)
            sgd.step(network.parameters)
        }
        let w1 = try #require(network.parameter(named: "hidden.weight")).value
        let rows = (0..<hidden).map { Array(w1[$0 * inputs..<($0 + 1) * inputs]) }
        let distinct = Set(rows.map { $0.map(\.bitPattern) })
        #expect(distinct.count == hidden, "\(rows)")
    }
}
