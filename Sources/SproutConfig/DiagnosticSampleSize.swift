/// The most training examples of the diagnostic sample (SproutTraining's `DiagnosticSample`: layers.csv's statistics
/// and the first batch of every evaluation of the training set, min(N, 512) examples, the reasons for 512 there).
/// The trainer evaluates it as one batch, so the engine's buffers hold `max(batch_size, 512)` rows (at most N), and
/// the memory estimate (`ResourceRules`) counts as many: both read this one number.
public enum DiagnosticSampleSize {
    public static let maximum = 512
}
