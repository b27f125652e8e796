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
            let e = try evaluate(data, diagnosingEpoch: spec.log.layers ? epoch : nil)
            train = (e.loss, e.accuracy)
            held = try validation.map { try evaluate($0) }
        }
        let seconds = (clock.now - start).inSeconds
        return MetricsRow(epoch: epoch, step: steps, learningRate: learningRate, trainLoss: train.loss,
                          trainAccuracy: train.accuracy, validationLoss: held?.loss, validationAccuracy: held?.accuracy ?? nil,
                          gradientNorm: gradientNorm, seconds: seconds)
    }

    /// Loss and accuracy (nil for regression) over a whole set, in order, in batches of at most the training
    /// batch size.
    /// With `diagnosingEpoch`, the first batch (which is the diagnostic batch: the first batch-size examples in
    /// order, in evaluation mode) also gets a backward pass and its layers.csv rows are kept for `layerRows`, so the
    /// diagnostics do not repeat the forward pass the metrics already make.
    private func evaluate(_ set: Dataset, diagnosingEpoch: Int? = nil) throws -> (loss: Double, accuracy: Double?) {
        var totalLoss = 0.0, correct = 0
        for first in stride(from: 0, to: set.count, by: batchSize) {
            let count = min(batchSize, set.count - first)
            buffers.gather(set, from: first, count: count, order: nil)
            let logits = try forwardBatch(count: count, mode: .evaluation)  // metrics: no dropout, running stats
            let result = try loss(logits: logits, count: count)
            if first == 0, let epoch = diagnosingEpoch {
                capturedLayerRows = (epoch, try diagnoseCurrentBatch(epoch: epoch, count: count))
            }
            totalLoss += result.loss * Double(count)
            correct += result.correct ?? 0
        }
        return (totalLoss / Double(set.count), lossFunction.isRegression ? nil : Double(correct) / Double(set.count))
    }

    /// layers.csv's rows for `epoch` (`LayerDiagnostics`), from one forward and backward pass on the diagnostic
    /// batch: the first min(batch size, examples) training examples in the set's own order, the same examples every
    /// time, so rows compare across epochs. Evaluation mode (no dropout draw, batch_norm on running statistics, no
    /// update of them), and the gradients it leaves are cleared by the next step: turning diagnostics on changes
    /// nothing in training (tested). A logged epoch's metrics evaluation already ran that batch and kept its rows;
    /// otherwise (the row of a diverged step) the pass runs here.
    func layerRows(epoch: Int) throws -> [[String]] {
        if let captured = capturedLayerRows, captured.epoch == epoch { return captured.rows }
        let count = min(batchSize, data.count)
        buffers.gather(data, from: 0, count: count, order: nil)
        let logits = try forwardBatch(count: count, mode: .evaluation)
        _ = try loss(logits: logits, count: count)
        return try diagnoseCurrentBatch(epoch: epoch, count: count)
    }

    /// Backward on the batch whose forward pass and loss just ran, then the rows. The gradients it leaves are
    /// cleared by the next training step.
    private func diagnoseCurrentBatch(epoch: Int, count: Int) throws -> [[String]] {
        network.zeroGradients()
        try network.backward(outputGradient: buffers.gradient(count: count))
        gradientsAreZero = false
        return LayerDiagnostics.rows(epoch: epoch, nodes: network.inspectNodes())
    }
}
