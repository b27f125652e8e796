import SproutData
import SproutMetrics
import SproutNN
import SproutRuns

extension Trainer {
    /// run.json's `test`: the test split evaluated once with the weights the run ended with, or nil without a
    /// test split. A completed run (early stopping included) is evaluated, and so is a diverged one: its weights
    /// are its last finite ones (the step whose loss was not finite made no update), and how they do on unseen
    /// data is what a careful user wants to know before trusting or discarding them. An interrupted run is not
    /// (it was asked to stop now, and is trained again by the next `sprout run`); `sprout evaluate` can still
    /// evaluate its final.safetensors. `epoch`: the last completed epoch, recorded with the numbers.
    func testEvaluation(after outcome: RunOutcome, epoch: Int) throws -> Evaluation? {
        guard let test else { return nil }
        switch outcome {
        case .completed, .diverged: return try evaluation(of: test, epoch: epoch)
        case .interrupted: return nil
        }
    }

    /// One evaluation-mode pass (no dropout, batch_norm on its running statistics) over `set` in its order, in
    /// batches of at most the training batch size: the configured loss's mean, and for class labels the
    /// confusion matrix and its scores (`ClassificationScores`, predictions as `predictedClasses` makes them, the
    /// rule metrics.csv's accuracy counts by), for regression targets the mean absolute error.
    func evaluation(of set: Dataset, epoch: Int) throws -> Evaluation {
        let width = network.outputWidth
        var totalLoss = 0.0, absoluteError = 0.0
        var predicted: [Int] = []
        predicted.reserveCapacity(set.isRegression ? 0 : set.count)
        for first in stride(from: 0, to: set.count, by: max(1, batchSize)) {
            let count = min(batchSize, set.count - first)
            buffers.gather(set, from: first, count: count, order: nil)
            let outputs = try forwardBatch(count: count, mode: .evaluation)
            totalLoss += try loss(logits: outputs, count: count).loss * Double(count)
            if set.isRegression {
                for i in 0..<(count * width) { absoluteError += Double(abs(outputs[i] - buffers.targets[i])) }
            } else {
                predicted += Self.predictedClasses(outputs, count: count, width: width)
            }
        }
        let examples = Double(max(1, set.count))
        guard !set.isRegression else {
            return Evaluation(examples: set.count, loss: totalLoss / examples, epoch: epoch,
                              meanAbsoluteError: absoluteError / (examples * Double(max(1, width))))
        }
        let scores = ClassificationScores(truth: set.labels.map { Int($0) }, predicted: predicted,
                                          classCount: max(set.classCount, width == 1 ? 2 : width))
        return Evaluation(examples: set.count, loss: totalLoss / examples, epoch: epoch, scores: scores,
                          classNames: set.classNames)
    }

    /// Each row's predicted class: the first largest of its `width` outputs (softmax cross-entropy's argmax, ties
    /// to the lower class, as `SoftmaxCrossEntropy` counts a row correct), or for one output (binary
    /// cross-entropy's logit of class 1) class 1 when the logit is above 0, as `BinaryCrossEntropy` counts.
    static func predictedClasses(_ outputs: UnsafeBufferPointer<Float>, count: Int, width: Int) -> [Int] {
        (0..<count).map { row in
            let base = row * width
            guard width > 1 else { return outputs[base] > 0 ? 1 : 0 }
            var best = 0
            for j in 1..<width where outputs[base + j] > outputs[base + best] { best = j }
            return best
        }
    }
}
