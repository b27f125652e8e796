/// Sprout's version, printed by `sprout --version` and recorded in run directories. It is part of every run's
/// fingerprint, so a version whose engine computes differently retrains the runs of the one before (0.2.0:
/// convolutions, and the optimizers' coefficients computed as PyTorch does, which changes every adam and rmsprop
/// run in the last bits; 0.3.0: libxsmm computes the small matrix products, which sums their terms in another order
/// than OpenBLAS, and max_pool2d's padding is at most half its undilated kernel; 0.3.1: libxsmm held at its AVX2
/// kernels on CPUs with AVX-512, whose own kernels had computed those products with other last bits there).
public enum SproutVersion {
    public static let current = "0.3.1"
}
