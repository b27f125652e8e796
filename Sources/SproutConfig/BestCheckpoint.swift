/// `log.checkpoints.best`: which metric best.safetensors follows.
public enum BestCheckpoint: Sendable, Hashable, Codable, RawRepresentable {
    /// Early stopping's metric, mode and min_delta when early stopping is on (so best.safetensors holds the epoch it
    /// counts as best: what `restore_best` restores); no best file without early stopping.
    case auto
    case none
    /// This metric, by its natural direction (a loss falls, an accuracy rises), any change an improvement; by early
    /// stopping's own rule when it watches the same metric.
    case metric(EarlyStoppingSpec.Metric)

    public init?(rawValue: String) {
        switch rawValue {
        case "auto": self = .auto
        case "none": self = .none
        default:
            guard let metric = EarlyStoppingSpec.Metric(rawValue: rawValue) else { return nil }
            self = .metric(metric)
        }
    }

    public var rawValue: String {
        switch self {
        case .auto: return "auto"
        case .none: return "none"
        case .metric(let metric): return metric.rawValue
        }
    }

    /// The rule best.safetensors follows under `earlyStopping` (nil: no best file). Its `patience` is early
    /// stopping's, unused here.
    public func rule(earlyStopping: EarlyStoppingSpec?) -> EarlyStoppingSpec? {
        switch self {
        case .none: return nil
        case .auto: return earlyStopping
        case .metric(let metric):
            if let earlyStopping, earlyStopping.metric == metric { return earlyStopping }
            return EarlyStoppingSpec(metric: metric, mode: metric.naturalMode, patience: Int(Int32.max), minDelta: 0)
        }
    }
}
