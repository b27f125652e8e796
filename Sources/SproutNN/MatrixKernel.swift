/// Which code computes a dense layer's (or a convolution's) matrix products.
///
/// OpenBLAS's sgemm (0.3.21, `Zen` core, Haswell-class kernels) does **not** compute every output element with the
/// same sequence of floating-point operations: elements in different micro-tiles or edge tiles of the same product
/// accumulate their K terms in different orders. Measured here on every shape from 1 to 1000 per dimension: as soon
/// as K >= 8, outputs that are mathematically equal (identical rows of W, identical columns of dy) differ in the last
/// bit in about a quarter of the shapes, for all eight combinations of transposition flags and beta, and along both
/// the row and the column direction (e.g. `x (16, 8) * W^T (8, 32)` with identical W rows gives columns 8..23
/// different from 0..7 and 24..31). No layout of the operands avoids it.
///
/// That is harmless for trained networks but breaks an honest demonstration of the symmetry problem: with a constant
/// initializer, every unit of a layer must stay identical forever, and BLAS rounding would break the tie and let the
/// units drift apart. So a dense layer or a convolution whose weight initializer is a constant uses `.tiePreserving`,
/// which computes each output element by the same sequential loop and is therefore bit-identical for identical
/// inputs (for a convolution: identical filters, the rows of its flattened weight); all other layers use `.library`:
/// libxsmm's JIT kernels for the small products it computes faster, OpenBLAS for the rest (`SmallProducts`).
enum MatrixKernel {
    /// OpenBLAS for every product.
    case blas
    /// libxsmm or OpenBLAS, product by product (`SmallProducts`, which holds the layer's kernels).
    case library(SmallProducts)
    case tiePreserving

    /// Dispatches ahead of the step the kernel a `.library` product of this shape will use (nothing otherwise).
    func prepare(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, lda: Int, ldb: Int, ldc: Int, beta: Float) {
        guard case .library(let products) = self else { return }
        products.prepare(transA: transA, transB: transB, m: m, n: n, k: k, lda: lda, ldb: ldb, ldc: ldc, beta: beta)
    }

    /// Row-major `C = alpha * op(A) * op(B) + beta * C`, `op(A): (m, k)`, `op(B): (k, n)`, `C: (m, n)` (see
    /// `BLAS.sgemm` for the argument conventions).
    @inline(__always)
    func gemm(
        transA: Bool, transB: Bool, m: Int, n: Int, k: Int,
        alpha: Float, a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        switch self {
        case .blas:
            BLAS.sgemm(transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda,
                       b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
        case .library(let products):
            products.gemm(transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda,
                          b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
        case .tiePreserving:
            MatrixKernel.sequentialGemm(transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda,
                                        b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
        }
    }

    /// Every `C[i][j]` is `sum = ((A(i,0) B(0,j) + A(i,1) B(1,j)) + ...)` in index order, then
    /// `alpha * sum (+ beta * C[i][j])`: one fixed sequence of IEEE operations per element (Swift neither fuses
    /// multiply-adds nor reorders float sums), so equal inputs give bit-equal outputs wherever they sit. Simple and
    /// slow (no blocking); only used for constant-initialised layers. beta 0 ignores C (even NaN), as BLAS does.
    static func sequentialGemm(
        transA: Bool, transB: Bool, m: Int, n: Int, k: Int,
        alpha: Float, a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        let aRowStride = transA ? 1 : lda, aColumnStride = transA ? lda : 1
        let bRowStride = transB ? 1 : ldb, bColumnStride = transB ? ldb : 1
        for i in 0..<m {
            for j in 0..<n {
                var sum: Float = 0
                for p in 0..<k {
                    sum += a[i * aRowStride + p * aColumnStride] * b[p * bRowStride + j * bColumnStride]
                }
                let target = c + i * ldc + j
                target.pointee = beta == 0 ? alpha * sum : alpha * sum + beta * target.pointee
            }
        }
    }
}

extension Initializer {
    /// True for the initializers that give every entry the same value: zeros, ones, constant, a normal, truncated
    /// normal or sparse of standard deviation 0, an orthogonal or identity of gain 0, a variance_scaling of scale 0, given values all equal.
    var isConstant: Bool {
        switch self {
        case .zeros, .ones, .constant: return true
        case .normal(_, let std), .truncatedNormal(_, let std, _, _), .sparse(_, let std): return std == 0
        case .orthogonal(let gain), .identity(let gain): return gain == 0
        case .varianceScaling(let scale, _, _): return scale == 0
        case .values(let values): return values.allSatisfy { $0 == values.first }
        case .seeded(let initializer, _): return initializer.isConstant
        default: return false
        }
    }
}
