import Foundation
import SproutConfig
import SproutRuns
import SproutData
import SproutNN
import SproutRandom

/// How a training run ended.
public enum RunOutcome: Sendable, Equatable {
    case completed
    /// The loss became NaN or infinite at this epoch and step; training stopped there.
    case diverged(epoch: Int, step: Int)
    /// A stop was requested (SIGINT, SIGTERM) and training stopped after `step`, in `epoch`.
    case interrupted(epoch: Int, step: Int, signal: Int32)
}

/// The training loop: mini-batch SGD over a shuffled dataset, with an evaluation on logged epochs.
///
/// Buffers for a batch are allocated once before the loop; the step itself allocates nothing.
final class Trainer {
    let spec: ExperimentSpec
    let network: Network
    var optimizer: any Optimizer
    /// The rate of every step, from the config's schedule and warm-up.
    let schedule: LearningRateSchedule
    /// cross_entropy or binary_cross_entropy over class labels, or mse, mae or huber over regression targets.
    let lossFunction: TrainingLoss
    /// The logged epoch early stopping ended the run at; nil while training, and when it ran every epoch.
    private(set) var stoppedEarlyAt: Int?
    /// The examples trained on, and those held out (when the config asks for a split).
    let data: Dataset
    let validation: Dataset?

    /// The current batch's examples and labels, or regression targets (`batchSize` rows), allocated once and
    /// freed in deinit: raw buffers rather than arrays, so the step pays no uniqueness or exclusivity checks per
    /// element.
    let batchFeatures: UnsafeMutablePointer<Float>
    private let batchLabels: UnsafeMutablePointer<Int32>
    private let batchTargets: UnsafeMutablePointer<Float>
    let batchSize: Int
    /// dL/d(logits) of the current batch; allocated once, freed in deinit.
    let outputGradientBuffer: UnsafeMutableBufferPointer<Float>
    /// The training examples' visiting order (a permutation of the indices, reshuffled by `shuffleForEpoch`).
    private(set) var order: [Int]
    private var shuffle: RandomStream
    private var step = 0
    /// Optimizer steps taken so far.
    var steps: Int { step }
    /// Whether every parameter gradient is already zero (a fused step clears them as it goes), so the next step
    /// need not clear them again.
    private var gradientsAreZero = false
    /// layers.csv rows measured during the last metrics evaluation (see `evaluate`).
    private var capturedLayerRows: (epoch: Int, rows: [[String]])?
    /// Whether steps without clipping or a norm to measure update each parameter during backward (see
    /// `trainStep`); tests turn it off to compare the two orders.
    var fusesUpdates = true
    private let clock = ContinuousClock()
    private var start: ContinuousClock.Instant

    init(spec: ExperimentSpec) throws {
        self.spec = spec
        network = try NetworkBuilder.network(for: spec.model)
        network.initialize(seed: spec.seed)
        optimizer = try NetworkBuilder.optimizer(for: spec.train.optimizer)
        lossFunction = NetworkBuilder.loss(for: spec.train.loss)
        (data, validation) = try DatasetBuilder.datasets(for: spec.data, seed: spec.seed)
        try lossFunction.check(data, outputWidth: network.outputWidth)
        let batch = min(spec.train.batchSize, data.count)
        let stepsPerEpoch = batch > 0 ? (data.count + batch - 1) / batch : 0
        schedule = LearningRateSchedule(base: spec.train.optimizer.learningRate, schedule: spec.train.schedule,
                                        stepsPerEpoch: stepsPerEpoch)
        try optimizer.setLearningRate(schedule.rate(epoch: 0, step: 0))
        batchSize = batch
        batchFeatures = .allocate(capacity: max(1, batch * data.featureCount))
        batchFeatures.initialize(repeating: 0, count: max(1, batch * data.featureCount))
        batchLabels = .allocate(capacity: max(1, batch))
        batchLabels.initialize(repeating: 0, count: max(1, batch))
        batchTargets = .allocate(capacity: max(1, batch * data.targetWidth))
        batchTargets.initialize(repeating: 0, count: max(1, batch * data.targetWidth))
        outputGradientBuffer = .allocate(capacity: max(1, batch * network.outputWidth))
        outputGradientBuffer.initialize(repeating: 0)
        order = Array(0..<data.count)
        shuffle = RandomStream(seed: spec.seed, key: "shuffle")
        start = clock.now
        try network.reserve(batch: batch)
    }

    deinit {
        outputGradientBuffer.deallocate()
        batchFeatures.deallocate()
        batchLabels.deallocate()
        batchTargets.deallocate()
    }

    /// The rate of the latest step (before training: of the first step), what metrics.csv's learning_rate shows:
    /// on a logged epoch's row, the rate of that epoch's last step.
    var learningRate: Double { optimizer.learningRate }

