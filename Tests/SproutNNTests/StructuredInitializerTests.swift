import SproutRandom
import Testing
@testable import SproutNN

/// orthogonal, identity and sparse, checked against their definitions (PyTorch's `orthogonal_`, `eye_`, `sparse_`).
@Suite struct StructuredInitializerTests {
    static func fill(_ initializer: Initializer, fanOut: Int, fanIn: Int, count: Int? = nil, seed: UInt64 = 7) -> [Float] {
        var values = [Float](repeating: .nan, count: count ?? fanOut * fanIn)
        var stream = RandomStream(seed: seed, key: "init/test.weight")
        initializer.fill(&values, fanIn: fanIn, fanOut: fanOut, stream: &stream)
        return values
    }

    /// The Gram matrix of the rows (`W Wᵀ`, when rows <= cols) or of the columns (`Wᵀ W`), in Double, minus
    /// `gain² I`: the largest deviation relative to gain².
    static func orthogonalityError(_ w: [Float], rows: Int, cols: Int, gain: Double) -> Double {
        let byRows = rows <= cols
        let vectors = byRows ? rows : cols, length = byRows ? cols : rows
        func entry(_ vector: Int, _ k: Int) -> Double { Double(byRows ? w[vector * cols + k] : w[k * cols + vector]) }
        var worst = 0.0
        for i in 0..<vectors {
            for j in i..<vectors {
                var dot = 0.0
                for k in 0..<length { dot += entry(i, k) * entry(j, k) }
                worst = max(worst, abs(dot - (i == j ? gain * gain : 0)) / (gain * gain))
            }
        }
        return worst
    }

    /// 128 x 256 and 256 x 128 exercise both branches (wide: transposed before the QR; tall: not) at a size where
    /// rounding to float32 would show (a Gram entry sums 256 products, each off by ~6e-8 relative, so ~1e-6 at
    /// worst, inside 1e-5) while the Householder QR stays fast in a debug build; 40 x 40 is the square case, and a
    /// bias [50] the 50 x 1 column (a unit vector times gain).
    @Test(arguments: [(128, 256, 1.0), (256, 128, 1.5), (40, 40, 2.0), (50, 1, 0.5)])
    func orthogonalIsOrthogonalTimesGain(rows: Int, cols: Int, gain: Double) {
        let w = Self.fill(.orthogonal(gain: gain), fanOut: rows, fanIn: cols)
        #expect(w.allSatisfy { $0.isFinite })
        #expect(Self.orthogonalityError(w, rows: rows, cols: cols, gain: gain) < 1e-5)
        #expect(w != Self.fill(.orthogonal(gain: gain), fanOut: rows, fanIn: cols, seed: 8))
        #expect(w == Self.fill(.orthogonal(gain: gain), fanOut: rows, fanIn: cols))
    }

    /// The sign rule, which makes the result PyTorch's and Haar-distributed: with `G` the drawn normals
    /// (`rows × cols`, storage order, regenerated here from the same stream), `A = G` (tall) or `Gᵀ` (wide) and
    /// `Q = W / gain` (tall) or `Wᵀ / gain` (wide), `R = Qᵀ A` must be upper triangular with a positive diagonal.
    @Test(arguments: [(128, 256), (256, 128), (50, 1), (1, 30)])
    func orthogonalFollowsTheSignRule(rows: Int, cols: Int) {
        let gain = 3.0
        let w = Self.fill(.orthogonal(gain: gain), fanOut: rows, fanIn: cols)
        var stream = RandomStream(seed: 7, key: "init/test.weight")
        let g = (0..<rows * cols).map { _ in stream.normal() }
        let tall = rows >= cols
        let m = max(rows, cols), n = min(rows, cols)
        func a(_ i: Int, _ j: Int) -> Double { tall ? g[i * cols + j] : g[j * cols + i] }
        func q(_ i: Int, _ j: Int) -> Double { Double(tall ? w[i * cols + j] : w[j * cols + i]) / gain }
        var worstBelow = 0.0, smallestDiagonal = Double.infinity
        for i in 0..<n {
            for j in 0...i {
                var r = 0.0
                for k in 0..<m { r += q(k, i) * a(k, j) }
                if i == j { smallestDiagonal = min(smallestDiagonal, r) } else { worstBelow = max(worstBelow, abs(r)) }
            }
        }
        // |R| entries are O(√m) <= 16; float32 rounding of Q leaves ~1e-6 below the diagonal.
        #expect(worstBelow < 1e-4, "largest entry below R's diagonal \(worstBelow)")
        #expect(smallestDiagonal > 0, "smallest diagonal entry of R \(smallestDiagonal)")
    }

