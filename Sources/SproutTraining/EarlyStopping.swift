import SproutConfig
import SproutRuns

/// Early stopping as docs/config.md ("Early stopping") gives it, checked on every logged row (metrics are only
/// measured there), epoch 0's row being the first value.
///
/// A value improves when it beats the best so far by more than `minDelta`: `value < best − minDelta` in mode min,
/// `value > best + minDelta` in mode max (PyTorch Lightning's `EarlyStopping`). `patience` counts epochs, as the
/// docs say, not logged rows: training stops at the first logged epoch N with N − (epoch of the best value) ≥
/// patience. With `log.every: 1` (the default) the two are the same; with `log.every: k` the stop comes at the first
/// logged epoch at or after the patience runs out.
struct EarlyStopping: Sendable {
    let spec: EarlyStoppingSpec
    private(set) var best: Double?
    private(set) var bestEpoch = 0

    init(_ spec: EarlyStoppingSpec) { self.spec = spec }

    /// What early stopping remembers between logged epochs: the best value (its bit pattern, exact) and its epoch.
    struct Memory: Codable, Equatable {
        var bestBits: UInt64?
        var bestEpoch: Int

        enum CodingKeys: String, CodingKey { case bestBits = "best_bits", bestEpoch = "best_epoch" }
    }

    var memory: Memory { Memory(bestBits: best?.bitPattern, bestEpoch: bestEpoch) }

    /// Early stopping that goes on from `memory`.
    init(_ spec: EarlyStoppingSpec, memory: Memory) {
        self.spec = spec
        best = memory.bestBits.map(Double.init(bitPattern:))
        bestEpoch = memory.bestEpoch
    }

    /// Records the metric of logged epoch `epoch`; returns true when training should stop after it. A missing or
    /// NaN value never counts as an improvement.
    mutating func shouldStop(epoch: Int, value: Double?) -> Bool {
        if let value, !value.isNaN, improves(value) {
            best = value
            bestEpoch = epoch
            return false
        }
        return epoch - bestEpoch >= spec.patience
    }

    private func improves(_ value: Double) -> Bool {
        guard let best else { return true }
        switch spec.mode {
        case .min: return value < best - spec.minDelta
        case .max: return value > best + spec.minDelta
        }
    }
}

extension MetricsRow {
    /// The column an early-stopping metric watches.
    func value(of metric: EarlyStoppingSpec.Metric) -> Double? {
        switch metric {
        case .trainLoss: return trainLoss
        case .trainAccuracy: return trainAccuracy
        case .valLoss: return validationLoss
        case .valAccuracy: return validationAccuracy
        }
    }
}
