/// One layer's libxsmm kernels, one per product shape it has met, and the rule that decides which library computes
/// a product (docs/performance.md, "Which library computes which product, and why"):
///
/// - libxsmm for a product with at most `largestMultiplyAdds` multiply-adds (m · n · k) that it has a kernel for
///   (no `transB`, alpha 1, beta 0 or 1; see `XSMMKernel`);
/// - OpenBLAS for everything else.
///
/// Which library computes a product depends on its shape alone (`computes`, and whether libxsmm 1.17 has a kernel
/// for it), never on what the layer met before: the same shape gives the same bits in a run, a resumed run, `sprout
/// evaluate` and `predict`. Kernels are dispatched once per shape: by `prepare` when the layer sizes its buffers
/// (the largest batch, `Network.reserve`), or the first time a shape is met (the training batch, the last short
/// batch of an epoch, an evaluation's remainder), and kept in a fixed table of `capacity` entries, searched linearly
/// (a dense layer makes up to four products per batch size: forward, weight gradient, input gradient with beta 0
/// and 1). A shape met when the table is full is dispatched again on every call, a lookup in libxsmm's registry
/// after the first, rather than sent to OpenBLAS. So after the first batch of every size the step allocates nothing.
final class SmallProducts {
    /// 2²² multiply-adds (e.g. 128 x 256 x 128). Measured in situ (docs/performance.md): libxsmm is 1.2-3.3x
    /// OpenBLAS's speed up to about 3 million multiply-adds (64 x 400 x 120) and slower from 8 million (W4's
    /// 128 x 256 x 256: 50-61 GFLOP/s against 81-86), where OpenBLAS's packing pays off.
    static let largestMultiplyAdds = 1 << 22
    /// Shapes remembered per layer: four products at the largest batch, the training batch and the short last batch,
    /// and four evaluation remainders (training, validation, test sets).
    static let capacity = 16

    /// Whether a product of this size is small enough for libxsmm (it still needs a kernel: no `transB`, beta 0 or 1).
    /// Each factor is bounded before the products are formed, so nothing overflows.
    static func computes(m: Int, n: Int, k: Int) -> Bool {
        let limit = largestMultiplyAdds
        return m <= limit && n <= limit && k <= limit && m * n <= limit && m * n * k <= limit
    }

    private struct Entry {
        var transA: Bool, transB: Bool, m: Int, n: Int, k: Int, lda: Int, ldb: Int, ldc: Int, beta: Float
        var kernel: XSMMKernel?
    }

    private var entries: [Entry] = []

    init() { entries.reserveCapacity(SmallProducts.capacity) }

    /// The shapes met so far (dispatched or not).
    var count: Int { entries.count }

    /// Dispatches the kernel of a shape ahead of the step (no effect for a shape OpenBLAS computes).
    func prepare(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, lda: Int, ldb: Int, ldc: Int, beta: Float) {
        _ = kernel(transA: transA, transB: transB, m: m, n: n, k: k, lda: lda, ldb: ldb, ldc: ldc, beta: beta)
    }

    /// The libxsmm kernel for this product, or nil when OpenBLAS computes it.
    @inline(__always)
    func kernel(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, lda: Int, ldb: Int, ldc: Int,
                        beta: Float) -> XSMMKernel? {
        guard !transB, beta == 0 || beta == 1, SmallProducts.computes(m: m, n: n, k: k) else { return nil }
        // An index loop: `for entry in entries` reads through a coroutine whose frame debug builds malloc.
        var index = 0
        while index < entries.count {
            let entry = entries[index]
            if entry.m == m && entry.n == n && entry.k == k && entry.transA == transA && entry.transB == transB
                && entry.lda == lda && entry.ldb == ldb && entry.ldc == ldc && entry.beta == beta {
                return entry.kernel
            }
            index += 1
        }
        let kernel = XSMMKernel.dispatch(transA: transA, transB: transB, m: m, n: n, k: k, lda: lda, ldb: ldb,
                                         ldc: ldc, beta: beta)
        guard entries.count < SmallProducts.capacity else { return kernel }
        entries.append(Entry(transA: transA, transB: transB, m: m, n: n, k: k, lda: lda, ldb: ldb, ldc: ldc,
                             beta: beta, kernel: kernel))
        return kernel
    }

    /// Row-major `C = alpha * op(A) * op(B) + beta * C` (`BLAS.sgemm`'s conventions), through libxsmm or OpenBLAS.
    @inline(__always)
    func gemm(
        transA: Bool, transB: Bool, m: Int, n: Int, k: Int,
        alpha: Float, a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        if alpha == 1, m > 0, n > 0, k > 0,
           let kernel = kernel(transA: transA, transB: transB, m: m, n: n, k: k, lda: lda, ldb: ldb, ldc: ldc,
                               beta: beta) {
            kernel.run(a: a, b: b, c: c)
        } else {
            BLAS.sgemm(transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda,
                       b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
        }
    }
}
