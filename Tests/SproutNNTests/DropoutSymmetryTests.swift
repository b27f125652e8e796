import Testing
@testable import SproutNN

/// The other half of TrainingTests' symmetry test: the same constant-initialized 2-8-2 tanh network with a dropout
/// after the hidden activation does break the tie, because each hidden unit gets its own mask value per example,
/// hence its own gradient. (Without the dropout, TrainingTests shows the units stay bit-identical for 200 steps.)
@Suite struct DropoutSymmetryTests {
    @Test func dropoutBreaksConstantInitSymmetry() throws {
        let inputs = 2, hidden = 8
        let network = try SymmetryNetwork.make(inputs: inputs, hidden: hidden, dropout: 0.5)
        try SymmetryNetwork.train(network, inputs: inputs, batch: 16, mode: .training)
        let rows = SymmetryNetwork.hiddenRows(network, inputs: inputs, hidden: hidden)
        let distinct = Set(rows.map { $0.map(\.bitPattern) })
        #expect(distinct.count == hidden, "\(rows)")
    }
}
