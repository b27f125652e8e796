internal import COpenBLAS

/// The only door to OpenBLAS (Debian libopenblas-dev 0.3.21, `<cblas-openblas.h>`). Nothing else in SproutNN imports
/// `COpenBLAS`, so swapping the BLAS (Accelerate, MKL, a hand-written kernel) touches this file only.
///
/// Threads: OpenBLAS starts with as many threads as cores (or `OPENBLAS_NUM_THREADS`). Sprout's default is **one**,
/// applied the first time SproutNN touches BLAS (creating a `Network`, or calling `threads`/`setThreads`): the
/// expected networks are small, where thread hand-off costs more than it saves, and parallelism comes from running
/// several runs side by side (design §5). `setThreads(_:)` overrides it for the whole process.
public enum BLAS {
    /// Runs once per process (a lazily initialised `static let` is thread-safe and immutable, so this is not global
    /// mutable state from Swift's point of view; OpenBLAS's own thread count is the state).
    private static let defaultThreadsApplied: Bool = {
        openblas_set_num_threads(1)
        return true
    }()

    /// Applies the one-thread default if nothing has set the count yet.
    static func applyDefaults() { _ = defaultThreadsApplied }

    /// The number of threads OpenBLAS uses for one call.
    public static var threads: Int {
        applyDefaults()
        return Int(openblas_get_num_threads())
    }

    /// OpenBLAS's own description of its build (`openblas_get_config`): `OpenBLAS 0.3.21 DYNAMIC_ARCH NO_AFFINITY
    /// Haswell MAX_THREADS=64`, the version first. Recorded in run.json: the same config may round differently on
    /// another kernel.
    public static var configuration: String {
        guard let text = openblas_get_config() else { return "" }
        return String(cString: text)
    }

    /// The CPU kernel OpenBLAS chose on this machine (`openblas_get_corename`): `Haswell`, `Zen`, `SkylakeX`.
    public static var coreName: String {
        guard let text = openblas_get_corename() else { return "" }
        return String(cString: text)
    }

    /// Sets OpenBLAS's thread count for the whole process; values below 1 are treated as 1.
    public static func setThreads(_ count: Int) {
        applyDefaults()
        openblas_set_num_threads(Int32(clamping: max(1, count)))
    }

    /// Row-major `C = alpha * op(A) * op(B) + beta * C` with `op(A): (m, k)`, `op(B): (k, n)`, `C: (m, n)`.
    /// `transA`/`transB` say whether the stored matrix is the transpose of the operand; `lda`/`ldb`/`ldc` are the
    /// stored row lengths. Does nothing when a dimension is zero (OpenBLAS would flag `ld < 1` as an error), except
    /// for honouring `beta` on C when `k == 0`.
    @inline(__always)
    static func sgemm(
        transA: Bool, transB: Bool, m: Int, n: Int, k: Int,
        alpha: Float, a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        if m == 0 || n == 0 { return }
        if k == 0 {
            // C = beta * C: OpenBLAS handles this too, but with lda possibly 0 it would reject the call.
            for row in 0..<m {
                let rowStart = c + row * ldc
                for column in 0..<n { rowStart[column] = beta == 0 ? 0 : beta * rowStart[column] }
            }
            return
        }
        cblas_sgemm(
            CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
            Int32(truncatingIfNeeded: m), Int32(truncatingIfNeeded: n), Int32(truncatingIfNeeded: k),
            alpha, a, Int32(truncatingIfNeeded: lda), b, Int32(truncatingIfNeeded: ldb),
            beta, c, Int32(truncatingIfNeeded: ldc))
    }

    /// Row-major `C = A · Aᵀ` for `A: (n, k)`, `C: (n, n)`, computing and writing only the upper triangle (the
    /// diagonal included) of C: half the work of the same product through sgemm. The lower triangle is untouched.
    static func ssyrkUpper(n: Int, k: Int, a: UnsafePointer<Float>, lda: Int, c: UnsafeMutablePointer<Float>, ldc: Int) {
        guard n > 0, k > 0 else { return }
        cblas_ssyrk(CblasRowMajor, CblasUpper, CblasNoTrans, Int32(truncatingIfNeeded: n), Int32(truncatingIfNeeded: k),
                    1, a, Int32(truncatingIfNeeded: lda), 0, c, Int32(truncatingIfNeeded: ldc))
    }

    /// The largest dimension BLAS accepts (its integers are 32-bit in Debian's build). Callers check sizes against
    /// it once, when buffers are sized, so the `Int32` conversions above never truncate.
    static let maximumDimension = Int(Int32.max)
}
