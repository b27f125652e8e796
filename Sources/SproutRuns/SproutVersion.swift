/// Sprout's version, printed by `sprout --version` and recorded in run directories.
public enum SproutVersion {
    public static let current = "0.1.0"
}
