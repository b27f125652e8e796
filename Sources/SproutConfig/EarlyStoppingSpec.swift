/// Stop training when `metric` has not improved by more than `minDelta` for `patience` epochs.
public struct EarlyStoppingSpec: Sendable, Hashable, Codable {
    public enum Metric: String, Sendable, Hashable, Codable, CaseIterable {
        case trainLoss = "train_loss"
        case trainAccuracy = "train_accuracy"
        case valLoss = "val_loss"
        case valAccuracy = "val_accuracy"

        /// A loss improves as it falls, an accuracy as it rises: the meaning of an absent `mode`.
        public var naturalMode: Mode {
            switch self {
            case .trainLoss, .valLoss: return .min
            case .trainAccuracy, .valAccuracy: return .max
            }
        }

        public var isAccuracy: Bool { naturalMode == .max }
    }

    public enum Mode: String, Sendable, Hashable, Codable {
        case min, max
    }

    public var metric: Metric
    /// Resolved: `metric.naturalMode` when not given.
    public var mode: Mode
    public var patience: Int
    public var minDelta: Double
    /// End a completed run with the best epoch's weights (Keras' `restore_best_weights`).
    public var restoreBest: Bool

    public init(metric: Metric, mode: Mode, patience: Int, minDelta: Double, restoreBest: Bool = false) {
        self.metric = metric
        self.mode = mode
        self.patience = patience
        self.minDelta = minDelta
        self.restoreBest = restoreBest
    }
}
