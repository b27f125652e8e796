// Debian's libxsmm-dev 1.17 (pkg-config libxsmm; a static library, JIT code generation for small matrix products).
// Its kernels are variadic C function pointers, which Swift cannot call: these two inline functions dispatch one
// (returned as an opaque pointer, NULL when 1.17 has no kernel for the request) and call it.
#include <libxsmm.h>

/// Keeps libxsmm's code generation at AVX2 on a CPU with more (AVX-512), never raising it: its AVX-512 kernels
/// (measured on a Zen 4) give identical rows of a product different last bits on some shapes (6x784x25, 31x129x65
/// transposed), and a row different bits in a batch of 2 than in a batch of 6, which would break the symmetry
/// guarantee and the batch-size independence of a row; its AVX2 kernels keep both (SmallProductsTests).
static inline void sprout_xsmm_limit_to_avx2(void) {
    if (libxsmm_get_target_archid() > LIBXSMM_X86_AVX2) libxsmm_set_target_archid(LIBXSMM_X86_AVX2);
}

/// Column-major C (m, n) = A (m, k) · op(B) (k, n) with alpha 1 and beta 0 or 1 (`betaZero`), B transposed if
/// `transB`: the only flags Sprout asks for (libxsmm 1.17 has no JIT kernel for a transposed A on AVX2).
static inline const void *sprout_xsmm_dispatch(int m, int n, int k, int lda, int ldb, int ldc, int transB,
                                               int betaZero) {
    const libxsmm_blasint lda_ = lda, ldb_ = ldb, ldc_ = ldc;
    const float alpha = 1, beta = betaZero ? 0 : 1;
    const int flags = (transB ? LIBXSMM_GEMM_FLAG_TRANS_B : 0) | (betaZero ? LIBXSMM_GEMM_FLAG_BETA_0 : 0);
    const int prefetch = LIBXSMM_GEMM_PREFETCH_NONE;
    libxsmm_smmfunction kernel = libxsmm_smmdispatch(m, n, k, &lda_, &ldb_, &ldc_, &alpha, &beta, &flags, &prefetch);
    return (const void *)kernel;
}

/// Runs a kernel from `sprout_xsmm_dispatch` on column-major A, B and C, then clears the upper halves of the AVX
/// registers: the JIT code returns without `vzeroupper`, and the SSE code compiled after it (Swift's, for baseline
/// x86-64) then ran 2-10x slower (W5's im2col and bias fill, measured with perf).
static inline void sprout_xsmm_run(const void *kernel, const float *a, const float *b, float *c) {
    ((libxsmm_smmfunction)kernel)(a, b, c);
    __asm__ volatile("vzeroupper" ::: "memory");
}
