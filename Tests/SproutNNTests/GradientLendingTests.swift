import Testing
@testable import SproutNN

/// A fused training backward (`sharedGradients: true`) lends parameters of one element count on different nodes one
/// shared gradient array (`GradientLending`). Each parameter must still see exactly its own gradient when it is
/// updated, and every array must come out cleared.
@Suite struct GradientLendingTests {
    /// input (1) → a: dense 6 (weight [6, 1] and bias [6]: one count twice on one node) → b: dense 6 → c: dense 6 →
    /// out: dense 2. Counts: 6 on a, b and c; 36 on b and c; out's 12 and 2 on out alone.
    static func network() throws -> Network {
        let dense = { (name: String, units: Int, input: String?) in
            NodeSpec(name: name, operation: .dense(units: units, bias: true, weightInit: .normal(mean: 0, std: 1),
                                                   biasInit: .normal(mean: 0, std: 1)), inputs: input.map { [$0] } ?? [])
        }
        let network = try Network(inputWidth: 1, nodes: [
            dense("a", 6, nil), dense("b", 6, "a"),
            NodeSpec(name: "act", operation: .activation(.tanh), inputs: ["b"]),
            dense("c", 6, "act"), dense("out", 2, "c"),
        ], output: "out")
        network.initialize(seed: 3)
        return network
    }

    /// Which parameter borrows which array, worked out by hand from the counts above.
    @Test func plansOneArrayPerRecurringCountAndParameterOfANode() throws {
        let network = try Self.network()
        let lending = network.gradientLending
        let slot = { (name: String) in lending.slot[try #require(network.parameters.firstIndex { $0.name == name })] }
        #expect(lending.sizes.sorted() == [6, 6, 36])
        #expect(lending.arrays.isEmpty)  // allocated by the first fused step, not by the network
        #expect(try slot("a.weight") != nil && slot("a.bias") != nil && slot("a.weight") != slot("a.bias"))
        #expect(try slot("b.bias") == slot("a.weight") && slot("c.bias") == slot("a.weight"))
        #expect(try slot("b.weight") != nil && slot("b.weight") == slot("c.weight"))
        #expect(try slot("out.weight") == nil && slot("out.bias") == nil)
    }

    /// Each parameter's gradient as `parametersDone` sees it equals a plain backward's, bit for bit; afterwards every
    /// own and lent array is zero.
    @Test func eachParameterSeesItsOwnGradientAndEverythingEndsCleared() throws {
        let network = try Self.network()
        let x = GradientCheck.randomValues(7, key: "test/lending/x")
        let r = GradientCheck.randomValues(7 * 2, key: "test/lending/r")
        network.zeroGradients()
        _ = try network.forward(x, batch: 7, mode: .training)
        try network.backward(outputGradient: r)
        let plain = network.parameters.map(\.gradient)
        #expect(plain.allSatisfy { $0.contains { $0 != 0 } })

        network.zeroGradients()
        _ = try network.forward(x, batch: 7, mode: .training)
        var seen = [[Float]](repeating: [], count: network.parameters.count)
        try r.withUnsafeBufferPointer { buffer in
            try network.backward(outputGradient: buffer, inputGradient: nil, sharedGradients: true) { index in
                seen[index] = network.parameters[index].gradient
            }
        }
        #expect(seen == plain)
        #expect(network.parameters.allSatisfy { $0.gradient.allSatisfy { $0 == 0 } })
        #expect(network.gradientLending.arrays.map(\.count) == network.gradientLending.sizes)
        #expect(network.gradientLending.arrays.allSatisfy { $0.allSatisfy { $0 == 0 } })
    }
}