    /// Trains for the configured epochs, passing `report` the row of epoch 0 and of every logged epoch as soon as
    /// it is measured, and `epochEnded` every epoch's number and mean training loss (for a live progress line).
    func run(report: (MetricsRow) throws -> Void,
             epochEnded: (_ epoch: Int, _ meanLoss: Double) throws -> Void = { _, _ in }) throws -> RunOutcome {
        start = clock.now
        let initial = try measure(epoch: 0, gradientNorm: nil)
        try report(initial)
        // A start that is already not finite (weights so large that the logits overflow) is a divergence at step 0.
        guard initial.trainLoss.isFinite else { return .diverged(epoch: 0, step: 0) }
        // Early stopping watches every logged row, epoch 0's (its first value) included.
        var stopping = spec.train.earlyStopping.map(EarlyStopping.init)
        let watched = spec.train.earlyStopping?.metric
        if let watched { _ = stopping?.shouldStop(epoch: 0, value: initial.value(of: watched)) }
        for epoch in 1...spec.train.epochs {
            let logged = epoch % spec.log.every == 0 || epoch == spec.train.epochs
            let result = try trainEpoch(epoch, measuringGradientNorm: logged)
            switch result {
            case .diverged(let loss):
                try report(measure(epoch: epoch, gradientNorm: nil, diverged: loss))
                return .diverged(epoch: epoch, step: step)
            case .interrupted(let signal):
                return .interrupted(epoch: epoch, step: step, signal: signal)
            case .trained(let meanLoss, _):
                try epochEnded(epoch, meanLoss)
            }
            guard logged, case .trained(_, let gradientNorm) = result else { continue }
            let row = try measure(epoch: epoch, gradientNorm: gradientNorm)
            try report(row)
            if let watched, stopping?.shouldStop(epoch: epoch, value: row.value(of: watched)) == true {
                stoppedEarlyAt = epoch
                return .completed
            }
        }
        return .completed
    }

    /// What one pass over the training set gave.
    enum EpochResult: Equatable {
        /// `meanLoss`: the mean of the steps' batch losses weighted by batch size (the loss seen while training,
        /// before each update, what PyTorch scripts usually print). `gradientNorm`: the global gradient norm of the
        /// epoch's last step before clipping, when asked for (else 0).
        case trained(meanLoss: Double, gradientNorm: Double)
        /// A step's loss was NaN or infinite; that step made no update.
        case diverged(loss: Double)
        /// `StopRequest` asked to stop; the epoch ended after its last finished step.
        case interrupted(signal: Int32)
    }

    /// One epoch of mini-batch steps (forward, loss, zero-grad, backward, clipping, optimizer step) in a newly
    /// shuffled order, without any evaluation; `epoch` is 1-based. The step allocates nothing.
    func trainEpoch(_ epoch: Int, measuringGradientNorm: Bool) throws -> EpochResult {
        shuffleForEpoch()
        var gradientNorm = 0.0
        var lossSum = 0.0
        for first in stride(from: 0, to: data.count, by: batchSize) {
            let count = min(batchSize, data.count - first)
            gather(data, from: first, count: count, shuffled: true)
            let measuring = measuringGradientNorm && first + count == data.count  // the epoch's last step
            let result = try trainStep(count: count, epoch: epoch, measuringGradientNorm: measuring)
            guard result.loss.isFinite else { return .diverged(loss: result.loss) }
            lossSum += result.loss * Double(count)
            if measuring, let norm = result.gradientNorm { gradientNorm = norm }
            if let signal = StopRequest.signal { return .interrupted(signal: signal) }
        }
        return .trained(meanLoss: lossSum / Double(max(1, data.count)), gradientNorm: gradientNorm)
    }

    /// The new epoch's visiting order: the next shuffle of the stream `shuffle` (when `data.shuffle` is on; else the
    /// generated order stays). Each epoch calls it once, before its first step.
    func shuffleForEpoch() {
        if spec.data.shuffle { shuffle.shuffle(&order) }
    }

    /// Copies examples `first ..< first+count` of `set` into the batch buffers: in the epoch's shuffled order
    /// (training), or in the set's own order (evaluation). One row copy (a memcpy) per example, and its label or
    /// its row of regression targets.
    func gather(_ set: Dataset, from first: Int, count: Int, shuffled: Bool) {
        let width = set.featureCount, targetWidth = set.targetWidth
        set.features.withUnsafeBufferPointer { source in
            set.labels.withUnsafeBufferPointer { labels in
                set.targets.withUnsafeBufferPointer { targets in
                    order.withUnsafeBufferPointer { order in
                        guard let source = source.baseAddress else { return }
                        for row in 0..<count {
                            let example = shuffled ? order[first + row] : first + row
                            (batchFeatures + row * width).update(from: source + example * width, count: width)
                            if targetWidth > 0, let targets = targets.baseAddress {
                                (batchTargets + row * targetWidth).update(from: targets + example * targetWidth,
                                                                          count: targetWidth)
                            } else {
                                batchLabels[row] = labels[example]
                            }
                        }
                    }
                }
            }
        }
    }

