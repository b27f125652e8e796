import SproutData
import SproutNN
import SproutRuns

extension Trainer {
    /// The metrics row of `epoch`: an evaluation of the training set (and of the validation set, when there is
    /// one), or the non-finite loss that ended the run.
    func measure(epoch: Int, gradientNorm: Double?, diverged loss: Double? = nil) throws -> MetricsRow {
        let train: (loss: Double, accuracy: Double?)
        var held: (loss: Double, accuracy: Double?)?
        if let loss {
            train = (loss, nil)
        } else {
            let e = try evaluate(data)
            train = (e.loss, e.accuracy)
            held = try validation.map { try evaluate($0) }
        }
        let seconds = (clock.now - start).inSeconds
        return MetricsRow(epoch: epoch, step: steps, learningRate: learningRate, trainLoss: train.loss,
                          trainAccuracy: train.accuracy, validationLoss: held?.loss, validationAccuracy: held?.accuracy ?? nil,
                          gradientNorm: gradientNorm, seconds: seconds)
    }

    /// Loss and accuracy (nil for regression) over a whole set, in order, in batches of at most the training
    /// batch size, in evaluation mode (no dropout, batch_norm on its running statistics).
    private func evaluate(_ set: Dataset) throws -> (loss: Double, accuracy: Double?) {
        var totalLoss = 0.0, correct = 0
        for first in stride(from: 0, to: set.count, by: batchSize) {
            let count = min(batchSize, set.count - first)
            buffers.gather(set, from: first, count: count, order: nil)
            let logits = try forwardBatch(count: count, mode: .evaluation)
            let result = try loss(logits: logits, count: count)
            totalLoss += result.loss * Double(count)
            correct += result.correct ?? 0
        }
        return (totalLoss / Double(set.count), lossFunction.isRegression ? nil : Double(correct) / Double(set.count))
    }
}
