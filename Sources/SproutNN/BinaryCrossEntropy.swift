#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Sigmoid cross entropy on one logit per example, mean over the batch: PyTorch's `nn.BCEWithLogitsLoss()` with
/// default arguments. The logit is that of the second class (label 1).
///
/// Shapes: `logits: (batch, 1)`, `labels: (batch)` 0 or 1 -> loss (scalar), `gradient: (batch, 1)`.
///
/// Per row, in the stable form PyTorch uses (no `exp` of a large positive number):
/// `loss = max(z, 0) − z·y + log(1 + exp(−|z|))`, equal to −[y·log σ(z) + (1−y)·log(1−σ(z))], and
/// `dL/dz = (σ(z) − y) / batch`. A row counts as correct when `z > 0` predicts its label (z = 0 predicts 0).
/// Row losses are accumulated in Double.
public enum BinaryCrossEntropy {
    /// Returns the mean loss and the number of correct rows, and writes dL/dlogits into `gradient`. Throws on a
    /// size mismatch or a label other than 0 or 1, without touching `gradient`. A batch of 0 returns (0, 0).
    public static func lossAndGradient(
        logits: UnsafeBufferPointer<Float>, labels: UnsafeBufferPointer<Int32>, batch: Int,
        gradient: UnsafeMutableBufferPointer<Float>
    ) throws(LossError) -> (loss: Double, correct: Int) {
        guard batch >= 0 else { throw .invalidShape(batch: batch, classes: 2) }
        guard logits.count == batch, gradient.count == batch, labels.count == batch else {
            throw .sizeMismatch(logits: logits.count, labels: labels.count, gradient: gradient.count, expected: batch)
        }
        for label in labels where label != 0 && label != 1 { throw .labelOutOfRange(label: Int(label), classes: 2) }
        guard batch > 0 else { return (0, 0) }
        let scale = 1 / Float(batch)
        var total = 0.0
        var correct = 0
        for row in 0..<batch {
            let z = logits[row]
            let y = Float(labels[row])
            let e = expf(-abs(z))                        // in (0, 1]: never overflows
            let sigmoid = z >= 0 ? 1 / (1 + e) : e / (1 + e)
            gradient[row] = (sigmoid - y) * scale
            total += Double(max(z, 0)) - Double(z) * Double(y) + log1p(Double(e))
            correct += (z > 0) == (labels[row] == 1) ? 1 : 0
        }
        return (total / Double(batch), correct)
    }
}
