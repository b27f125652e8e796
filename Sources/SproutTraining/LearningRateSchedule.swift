import Foundation
import SproutConfig
import SproutRuns

/// The learning rate of every optimizer step, from the config's schedule (docs/config.md, "Learning-rate
/// schedules"). With e the 0-based epoch, s the 0-based step counted from the start of training and lr the
/// optimizer's rate:
///
///     constant     lr
///     step         lr·gamma^⌊e / stepSize⌋                                   (PyTorch's StepLR)
///     exponential  lr·gamma^e                                                (PyTorch's ExponentialLR)
///     cosine       minLR + (lr − minLR)·(1 + cos(π·e/tMax))/2 for e < tMax, minLR from then on
///                  (PyTorch's CosineAnnealingLR, without its restarts)
///
/// Warm-up: over the first W = warmupEpochs·stepsPerEpoch steps the schedule's rate is multiplied by s/W, so the
/// rate rises linearly, step by step, from 0 (the very first step moves nothing) to the schedule's rate, reached at
/// step W. The schedule itself keeps counting epochs during the warm-up.
struct LearningRateSchedule: Sendable {
    let base: Double
    let kind: ScheduleKind
    let warmupSteps: Int

    init(base: Double, schedule: ScheduleSpec, stepsPerEpoch: Int) {
        self.base = base
        kind = schedule.kind
        warmupSteps = schedule.warmupEpochs * stepsPerEpoch
    }

    /// The rate of the step `step` (0-based, from the start of training), which falls in epoch `epoch` (0-based).
    func rate(epoch: Int, step: Int) -> Double {
        let scheduled = epochRate(epoch)
        guard step < warmupSteps else { return scheduled }
        return scheduled * Double(step) / Double(warmupSteps)
    }

    /// The schedule's rate of epoch `epoch` (0-based), before any warm-up.
    func epochRate(_ epoch: Int) -> Double {
        switch kind {
        case .constant:
            return base
        case .step(let stepSize, let gamma):
            return base * pow(gamma, Double(epoch / max(1, stepSize)))
        case .exponential(let gamma):
            return base * pow(gamma, Double(epoch))
        case .cosine(let tMax, let minLR):
            guard epoch < tMax, tMax > 0 else { return minLR }
            return minLR + (base - minLR) * (1 + cos(Double.pi * Double(epoch) / Double(tMax))) / 2
        }
    }
}

extension OptimizerSpec {
    /// The optimizer's own rate: what a schedule scales.
    var learningRate: Double {
        switch self {
        case .sgd(let lr, _, _, _): return lr
        case .adam(let settings), .adamw(let settings): return settings.lr
        case .rmsprop(let lr, _, _, _, _, _): return lr
        }
    }
}
