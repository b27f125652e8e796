import Testing
@testable import SproutNN

@Suite struct MatrixKernelTests {
    /// Both kernels agree (to float32 rounding of K = 40 products: each sum has error <~ K * 2^-24 * sum|terms|) on
    /// every transposition, with beta 0 and 1; and the tie-preserving kernel gives bit-identical columns for identical
    /// B columns on a shape where OpenBLAS's tiles differ.
    @Test(arguments: [(false, false), (false, true), (true, false), (true, true)])
    func kernelsAgree(_ trans: (Bool, Bool)) {
        let (transA, transB) = trans
        let m = 16, n = 32, k = 40
        let a = GradientCheck.randomValues(m * k, key: "a")
        var b = GradientCheck.randomValues(k * n, key: "b")
        // Make every column of op(B) equal to its first.
        for p in 0..<k { for j in 0..<n { b[transB ? j * k + p : p * n + j] = b[transB ? p : p * n] } }
        for beta: Float in [0, 1] {
            var viaBLAS = GradientCheck.randomValues(m * n, key: "c"), viaLoop = viaBLAS
            a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in
                guard let a = a.baseAddress, let b = b.baseAddress else { return }
                viaBLAS.withUnsafeMutableBufferPointer { c in
                    guard let c = c.baseAddress else { return }
                    MatrixKernel.blas.gemm(transA: transA, transB: transB, m: m, n: n, k: k, alpha: 1, a: a,
                                           lda: transA ? m : k, b: b, ldb: transB ? k : n, beta: beta, c: c, ldc: n)
                }
                viaLoop.withUnsafeMutableBufferPointer { c in
                    guard let c = c.baseAddress else { return }
                    MatrixKernel.tiePreserving.gemm(transA: transA, transB: transB, m: m, n: n, k: k, alpha: 1, a: a,
                                                    lda: transA ? m : k, b: b, ldb: transB ? k : n, beta: beta, c: c,
                                                    ldc: n)
                }
            } }
            for i in viaBLAS.indices { #expect(abs(viaBLAS[i] - viaLoop[i]) < 1e-4) }
            for i in 0..<m where beta == 0 {  // with beta 1 the random starting C differs per column
                #expect((0..<n).allSatisfy { viaLoop[i * n + $0].bitPattern == viaLoop[i * n].bitPattern })
            }
        }
    }
}
