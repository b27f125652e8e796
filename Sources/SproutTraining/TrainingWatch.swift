import SproutConfig
import SproutNN
import SproutRuns

/// What the loop watches on every logged row: early stopping (when to stop), the best checkpoint's metric
/// (`log.checkpoints.best`: when best.safetensors is written) and, with `restore_best`, a copy of the weights of
/// early stopping's best epoch, which a completed run ends with. Both rules are `EarlyStopping`'s: a value improves
/// when it beats the best so far by more than min_delta in the rule's direction; epoch 0's row is the first value.
struct TrainingWatch {
    private(set) var stopping: EarlyStopping?
    private(set) var best: EarlyStopping?
    /// Early stopping's best epoch's weights, its epoch and step; kept only with `restore_best`.
    private(set) var bestWeights: (epoch: Int, step: Int, weights: NetworkWeights)?
    let restoresBest: Bool

    init(_ spec: ExperimentSpec) {
        stopping = spec.train.earlyStopping.map(EarlyStopping.init)
        best = spec.log.checkpoints.best.rule(earlyStopping: spec.train.earlyStopping).map(EarlyStopping.init)
        restoresBest = spec.train.earlyStopping?.restoreBest ?? false
    }

    /// What one logged row told the watch.
    struct Verdict {
        /// Early stopping says stop after this epoch.
        var stop = false
        /// best.safetensors's metric improved: (its name, the value).
        var bestImproved: (metric: String, value: Double)?
    }

    /// Records logged epoch `epoch`'s row (`steps` steps in) with the network as it is after that epoch.
    mutating func observe(_ row: MetricsRow, epoch: Int, steps: Int, network: Network) -> Verdict {
        var verdict = Verdict()
        if var stopping {
            verdict.stop = stopping.shouldStop(epoch: epoch, value: row.value(of: stopping.spec.metric))
            if restoresBest, stopping.bestEpoch == epoch, stopping.best != nil {
                bestWeights = (epoch, steps, NetworkWeights(of: network))
            }
            self.stopping = stopping
        }
        if var best {
            let value = row.value(of: best.spec.metric)
            _ = best.shouldStop(epoch: epoch, value: value)
            if best.bestEpoch == epoch, let value, best.best == value {
                verdict.bestImproved = (best.spec.metric.rawValue, value)
            }
            self.best = best
        }
        return verdict
    }

    /// The watch's memory for a training state: both rules' best values and epochs, and the best weights' epoch and
    /// step (their values are tensors of the state).
    struct Memory: Codable, Equatable {
        var earlyStopping: EarlyStopping.Memory?
        var best: EarlyStopping.Memory?
        var bestWeightsEpoch: Int?
        var bestWeightsStep: Int?

        enum CodingKeys: String, CodingKey {
            case earlyStopping = "early_stopping", best, bestWeightsEpoch = "best_weights_epoch"
            case bestWeightsStep = "best_weights_step"
        }
    }

    var memory: Memory {
        Memory(earlyStopping: stopping?.memory, best: best?.memory, bestWeightsEpoch: bestWeights?.epoch,
               bestWeightsStep: bestWeights?.step)
    }

    /// The watch as a saved state left it: `memory` and the best weights' values (when it had some).
    mutating func restore(_ memory: Memory, bestWeights weights: NetworkWeights?) {
        if let spec = stopping?.spec, let saved = memory.earlyStopping { stopping = EarlyStopping(spec, memory: saved) }
        if let spec = best?.spec, let saved = memory.best { best = EarlyStopping(spec, memory: saved) }
        if let epoch = memory.bestWeightsEpoch, let step = memory.bestWeightsStep, let weights {
            bestWeights = (epoch, step, weights)
        }
    }
}
