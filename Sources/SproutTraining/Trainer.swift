import Foundation
import SproutConfig
import SproutData
import SproutNN
import SproutRandom
import SproutRuns

/// One run's training: the parts a config makes (network, optimizer, loss, data, schedule, batch buffers), and the
/// step and the epoch of mini-batch SGD over the shuffled training set. The loop over epochs with its evaluations
/// is `Trainer+Loop`, the evaluations `Trainer+Evaluation`.
///
/// Buffers for a batch are allocated once, here; the step itself allocates nothing.
final class Trainer {
    let spec: ExperimentSpec
    let network: Network
    var optimizer: any Optimizer
    /// The rate of every step, from the config's schedule and warm-up.
    let schedule: LearningRateSchedule
    /// cross_entropy or binary_cross_entropy over class labels, or mse, mae or huber over regression targets.
    let lossFunction: TrainingLoss
    /// The examples trained on, and those held out (when the config asks for a split).
    let data: Dataset
    let validation: Dataset?
    /// The test split or source (`data.test`): evaluated once, after training (`Trainer+Test`), and nowhere else.
    let test: Dataset?
    /// The feature scaling fitted on the training split, applied to both (nil: none); model.json records it.
    let scaling: FeatureScaling?
    /// The batch's buffers, max(batch size, diagnostic sample) rows: the diagnostic pass gathers the whole sample.
    let buffers: BatchBuffers
    /// min(batch_size, training examples).
    let batchSize: Int
    /// The training examples layers.csv and `show --probe` measure (`Trainer+Diagnostics`).
    let diagnosticSample: DiagnosticSample
    /// The order in which metrics.csv's evaluation visits the training set: the sample first (one batch, the
    /// diagnostic pass's), then the other examples ascending (`DiagnosticSample.evaluationOrder`).
    let evaluationOrder: [Int]
    /// The training examples' visiting order (a permutation of the indices, reshuffled by `shuffleForEpoch`).
    private(set) var order: [Int]
    private var shuffle: RandomStream
    /// Optimizer steps taken so far (set back by `restore` when a run resumes).
    var steps = 0
    /// Whether every parameter gradient is already zero (a fused step clears them as it goes), so the next step
    /// need not clear them again.
    var gradientsAreZero = false
    /// Whether steps without clipping or a norm to measure update each parameter during backward (see
    /// `trainStep`); tests turn it off to compare the two orders.
    var fusesUpdates = true
    let clock = ContinuousClock()
    var start: ContinuousClock.Instant

    init(spec: ExperimentSpec) throws {
        self.spec = spec
        network = try NetworkBuilder.network(for: spec.model)
        network.initialize(seed: spec.seed)
        optimizer = try NetworkBuilder.optimizer(for: spec.train.optimizer)
        lossFunction = NetworkBuilder.loss(for: spec.train.loss)
        let splits = try DatasetBuilder.splits(for: spec.data, seed: spec.seed)
        (data, validation, test, scaling) = (splits.train, splits.validation, splits.test, splits.scaling)
        try lossFunction.check(data, outputWidth: network.outputWidth)
        let batch = min(spec.train.batchSize, data.count)
        let stepsPerEpoch = batch > 0 ? (data.count + batch - 1) / batch : 0
        schedule = LearningRateSchedule(base: spec.train.optimizer.learningRate, schedule: spec.train.schedule,
                                        stepsPerEpoch: stepsPerEpoch)
        try optimizer.setLearningRate(schedule.rate(epoch: 0, step: 0))
        batchSize = batch
        diagnosticSample = DiagnosticSample(data, seed: spec.seed)
        evaluationOrder = diagnosticSample.evaluationOrder
        buffers = BatchBuffers(capacity: max(batch, diagnosticSample.count), featureCount: data.featureCount,
                               targetWidth: data.targetWidth, outputWidth: network.outputWidth)
        order = Array(0..<data.count)
        shuffle = RandomStream(seed: spec.seed, key: "shuffle")
        start = clock.now
        // The network's buffers are sized for the sample's batch too (the first batch of every evaluation of the
        // training set, layers.csv on or off), once, here.
        try network.reserve(batch: max(batch, diagnosticSample.count))
    }

    /// The rate of the latest step (before training: of the first step), what metrics.csv's learning_rate shows:
    /// on a logged epoch's row, the rate of that epoch's last step.
    var learningRate: Double { optimizer.learningRate }

    /// What one pass over the training set gave.
    enum EpochResult: Equatable {
        /// `meanLoss`: the mean of the steps' batch losses weighted by batch size (the loss seen while training,
        /// before each update, what PyTorch scripts usually print). `gradientNorm`: the global gradient norm of the
        /// epoch's last step before clipping, when asked for (else 0).
        case trained(meanLoss: Double, gradientNorm: Double)
        /// A step's loss was NaN or infinite; that step made no update.
        case diverged(loss: Double)
        /// `StopRequest` asked to stop; the epoch stopped after its last finished step, `rowsDone` rows into the
        /// epoch (fewer than all: a stop during the last step lets the epoch end), with `lossSum` the weighted sum of
        /// its batch losses so far (what a resumed run goes on from).
        case interrupted(signal: Int32, rowsDone: Int, lossSum: Double)
    }

