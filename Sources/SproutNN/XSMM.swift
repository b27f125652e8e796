internal import CXSMM

/// The only door to libxsmm (Debian libxsmm-dev 1.17, `Sources/CXSMM/shim.h`): one JIT-generated kernel for one
/// product shape. Nothing else in SproutNN imports `CXSMM`.
///
/// libxsmm is column-major; a row-major `C (m, n) = op(A) (m, k) · op(B) (k, n)` is the column-major
/// `Cᵀ (n, m) = op(B)ᵀ · op(A)ᵀ`, so the operands swap: libxsmm's A is Sprout's B (transposed if `transB`) and its B is
/// Sprout's A (transposed if `transA`). libxsmm 1.17 generates no kernel for a transposed (column-major) A on AVX2,
/// so a row-major product with `transB` (a dense layer's forward `x Wᵀ`, a convolution's weight gradient) has none:
/// `dispatch` returns nil and the caller uses OpenBLAS. alpha is always 1 and beta 0 or 1, the only values it
/// generates code for (and the only ones Sprout's layers use).
struct XSMMKernel {
    private let function: UnsafeRawPointer

    /// libxsmm's code generation held at AVX2 on CPUs with AVX-512 (`sprout_xsmm_limit_to_avx2`: its AVX-512
    /// kernels do not keep identical rows identical), done once, before the first kernel is generated.
    private static let targetLimited: Bool = {
        sprout_xsmm_limit_to_avx2()
        return true
    }()

    /// Generates (or finds in libxsmm's registry) the kernel of one row-major product, or nil if libxsmm has none.
    /// A new shape allocates (executable pages, registry entries): dispatch it when buffers are sized. A shape
    /// already generated is a lookup in libxsmm's registry that allocates nothing (SmallProductsAllocationTests),
    /// which is what `SmallProducts` does on every call for a shape past its full table.
    static func dispatch(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, lda: Int, ldb: Int, ldc: Int,
                         beta: Float) -> XSMMKernel? {
        // One comparison each: an array literal or a variadic `max` would allocate on every call.
        let limit = Int(Int32.max)
        _ = targetLimited
        guard !transB, beta == 0 || beta == 1, m > 0, n > 0, k > 0,
              m <= limit, n <= limit, k <= limit, lda <= limit, ldb <= limit, ldc <= limit else { return nil }
        guard let function = sprout_xsmm_dispatch(
            Int32(n), Int32(m), Int32(k), Int32(ldb), Int32(lda), Int32(ldc), transA ? 1 : 0, beta == 0 ? 1 : 0)
        else { return nil }
        return XSMMKernel(function: function)
    }

    /// `C = op(A) · op(B) + beta · C` with the operands and leading dimensions the kernel was dispatched for.
    @inline(__always)
    func run(a: UnsafePointer<Float>, b: UnsafePointer<Float>, c: UnsafeMutablePointer<Float>) {
        sprout_xsmm_run(function, b, a, c)
    }
}
