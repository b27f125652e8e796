import Testing
@testable import SproutNN

/// The libxsmm path (`MatrixKernel.library`, `SmallProducts`) against the sequential reference: every transposition
/// (the `transB` ones fall back to OpenBLAS), beta 0 and 1, odd sizes, leading dimensions wider than the rows; and
/// the tie rule: identical rows of A (or columns of B) give bit-identical rows (columns) of C.
@Suite struct SmallProductsTests {
    static let shapes = [(1, 1, 1), (3, 5, 7), (17, 9, 33), (64, 10, 64), (10, 64, 64), (31, 129, 65), (150, 100, 16)]

    /// Row-major `op(A) (m, k)`, `op(B) (k, n)`, `C (m, n)` stored with one extra (garbage) column each, so that the
    /// leading dimensions are not the widths.
    static func product(_ kernel: MatrixKernel, transA: Bool, transB: Bool, m: Int, n: Int, k: Int, beta: Float,
                        a: [Float], b: [Float], c: [Float]) -> [Float] {
        let lda = (transA ? m : k) + 1, ldb = (transB ? k : n) + 1, ldc = n + 1
        var c = c
        a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in c.withUnsafeMutableBufferPointer { c in
            guard let a = a.baseAddress, let b = b.baseAddress, let c = c.baseAddress else { return }
            kernel.gemm(transA: transA, transB: transB, m: m, n: n, k: k, alpha: 1, a: a, lda: lda, b: b, ldb: ldb,
                        beta: beta, c: c, ldc: ldc)
        } } }
        return c
    }

    @Test(arguments: [(false, false), (false, true), (true, false), (true, true)])
    func agreesWithTheSequentialReference(_ trans: (Bool, Bool)) {
        let (transA, transB) = trans
        let kernel = MatrixKernel.library(SmallProducts())
        for (m, n, k) in SmallProductsTests.shapes {
            let a = GradientCheck.randomValues(((transA ? k : m)) * ((transA ? m : k) + 1), key: "a\(m)")
            let b = GradientCheck.randomValues(((transB ? n : k)) * ((transB ? k : n) + 1), key: "b\(n)")
            let start = GradientCheck.randomValues(m * (n + 1), key: "c\(k)")
            for beta: Float in [0, 1] {
                let viaLibrary = SmallProductsTests.product(kernel, transA: transA, transB: transB, m: m, n: n, k: k,
                                                            beta: beta, a: a, b: b, c: start)
                let viaLoop = SmallProductsTests.product(.tiePreserving, transA: transA, transB: transB, m: m, n: n,
                                                         k: k, beta: beta, a: a, b: b, c: start)
                for i in 0..<m {
                    for j in 0..<n { #expect(abs(viaLibrary[i * (n + 1) + j] - viaLoop[i * (n + 1) + j]) < 1e-4) }
                    // The padding column is never written.
                    #expect(viaLibrary[i * (n + 1) + n].bitPattern == start[i * (n + 1) + n].bitPattern)
                }
            }
        }
    }

    /// Identical rows of op(A) give bit-identical rows of C, identical columns of op(B) bit-identical columns, on
    /// W1's, W2's and W5's small shapes and odd ones, beta 0 and 1 (C's start equal along the tie too): libxsmm's
    /// kernels run the same FMA chain over k for every element, edge tiles included (OpenBLAS does not:
    /// MatrixKernel.swift). Each shape is checked to be libxsmm's, so that the test cannot pass on OpenBLAS.
    @Test(arguments: [
        (false, 64, 128, 64), (true, 64, 128, 64), (true, 128, 64, 64), (false, 64, 64, 10),
        (true, 10, 64, 64), (false, 32, 16, 16), (true, 16, 16, 32), (true, 16, 32, 16),
        (true, 150, 100, 16), (false, 16, 100, 150), (false, 33, 17, 40),
        (false, 6, 784, 25), (true, 33, 17, 40), (true, 31, 129, 65),
    ])
    func identicalRowsAndColumns(_ shape: (Bool, Int, Int, Int)) {
        let (transA, m, n, k) = shape
        let products = SmallProducts()
        for beta: Float in [0, 1] {
            #expect(products.kernel(transA: transA, transB: false, m: m, n: n, k: k, lda: transA ? m : k, ldb: n,
                                    ldc: n, beta: beta) != nil, "libxsmm has no kernel for \(m)x\(n)x\(k)")
        }
        let kernel = MatrixKernel.library(products)
        var a = GradientCheck.randomValues(m * k, key: "a"), b = GradientCheck.randomValues(k * n, key: "b")
        // Every row of op(A) equal to its first, every column of op(B) equal to its first.
        for i in 0..<m { for p in 0..<k { a[transA ? p * m + i : i * k + p] = a[transA ? p * m : p] } }
        for p in 0..<k { for j in 0..<n { b[p * n + j] = b[p * n] } }
        let start = [Float](repeating: 0.25, count: m * n)
        for beta: Float in [0, 1] {
            var c = start
            a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in c.withUnsafeMutableBufferPointer { c in
                guard let a = a.baseAddress, let b = b.baseAddress, let c = c.baseAddress else { return }
                kernel.gemm(transA: transA, transB: false, m: m, n: n, k: k, alpha: 1, a: a, lda: transA ? m : k,
                            b: b, ldb: n, beta: beta, c: c, ldc: n)
            } } }
            #expect(c.allSatisfy { $0.bitPattern == c[0].bitPattern }, "\(m)x\(n)x\(k) beta \(beta)")
        }
    }

    /// The kernel table: a shape is dispatched once, OpenBLAS's shapes take no entry, and a shape past a full table
    /// is still libxsmm's (the library depends on the shape alone, not on what the layer met first) and correct.
    @Test func dispatchesOncePerShape() {
        let products = SmallProducts()
        products.prepare(transA: false, transB: false, m: 4, n: 4, k: 4, lda: 4, ldb: 4, ldc: 4, beta: 0)
        products.prepare(transA: false, transB: false, m: 4, n: 4, k: 4, lda: 4, ldb: 4, ldc: 4, beta: 0)
        products.prepare(transA: false, transB: true, m: 4, n: 4, k: 4, lda: 4, ldb: 4, ldc: 4, beta: 0)
        products.prepare(transA: false, transB: false, m: 256, n: 256, k: 256, lda: 256, ldb: 256, ldc: 256, beta: 0)
        #expect(products.count == 1)
        for size in 1...(2 * SmallProducts.capacity) {
            products.prepare(transA: false, transB: false, m: size, n: 3, k: 2, lda: 2, ldb: 3, ldc: 3, beta: 1)
        }
        #expect(products.count == SmallProducts.capacity)
        #expect(products.kernel(transA: false, transB: false, m: 40, n: 3, k: 2, lda: 2, ldb: 3, ldc: 3, beta: 0) != nil)
        #expect(products.count == SmallProducts.capacity)
        let kernel = MatrixKernel.library(products)
        let a = GradientCheck.randomValues(40 * 2, key: "a"), b = GradientCheck.randomValues(2 * 3, key: "b")
        let start = [Float](repeating: 0, count: 40 * 4)
        let full = SmallProductsTests.product(kernel, transA: false, transB: false, m: 40, n: 3, k: 2, beta: 0,
                                              a: a.map { $0 } + [Float](repeating: 0, count: 40), b: b + [0, 0],
                                              c: start)
        let loop = SmallProductsTests.product(.tiePreserving, transA: false, transB: false, m: 40, n: 3, k: 2, beta: 0,
                                              a: a.map { $0 } + [Float](repeating: 0, count: 40), b: b + [0, 0],
                                              c: start)
        for i in full.indices { #expect(abs(full[i] - loop[i]) < 1e-5) }
    }

    /// The same product twice gives the same bits (JIT code is fixed per shape).
    @Test func isDeterministic() {
        let a = GradientCheck.randomValues(64 * 64, key: "a"), b = GradientCheck.randomValues(64 * 128, key: "b")
        let c = [Float](repeating: 0, count: 64 * 129)
        let first = SmallProductsTests.product(.library(SmallProducts()), transA: false, transB: false, m: 64, n: 128,
                                               k: 63, beta: 0, a: a, b: b, c: c)
        let second = SmallProductsTests.product(.library(SmallProducts()), transA: false, transB: false, m: 64,
                                                n: 128, k: 63, beta: 0, a: a, b: b, c: c)
        #expect(first.map(\.bitPattern) == second.map(\.bitPattern))
    }
}

