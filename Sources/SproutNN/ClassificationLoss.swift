/// The loss of a classifier the Trainer runs: both take class labels and report how many rows are right.
public enum ClassificationLoss: Sendable, Equatable {
    /// Softmax cross entropy over one logit per class.
    case crossEntropy
    /// Sigmoid cross entropy over one logit (that of class 1).
    case binaryCrossEntropy

    /// The mean loss and correct count of a batch of `outputs` (batch × width); writes dL/doutputs into `gradient`.
    public func lossAndGradient(
        outputs: UnsafeBufferPointer<Float>, labels: UnsafeBufferPointer<Int32>, batch: Int, width: Int,
        gradient: UnsafeMutableBufferPointer<Float>
    ) throws(LossError) -> (loss: Double, correct: Int) {
        switch self {
        case .crossEntropy:
            return try SoftmaxCrossEntropy.lossAndGradient(logits: outputs, labels: labels, batch: batch,
                                                           classes: width, gradient: gradient)
        case .binaryCrossEntropy:
            guard width == 1 else { throw .invalidShape(batch: batch, classes: width) }
            return try BinaryCrossEntropy.lossAndGradient(logits: outputs, labels: labels, batch: batch,
                                                          gradient: gradient)
        }
    }
}
