/// Sprout's version, printed by `sprout --version` and recorded in run directories. It is part of every run's
/// fingerprint, so a version whose engine computes differently retrains the runs of the one before (0.2.0:
/// convolutions, and the optimizers' coefficients computed as PyTorch does, which changes every adam and rmsprop
/// run in the last bits).
public enum SproutVersion {
    public static let current = "0.2.0"
}
