@testable import SproutNN
import SproutRandom

/// The network of the symmetry tests: inputs → dense(hidden) → tanh → [dropout] → dense(2), every weight and bias
/// 0.5, trained for 200 SGD steps (lr 0.1, momentum 0.9) on random inputs with random labels.
enum SymmetryNetwork {
    static func make(inputs: Int, hidden: Int, dropout: Float? = nil) throws -> Network {
        var nodes = [
            NodeSpec(name: "hidden", operation: .dense(units: hidden, bias: true, weightInit: .constant(0.5),
                                                       biasInit: .constant(0.5))),
            NodeSpec(name: "hidden_act", operation: .activation(.tanh), inputs: ["hidden"]),
        ]
        if let dropout {
            nodes.append(NodeSpec(name: "drop", operation: .dropout(rate: dropout), inputs: ["hidden_act"]))
        }
        nodes.append(NodeSpec(name: "out", operation: .dense(units: 2, bias: true, weightInit: .constant(0.5),
                                                             biasInit: .constant(0.5)),
                              inputs: [nodes[nodes.count - 1].name]))
        let network = try Network(inputWidth: inputs, nodes: nodes, output: "out")
        network.initialize(seed: 0)
        return network
    }

    /// 200 steps in `mode` (training, so that a dropout draws its masks).
    static func train(_ network: Network, inputs: Int, batch: Int, mode: ForwardMode) throws {
        var sgd = try makeSGD(learningRate: 0.1, momentum: 0.9)
        var data = RandomStream(seed: 1, key: "data/symmetry")
        var gradient = [Float](repeating: 0, count: batch * 2)
        for _ in 0..<200 {
            let x = (0..<batch * inputs).map { _ in Float(data.normal()) }
            let labels = (0..<batch).map { _ in Int32(data.int(below: 2)) }
            _ = try TrainingTests.step(network, &sgd, x: x, labels: labels, gradient: &gradient, mode: mode)
        }
    }

    /// The rows of the hidden layer's weight, one per unit.
    static func hiddenRows(_ network: Network, inputs: Int, hidden: Int) -> [[Float]] {
        let w1 = network.parameter(named: "hidden.weight")?.value ?? []
        return (0..<hidden).map { Array(w1[($0 * inputs)..<min(w1.count, ($0 + 1) * inputs)]) }
    }
}