    /// One epoch of mini-batch steps (forward, loss, zero-grad, backward, clipping, optimizer step) in a newly
    /// shuffled order, without any evaluation; `epoch` is 1-based. A resumed run goes on with an epoch it stopped
    /// in: `first` rows already trained (the order already shuffled), `lossSum` their losses' sum. The step
    /// allocates nothing.
    func trainEpoch(_ epoch: Int, measuringGradientNorm: Bool, from start: Int = 0,
                    lossSum startSum: Double = 0) throws -> EpochResult {
        if start == 0 { shuffleForEpoch() }
        var gradientNorm = 0.0
        var lossSum = startSum
        for first in stride(from: start, to: data.count, by: batchSize) {
            let count = min(batchSize, data.count - first)
            buffers.gather(data, from: first, count: count, order: order)
            let last = first + count == data.count
            let measuring = measuringGradientNorm && last
            let result = try trainStep(count: count, epoch: epoch, measuringGradientNorm: measuring)
            guard result.loss.isFinite else { return .diverged(loss: result.loss) }
            lossSum += result.loss * Double(count)
            if measuring, let norm = result.gradientNorm { gradientNorm = norm }
            if !last, let signal = StopRequest.signal {
                return .interrupted(signal: signal, rowsDone: first + count, lossSum: lossSum)
            }
        }
        return .trained(meanLoss: lossSum / Double(max(1, data.count)), gradientNorm: gradientNorm)
    }

    /// The new epoch's visiting order: the next shuffle of the stream `shuffle` (when `data.shuffle` is on; else the
    /// generated order stays). Each epoch calls it once, before its first step.
    func shuffleForEpoch() {
        if spec.data.shuffle { shuffle.shuffle(&order) }
    }

    /// One step on the batch in the buffers: forward in training mode (dropout masks drawn, batch_norm on batch
    /// statistics), loss, backward, optimizer update. Returns the batch's mean loss, and the global gradient norm
    /// before clipping when clipping or `measuringGradientNorm` asked for it (metrics.csv's grad_norm is that norm,
    /// what clip_grad_norm_ returns in PyTorch). A loss that is not finite returns before any update.
    ///
    /// Without clipping and without a norm to measure, each parameter is updated as soon as backward is done with it
    /// (`Network.backward(parametersDone:)`) while it is still in cache, and its gradient cleared for the next step
    /// right there by the network, which lends parameters of one size on different nodes one shared gradient array
    /// (`GradientLending`); otherwise the whole gradient must exist first (its norm), and the step is backward, then the
    /// norm, the clipping, the update of every parameter. Both orders do the same arithmetic on every element, so
    /// they give bit-identical parameters (tested).
    private func trainStep(count: Int, epoch: Int,
                           measuringGradientNorm: Bool) throws -> (loss: Double, gradientNorm: Double?) {
        let logits = try forwardBatch(count: count, mode: .training)
        let result = try loss(logits: logits, count: count)
        guard result.loss.isFinite else { return (result.loss, nil) }
        try optimizer.setLearningRate(schedule.rate(epoch: epoch - 1, step: steps))
        if !gradientsAreZero { network.zeroGradients() }
        let outputGradient = buffers.gradient(count: count)
        var norm: Double?
        if spec.train.clipGradNorm == nil && !measuringGradientNorm && fusesUpdates {
            let parameters = network.parameters
            optimizer.beginStep(parameters)
            try network.backward(outputGradient: outputGradient, inputGradient: nil, sharedGradients: true) { index in
                optimizer.update(parameters[index], at: index)
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
        steps += 1
        return (result.loss, norm)
    }

    /// The network's output for the first `count` examples of the batch buffers.
    func forwardBatch(count: Int, mode: ForwardMode) throws -> UnsafeBufferPointer<Float> {
        try network.forward(buffers.input(count: count), batch: count, mode: mode)
    }

    /// The configured loss of the batch in the buffers (labels for a classifier, targets of the output's width for
    /// regression); writes dL/dlogits into the output-gradient buffer. `correct` is nil for regression.
    func loss(logits: UnsafeBufferPointer<Float>, count: Int) throws -> (loss: Double, correct: Int?) {
        let width = network.outputWidth
        return try lossFunction.lossAndGradient(
            outputs: logits, labels: UnsafeBufferPointer(start: buffers.labels, count: count),
            targets: UnsafeBufferPointer(start: buffers.targets, count: lossFunction.isRegression ? count * width : 0),
            batch: count, width: width,
            gradient: UnsafeMutableBufferPointer(rebasing: buffers.outputGradient[0..<(count * width)]))
    }
}
