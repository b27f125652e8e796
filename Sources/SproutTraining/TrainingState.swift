import Foundation
import SproutConfig
import SproutNN
import SproutRandom
import SproutRuns

/// Everything a run needs to go on exactly where it stopped, as if it never had: the parameters, the optimizer's
/// buffers and step count, each dropout node's random stream, the position in the epoch (whole epochs done, rows of
/// the next one done, the running loss sum of its steps), the optimizer steps, the learning rate of the last step,
/// what the watch remembers (early stopping's and the best checkpoint's best values; with `restore_best`, the best
/// weights), and the training time so far. The visiting order is not saved: it is the result of
/// one shuffle of the stream `shuffle` per epoch begun, which a resumed run replays (a few milliseconds even for a
/// large set), and the data, its split and scaling and the diagnostic sample come again from the seed.
///
/// Saved by the loop (`Trainer.snapshot`) as `TrainingEvent.resumePoint`, written by `RunDirectoryWriter` as
/// resume.safetensors together with where the run's logs had got to (`RunFilesPosition`).
struct TrainingState {
    /// The scalars, as JSON in the file's metadata; every Double as its bit pattern, so it comes back exact.
    struct Position: Codable, Equatable {
        var epochsCompleted: Int
        /// Rows of epoch `epochsCompleted + 1` already trained on (0: the state is at an epoch's end).
        var rowsDone: Int
        var steps: Int
        var lossSumBits: UInt64
        var learningRateBits: UInt64
        var elapsedBits: UInt64
        var watch: TrainingWatch.Memory
        var randomStreams: [NamedStream]

        enum CodingKeys: String, CodingKey {
            case epochsCompleted = "epochs_completed", rowsDone = "rows_done", steps, lossSumBits = "loss_sum_bits"
            case learningRateBits = "learning_rate_bits", elapsedBits = "elapsed_bits"
            case watch, randomStreams = "random_streams"
        }
    }

    struct NamedStream: Codable, Equatable {
        var node: String
        var state: RandomStream.State
    }

    var position: Position
    /// The parameters and buffers (batch_norm's running statistics).
    var weights: NetworkWeights
    var optimizer: OptimizerState
    /// With `restore_best`: the best epoch's weights so far (`TrainingWatch.bestWeights`).
    var bestWeights: NetworkWeights?

    /// The prefix of the best weights' tensor names in the file: `best.<parameter or buffer>`.
    static let bestPrefix = "best."

    /// The optimizer slot's tensor name in the file: `optimizer.<parameter>.<slot>`.
    static func slotTensorName(parameter: String, slot: String) -> String { "optimizer.\(parameter).\(slot)" }
}

/// Where the run directory's files had got to when the state was saved: a resumed run cuts metrics.csv and layers.csv
/// back to these lengths (dropping rows logged after the state, which it logs again) and carries on its record.
struct RunFilesPosition: Codable, Equatable {
    var metricsBytes: Int64
    var layersBytes: Int64?
    var epochsCompleted: Int
    var final: RunRecord.FinalMetrics?
    /// best.safetensors's epoch, metric and value then (the file itself is the run's, already on disk).
    var best: RunRecord.Best?

    enum CodingKeys: String, CodingKey {
        case metricsBytes = "metrics_bytes", layersBytes = "layers_bytes", epochsCompleted = "epochs_completed", final
        case best
    }
}
