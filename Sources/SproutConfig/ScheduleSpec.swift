/// How the learning rate changes: a schedule over the epochs, optionally after a linear warm-up.
///
/// With e the 0-based epoch counted from the start of training: constant lr; step lr·gamma^⌊e/stepSize⌋;
/// exponential lr·gamma^e; cosine minLR + (lr − minLR)·(1 + cos(π·min(e, tMax)/tMax))/2. During the first
/// `warmupEpochs` epochs the rate is multiplied by t/T, t the step within the warm-up and T its steps.
public struct ScheduleSpec: Sendable, Hashable, Codable {
    public var kind: ScheduleKind
    /// 0: no warm-up. Always less than the run's epochs.
    public var warmupEpochs: Int

    public init(kind: ScheduleKind, warmupEpochs: Int) {
        self.kind = kind
        self.warmupEpochs = warmupEpochs
    }
}

public enum ScheduleKind: Sendable, Hashable, Codable {
    case constant
    /// PyTorch's StepLR.
    case step(stepSize: Int, gamma: Double)
    /// PyTorch's ExponentialLR.
    case exponential(gamma: Double)
    /// PyTorch's CosineAnnealingLR without restarts; `tMax` resolved (the run's epochs when not given).
    case cosine(tMax: Int, minLR: Double)

    /// The name in the language.
    public var name: String {
        switch self {
        case .constant: return "constant"
        case .step: return "step"
        case .exponential: return "exponential"
        case .cosine: return "cosine"
        }
    }
}