    @Test func identityIsGainOnTheDiagonal() {
        for (rows, cols) in [(3, 5), (5, 3), (4, 4)] {
            let w = Self.fill(.identity(gain: 2.5), fanOut: rows, fanIn: cols)
            for i in 0..<rows {
                for j in 0..<cols { #expect(w[i * cols + j] == (i == j ? 2.5 : 0), "\(rows)x\(cols) [\(i), \(j)]") }
            }
        }
        // A bias [4] is the 4 x 1 column: gain, then zeros.
        #expect(Self.fill(.identity(gain: -1), fanOut: 4, fanIn: 9, count: 4) == [-1, 0, 0, 0])
    }

    /// 128 x 256 with sparsity 0.3: ceil(0.3 · 128) = ceil(38.4) = 39 zeros in every column, chosen at random
    /// (the columns' zero sets differ); the 256 · 89 = 22784 other entries are N(0, 0.05): mean and std within 5
    /// standard errors (std / √n, std / √(2n)).
    @Test func sparseZeroesEachColumnAndKeepsTheStd() {
        let rows = 128, cols = 256, std = 0.05
        let w = Self.fill(.sparse(sparsity: 0.3, std: std), fanOut: rows, fanIn: cols)
        var zeroSets = Set<[Int]>()
        for column in 0..<cols {
            let zeros = (0..<rows).filter { w[$0 * cols + column] == 0 }
            #expect(zeros.count == 39, "column \(column)")
            zeroSets.insert(zeros)
        }
        #expect(zeroSets.count > cols / 2)
        let nonzero = w.filter { $0 != 0 }
        #expect(nonzero.count == rows * cols - 39 * cols)
        let m = InitializerTests.moments(nonzero)
        let n = Double(nonzero.count)
        #expect(abs(m.mean) < 5 * std / n.squareRoot(), "mean \(m.mean)")
        #expect(abs(m.std - std) < 5 * std / (2 * n).squareRoot(), "std \(m.std)")
        // sparsity 0 zeroes nothing; 1 zeroes everything; a bias [10] is one column: ceil(0.25 · 10) = 3 zeros.
        #expect(!Self.fill(.sparse(sparsity: 0, std: 1), fanOut: 8, fanIn: 8).contains(0))
        #expect(Self.fill(.sparse(sparsity: 1, std: 1), fanOut: 8, fanIn: 8).allSatisfy { $0 == 0 })
        #expect(Self.fill(.sparse(sparsity: 0.25, std: 1), fanOut: 10, fanIn: 3, count: 10).filter { $0 == 0 }.count == 3)
    }

    /// Given values are copied bit for bit; a count other than the parameter's is refused when the network is built.
    @Test func valuesAreCopiedAndCounted() throws {
        let given: [Float] = [-0.0, 1e-40, 2, -3, .greatestFiniteMagnitude, 0.1]
        #expect(Self.fill(.values(given), fanOut: 3, fanIn: 2).map(\.bitPattern) == given.map(\.bitPattern))
        let network = try Network(inputWidth: 2, nodes: [
            NodeSpec(name: "d", operation: .dense(units: 3, bias: true, weightInit: .values(given), biasInit: .values([1, 2, 3]))),
        ], output: "d")
        network.initialize(seed: 1)
        #expect(network.parameters.map(\.value) == [given, [1, 2, 3]])
        #expect(throws: NetworkError.initializerCountMismatch(parameter: "d.weight", expected: 6, actual: 5)) {
            try Network(inputWidth: 2, nodes: [
                NodeSpec(name: "d", operation: .dense(units: 3, bias: false, weightInit: .values([1, 2, 3, 4, 5]),
                                                      biasInit: .zeros)),
            ], output: "d")
        }
        #expect(throws: NetworkError.initializerCountMismatch(parameter: "d.bias", expected: 3, actual: 1)) {
            try Network(inputWidth: 2, nodes: [
                NodeSpec(name: "d", operation: .dense(units: 3, bias: true, weightInit: .zeros, biasInit: .values([1]))),
            ], output: "d")
        }
    }
}
