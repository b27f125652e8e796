import SproutData
import SproutNN
import SproutRuns

extension Trainer {
    /// The metrics row of `epoch` (an evaluation of the training set, and of the validation set when there is one,
    /// or the non-finite loss that ended the run) and, when `log.layers` is on, layers.csv's rows of the same moment.
    func measure(epoch: Int, gradientNorm: Double?,
                 diverged loss: Double? = nil) throws -> (row: MetricsRow, layers: [[String]]?) {
        let train: (loss: Double, accuracy: Double?)
        var held: (loss: Double, accuracy: Double?)?
        var layers: [[String]]?
        if let loss {
            train = (loss, nil)
            if spec.log.layers { layers = try layerRows(epoch: epoch) }
        } else {
            let evaluated = try evaluateTrainingSet(layersOf: epoch)
            train = (evaluated.loss, evaluated.accuracy)
            layers = evaluated.layers
            held = try validation.map { try evaluate($0) }
        }
        let seconds = (clock.now - start).inSeconds
        let row = MetricsRow(epoch: epoch, step: steps, learningRate: learningRate, trainLoss: train.loss,
                             trainAccuracy: train.accuracy, validationLoss: held?.loss,
                             validationAccuracy: held?.accuracy ?? nil, gradientNorm: gradientNorm, seconds: seconds)
        return (row, layers)
    }

    /// Loss and accuracy (nil for regression) over the training set, in evaluation mode, in `evaluationOrder`: the
    /// diagnostic sample first, as one batch of S rows, then the other N − S examples in index order, in batches of
    /// at most the training batch size; with layers.csv on, its rows of `epoch` too.
    ///
    /// The sample's batch is the diagnostic pass's forward pass (`sampleForward`): with layers.csv on, the whole
    /// diagnostic pass runs there (`diagnosticPass`, adding the backward pass) and layers.csv's rows are taken from
    /// the network's nodes before the next batch overwrites them, so that layers.csv costs a backward pass over S
    /// rows and the statistics, not a second forward pass. With layers.csv off the sample is still evaluated first,
    /// as one batch: metrics.csv is then the same with layers.csv on or off, to the last bit (tested).
    ///
    /// Evaluation mode computes every example's output on its own (no dropout, batch_norm on its running
    /// statistics), so the order changes no output but the rounding of the sums: the loss is
    /// (S · L_sample + Σ count_b · L_b) / N over the batches b, the same value as the mean in index order up to the
    /// last bits (the order of a float sum, and sgemm's rounding of a row, which depends on its place in the batch);
    /// the accuracy is a count.
    func evaluateTrainingSet(layersOf epoch: Int) throws -> (loss: Double, accuracy: Double?, layers: [[String]]?) {
        let sample: (loss: Double, correct: Int?)
        var layers: [[String]]?
        if spec.log.layers {
            let pass = try diagnosticPass()
            sample = (pass.loss, pass.correct)
            layers = LayerDiagnostics.rows(epoch: epoch, nodes: network.inspectNodes())
        } else {
            sample = try sampleForward()
        }
        let sampleSize = diagnosticSample.count
        var totalLoss = sample.loss * Double(sampleSize), correct = sample.correct ?? 0
        for first in stride(from: sampleSize, to: data.count, by: batchSize) {
            let count = min(batchSize, data.count - first)
            buffers.gather(data, from: first, count: count, order: evaluationOrder)
            let logits = try forwardBatch(count: count, mode: .evaluation)
            let result = try loss(logits: logits, count: count)
            totalLoss += result.loss * Double(count)
            correct += result.correct ?? 0
        }
        let accuracy = lossFunction.isRegression ? nil : Double(correct) / Double(data.count)
        return (totalLoss / Double(data.count), accuracy, layers)
    }

    /// Loss and accuracy (nil for regression) over a whole set, in order, in batches of at most the training
    /// batch size, in evaluation mode (no dropout, batch_norm on its running statistics): the validation set.
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
