import SproutConfig
import SproutRuns
import SproutData
import SproutNN

/// The loss the Trainer minimizes: a classifier's over class labels (which also counts the rows it gets right), or
/// a regression loss over real targets, as many per example as the network has outputs (no accuracy: metrics.csv
/// leaves the accuracy cells empty).
enum TrainingLoss: Equatable {
    case classification(ClassificationLoss)
    case regression(RegressionLoss)

    /// The engine's loss for the config's. Config values are Double; huber's delta is rounded to Float once, here.
    init(_ kind: LossKind) {
        switch kind {
        case .crossEntropy: self = .classification(.crossEntropy)
        case .binaryCrossEntropy: self = .classification(.binaryCrossEntropy)
        case .mse: self = .regression(.mse)
        case .mae: self = .regression(.mae)
        case .huber(let delta): self = .regression(.huber(delta: Float(delta)))
        }
    }

    var isRegression: Bool {
        if case .regression = self { return true }
        return false
    }

    /// The batch's mean loss and, for a classifier, its number of right rows; writes dL/doutputs into `gradient`.
    /// `labels` (batch) feeds a classifier, `targets` (batch × width) a regression loss.
    func lossAndGradient(outputs: UnsafeBufferPointer<Float>, labels: UnsafeBufferPointer<Int32>,
                         targets: UnsafeBufferPointer<Float>, batch: Int, width: Int,
                         gradient: UnsafeMutableBufferPointer<Float>) throws -> (loss: Double, correct: Int?) {
        switch self {
        case .classification(let loss):
            let result = try loss.lossAndGradient(outputs: outputs, labels: labels, batch: batch, width: width,
                                                  gradient: gradient)
            return (result.loss, result.correct)
        case .regression(let loss):
            return (try loss.lossAndGradient(outputs: outputs, targets: targets, gradient: gradient), nil)
        }
    }
}

extension TrainingLoss {
    /// A defence behind the validator's loss rules: a classifier needs class labels, a regression loss targets as
    /// wide as the network's output.
    func check(_ data: Dataset, outputWidth: Int) throws {
        switch self {
        case .classification:
            guard !data.isRegression else {
                throw RunError.cannotBuild("a classification loss needs class labels, but the data has regression targets")
            }
        case .regression:
            guard data.isRegression, data.targetWidth == outputWidth else {
                throw RunError.cannotBuild(data.isRegression
                    ? "the output has \(outputWidth) units, but the data has \(data.targetWidth) targets per example"
                    : "a regression loss needs real targets, but the data has class labels")
            }
        }
    }
}