    /// One step on the batch in the buffers: forward in training mode (dropout masks drawn, batch_norm on batch
    /// statistics), loss, backward, optimizer update. Returns the batch's mean loss, and the global gradient norm
    /// before clipping when clipping or `measuringGradientNorm` asked for it (metrics.csv's grad_norm is that norm,
    /// what clip_grad_norm_ returns in PyTorch). A loss that is not finite returns before any update.
    ///
    /// Without clipping and without a norm to measure, each parameter is updated as soon as backward is done with it
    /// (`Network.backward(parametersDone:)`) while it is still in cache, and its gradient cleared for the next step
    /// right there; otherwise the whole gradient must exist first (its norm), and the step is backward, then the
    /// norm, the clipping, the update of every parameter. Both orders do the same arithmetic on every element, so
    /// they give bit-identical parameters (tested).
    private func trainStep(count: Int, epoch: Int,
                           measuringGradientNorm: Bool) throws -> (loss: Double, gradientNorm: Double?) {
        let logits = try forwardBatch(count: count, mode: .training)
        let result = try loss(logits: logits, count: count)
        guard result.loss.isFinite else { return (result.loss, nil) }
        try optimizer.setLearningRate(schedule.rate(epoch: epoch - 1, step: step))
        if !gradientsAreZero { network.zeroGradients() }
        let outputGradient = UnsafeBufferPointer(rebasing: outputGradientBuffer[0..<(count * network.outputWidth)])
        var norm: Double?
        if spec.train.clipGradNorm == nil && !measuringGradientNorm && fusesUpdates {
            let parameters = network.parameters
            optimizer.beginStep(parameters)
            try network.backward(outputGradient: outputGradient, inputGradient: nil) { index in
                optimizer.update(parameters[index], at: index)
                parameters[index].zeroGradient()
            }
            gradientsAreZero = true
        } else {
            try network.backward(outputGradient: outputGradient)
            if let maxNorm = spec.train.clipGradNorm {
                norm = GradientClipping.clip(network.parameters, maxNorm: maxNorm)
            } else if measuringGradientNorm {
                norm = GradientClipping.globalNorm(network.parameters)
            }
            optimizer.step(network.parameters)
            gradientsAreZero = false
        }
        step += 1
        return (result.loss, norm)
    }

    /// The network's output for the first `count` examples of the batch buffers.
    func forwardBatch(count: Int, mode: ForwardMode) throws -> UnsafeBufferPointer<Float> {
        try network.forward(UnsafeBufferPointer(start: batchFeatures, count: count * data.featureCount), batch: count,
                            mode: mode)
    }

    /// The configured loss of the batch in the buffers (labels for a classifier, targets of the output's width for
    /// regression); writes dL/dlogits into the output-gradient buffer. `correct` is nil for regression.
    func loss(logits: UnsafeBufferPointer<Float>, count: Int) throws -> (loss: Double, correct: Int?) {
        let width = network.outputWidth
        return try lossFunction.lossAndGradient(
            outputs: logits, labels: UnsafeBufferPointer(start: batchLabels, count: count),
            targets: UnsafeBufferPointer(start: batchTargets, count: lossFunction.isRegression ? count * width : 0),
            batch: count, width: width,
            gradient: UnsafeMutableBufferPointer(rebasing: outputGradientBuffer[0..<(count * width)]))
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
        gather(data, from: 0, count: count, shuffled: false)
        let logits = try forwardBatch(count: count, mode: .evaluation)
        _ = try loss(logits: logits, count: count)
        return try diagnoseCurrentBatch(epoch: epoch, count: count)
    }

    /// Backward on the batch whose forward pass and loss just ran, then the rows. The gradients it leaves are
    /// cleared by the next training step.
    private func diagnoseCurrentBatch(epoch: Int, count: Int) throws -> [[String]] {
        network.zeroGradients()
        try network.backward(outputGradient: UnsafeBufferPointer(rebasing: outputGradientBuffer[0..<(count * network.outputWidth)]))
        gradientsAreZero = false
        return LayerDiagnostics.rows(epoch: epoch, nodes: network.inspectNodes())
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
            gather(set, from: first, count: count, shuffled: false)
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

    /// The metrics row of `epoch`: an evaluation of the training set (and of the validation set, when there is
    /// one), or the non-finite loss that ended the run.
    private func measure(epoch: Int, gradientNorm: Double?, diverged loss: Double? = nil) throws -> MetricsRow {
        let train: (loss: Double, accuracy: Double?)
        var held: (loss: Double, accuracy: Double?)?
        if let loss {
            train = (loss, nil)
        } else {
            let e = try evaluate(data, diagnosingEpoch: spec.log.layers ? epoch : nil)
            train = (e.loss, e.accuracy)
            held = try validation.map { try evaluate($0) }
        }
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return MetricsRow(epoch: epoch, step: step, learningRate: learningRate, trainLoss: train.loss,
                          trainAccuracy: train.accuracy, validationLoss: held?.loss, validationAccuracy: held?.accuracy ?? nil,
                          gradientNorm: gradientNorm, seconds: seconds)
    }
}
