/// One layer's libxsmm kernels, one per product shape it has met, and the rule that decides which library computes
/// a product (docs/performance.md, "Which library computes which product, and why"):
///
/// - libxsmm for a product with at most `largestMultiplyAdds` multiply-adds (m · n · k) that it has a kernel for
///   (no `transB`, alpha 1, beta 0 or 1; see `XSMMKernel`);
/// - OpenBLAS for everything else.
///
/// Kernels are dispatched once per shape: by `prepare` when the layer sizes its buffers, or the first time a shape
/// is met (an evaluation batch, the last short batch of an epoch), and kept in a fixed table of `capacity` entries,
/// searched linearly (a layer makes at most three products per batch size). A shape met when the table is full goes
/// to OpenBLAS. So after the first batch of every size the step neither dispatches nor allocates.
final class SmallProducts {
    /// 2²² multiply-adds (e.g. 128 x 256 x 128). Measured in situ (docs/performance.md): libxsmm is 1.2-3.3x
    /// OpenBLAS's speed up to about 3 million multiply-adds (64 x 400 x 120) and slower from 8 million (W4's
    /// 128 x 256 x 256: 50-61 GFLOP/s against 81-86), where OpenBLAS's packing pays off.
    static let largestMultiplyAdds = 1 << 22
    /// Shapes remembered per layer: forward, weight and input gradient at the training batch, the short last batch
    /// and two evaluation batch sizes.
    static let capacity = 12

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
        let limit = SmallProducts.largestMultiplyAdds
        guard !transB, beta == 0 || beta == 1, m <= limit, n <= limit, k <= limit, m * n <= limit,
              m * n * k <= limit else { return nil }
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
        guard entries.count < SmallProducts.capacity else { return nil }
        let kernel = XSMMKernel.dispatch(transA: transA, transB: transB, m: m, n: n, k: k, lda: lda, ldb: ldb,
                                         ldc: ldc, beta: beta)
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