/// The dense forward through libxsmm on a transposed copy of W (`Dense.forward`, `Transpose.matrix`).
@Suite struct DenseTransposedForwardTests {
    /// Rows and columns below, at and around the 4 x 4 block, with every remainder.
    @Test(arguments: [(1, 1), (3, 2), (4, 4), (8, 8), (13, 5), (5, 13), (17, 9), (128, 64), (10, 64), (64, 10), (7, 130)])
    func transposeMovesEveryEntry(_ shape: (Int, Int)) {
        let (rows, columns) = shape
        let m = (0..<(rows * columns)).map { Float($0) }
        var t = [Float](repeating: -1, count: rows * columns)
        m.withUnsafeBufferPointer { m in t.withUnsafeMutableBufferPointer { t in
            guard let m = m.baseAddress, let t = t.baseAddress else { return }
            Transpose.matrix(m, rows: rows, columns: columns, into: t)
        } }
        for i in 0..<rows {
            for j in 0..<columns { #expect(t[j * rows + i] == Float(i * columns + j), "(\(i), \(j)) of \(rows)x\(columns)") }
        }
    }

    /// `y = x Wᵀ + b` against the same sum in Double, for layers libxsmm computes (small) and OpenBLAS computes
    /// (past 2²² multiply-adds at this batch), twice in a row with the weights changed in between: the transposed copy
    /// is rewritten, never stale.
    @Test(arguments: [(64, 128, 64), (3, 7, 5), (33, 10, 17), (64, 300, 256)])
    func forwardAgreesWithTheDefinition(_ shape: (Int, Int, Int)) throws {
        let (batch, units, inputs) = shape
        let layer = Dense(name: "d", inputs: inputs, units: units, bias: true,
                          weightInitializer: .uniform(low: -1, high: 1), biasInitializer: .uniform(low: -1, high: 1))
        // The first three go through libxsmm's x · (Wᵀ), the last (4.9 million multiply-adds) through OpenBLAS.
        guard case .library(let products) = layer.kernel else { Issue.record("a random layer uses the libraries"); return }
        let small = products.kernel(transA: false, transB: false, m: batch, n: units, k: inputs, lda: inputs,
                                    ldb: units, ldc: units, beta: 1) != nil
        #expect(small == (batch * units * inputs <= SmallProducts.largestMultiplyAdds))
        layer.initialize(seed: 7)
        let x = GradientCheck.randomValues(batch * inputs, key: "x\(batch)")
        for round in 0..<2 {
            if round == 1 { try layer.weight.load(layer.weight.value.map { $0 * -0.5 + 0.25 }) }
            var y = [Float](repeating: .nan, count: batch * units)
            x.withUnsafeBufferPointer { x in y.withUnsafeMutableBufferPointer { y in
                guard let x = x.baseAddress, let y = y.baseAddress else { return }
                layer.forward(x: x, y: y, batch: batch, mode: .training)
            } }
            let w = layer.weight.value, b = try #require(layer.bias).value
            for r in 0..<batch {
                for u in 0..<units {
                    var sum = Double(b[u])
                    for i in 0..<inputs { sum += Double(x[r * inputs + i]) * Double(w[u * inputs + i]) }
                    #expect(abs(Double(y[r * units + u]) - sum) < 1e-4 * max(1, abs(sum)), "round \(round) (\(r), \(u))")
                }
            }
        }
    }
}
