#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Softmax cross entropy on logits, mean over the batch: PyTorch's `nn.CrossEntropyLoss()` with default arguments.
///
/// Shapes: `logits: (batch, classes)`, `labels: (batch)` class indices -> loss (scalar), `gradient: (batch, classes)`.
///
/// Per row, in log-sum-exp form so no `exp` overflows: `m = max_j z_j`, `s = sum_j exp(z_j - m)`,
/// `loss = m + log(s) - z_label`, and `dL/dz_j = (exp(z_j - m) / s - [j == label]) / batch`. The exponentials run in
/// float32 (like the rest of the network); the row losses and their mean are accumulated in Double, so the reported
/// loss does not drift with the batch size.
public enum SoftmaxCrossEntropy {
    /// Returns the mean loss and how many rows have `argmax(logits) == label` (the first maximum wins on ties), and
    /// writes dL/dlogits into `gradient`. Throws on a size mismatch or a label outside `0..<classes`, without
    /// touching `gradient`. A batch of 0 returns loss 0 and 0 correct.
    public static func lossAndGradient(
        logits: UnsafeBufferPointer<Float>, labels: UnsafeBufferPointer<Int32>, batch: Int, classes: Int,
        gradient: UnsafeMutableBufferPointer<Float>
    ) throws(LossError) -> (loss: Double, correct: Int) {
        guard batch >= 0, classes > 0 else { throw .invalidShape(batch: batch, classes: classes) }
        let count = batch * classes
        guard logits.count == count, gradient.count == count, labels.count == batch else {
            throw .sizeMismatch(logits: logits.count, labels: labels.count, gradient: gradient.count,
                                expected: count)
        }
        for label in labels where label < 0 || Int(label) >= classes {
            throw .labelOutOfRange(label: Int(label), classes: classes)
        }
        guard batch > 0, let z = logits.baseAddress, let g = gradient.baseAddress else { return (0, 0) }

        let scale = 1 / Float(batch)
        var totalLoss = 0.0
        var correct = 0
        for row in 0..<batch {
            let zRow = z + row * classes
            let gRow = g + row * classes
            var maximum = zRow[0]
            var argmax = 0
            for j in 1..<classes where zRow[j] > maximum {
                maximum = zRow[j]
                argmax = j
            }
            var sum: Float = 0
            for j in 0..<classes {
                let e = expf(zRow[j] - maximum)
                gRow[j] = e
                sum += e
            }
            let factor = scale / sum
            for j in 0..<classes { gRow[j] *= factor }
            let label = Int(labels[row])
            gRow[label] -= scale
            totalLoss += Double(maximum) + log(Double(sum)) - Double(zRow[label])
            correct += argmax == label ? 1 : 0
        }
        return (totalLoss / Double(batch), correct)
    }

    /// `lossAndGradient` for arrays; `gradient` is resized to `batch * classes` if needed.
    public static func lossAndGradient(
        logits: [Float], labels: [Int32], batch: Int, classes: Int, gradient: inout [Float]
    ) throws(LossError) -> (loss: Double, correct: Int) {
        if gradient.count != batch * classes, batch >= 0, classes > 0 {
            gradient = [Float](repeating: 0, count: batch * classes)
        }
        return try logits.withUnsafeBufferPointer { (z) throws(LossError) in
            try labels.withUnsafeBufferPointer { (y) throws(LossError) in
                try gradient.withUnsafeMutableBufferPointer { (g) throws(LossError) in
                    try lossAndGradient(logits: z, labels: y, batch: batch, classes: classes, gradient: g)
                }
            }
        }
    }
}

public enum LossError: Error, Equatable, Sendable {
    case invalidShape(batch: Int, classes: Int)
    case sizeMismatch(logits: Int, labels: Int, gradient: Int, expected: Int)
    case labelOutOfRange(label: Int, classes: Int)
}
