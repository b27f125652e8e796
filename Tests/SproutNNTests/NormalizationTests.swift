import Testing
@testable import SproutNN

/// Forward values of the normalizations against the formulas worked in Double, and batch_norm's running statistics
/// (PyTorch: momentum 0.1, unbiased running variance, used in evaluation).
@Suite struct NormalizationTests {
    static let x: [Float] = [1, 2, 4, -1, 0, 3, 2, 2, 5]  // (batch 3, width 3)

    @Test func batchNormRunningStatistics() throws {
        let network = try Network(inputWidth: 3, nodes: [
            NodeSpec(name: "bn", operation: .batchNorm(momentum: 0.1, eps: 1e-5, affine: true)),
        ], output: "bn")
        network.initialize(seed: 0)
        let y = Array(try network.forward(Self.x, batch: 3, mode: .training))
        let layer = try #require(NodeGradientCheckTests.layer(network, "bn", as: BatchNorm.self))
        for j in 0..<3 {
            let column = (0..<3).map { Double(Self.x[$0 * 3 + j]) }
            let mean = column.reduce(0, +) / 3
            let biased = column.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 3
            #expect(abs(Double(layer.runningMean[j]) - 0.1 * mean) < 1e-6)
            #expect(abs(Double(layer.runningVar[j]) - (0.9 + 0.1 * biased * 3 / 2)) < 1e-6)
            for i in 0..<3 {
                let expected = (column[i] - mean) / (biased + 1e-5).squareRoot()
                #expect(abs(Double(y[i * 3 + j]) - expected) < 1e-5)
            }
        }
        // Evaluation uses the running statistics and leaves them alone.
        let before = layer.runningMean
        let e = Array(try network.forward(Self.x, batch: 3))
        #expect(layer.runningMean == before)
        let expected = Double(Self.x[0] - layer.runningMean[0]) / (Double(layer.runningVar[0]) + 1e-5).squareRoot()
        #expect(abs(Double(e[0]) - expected) < 1e-5)
        // initialize resets them.
        network.initialize(seed: 0)
        #expect(layer.runningMean == [0, 0, 0] && layer.runningVar == [1, 1, 1])
    }

    @Test func layerNormRows() throws {
        let network = try Network(inputWidth: 3, nodes: [
            NodeSpec(name: "ln", operation: .layerNorm(eps: 1e-5, affine: true)),
        ], output: "ln")
        network.initialize(seed: 0)
        let y = Array(try network.forward(Self.x, batch: 3, mode: .training))
        for i in 0..<3 {
            let row = (0..<3).map { Double(Self.x[i * 3 + $0]) }
            let mean = row.reduce(0, +) / 3
            let variance = row.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 3
            for j in 0..<3 {
                #expect(abs(Double(y[i * 3 + j]) - (row[j] - mean) / (variance + 1e-5).squareRoot()) < 1e-5)
            }
        }
    }
}
