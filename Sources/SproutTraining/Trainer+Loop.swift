import SproutRuns

/// How a training run ended.
public enum RunOutcome: Sendable, Equatable {
    case completed
    /// The loss became NaN or infinite at this epoch and step; training stopped there.
    case diverged(epoch: Int, step: Int)
    /// A stop was requested (SIGINT, SIGTERM) and training stopped after `step`, in `epoch`.
    case interrupted(epoch: Int, step: Int, signal: Int32)

    /// Whether the run reached an end of its own (completed or diverged), which no rerun goes on from.
    var isFinished: Bool {
        if case .interrupted = self { return false }
        return true
    }
}

/// What the loop tells whoever writes the run's files, in order. It flows one way: the loop reports, the runner
/// (`ExperimentRunner`) writes; nothing is asked back.
enum TrainingEvent {
    /// metrics.csv's row of epoch 0, of a logged epoch, or of the step that diverged, with layers.csv's rows of the
    /// same moment when `log.layers` is on.
    case measured(MetricsRow, layers: [[String]]?)
    /// Every epoch's end: its number, the mean training loss of its steps (a live progress line), the steps so far.
    case epochEnded(epoch: Int, meanLoss: Double, steps: Int)
    /// Early stopping ended the run at this logged epoch (its row was the last `measured`).
    case stoppedEarly(epoch: Int)
    /// The best checkpoint's metric improved at this logged epoch: best.safetensors is the network now.
    case bestImproved(epoch: Int, step: Int, metric: String, value: Double)
    /// `restore_best`: the completed run's network now holds the weights of early stopping's best epoch, `epoch`
    /// (after `step` steps): final.safetensors is those.
    case restoredBest(epoch: Int, step: Int)
    /// The whole training state, to save as resume.safetensors: at an epoch's end when `log.checkpoints.resume_every`
    /// seconds have passed since the last, and at the step a stop was asked for.
    case resumePoint(TrainingState)
}

extension Trainer {
    /// Trains for the configured epochs, passing `report` every event as it happens: the row of epoch 0 and of
    /// every logged epoch as soon as it is measured (with its layer rows), every epoch's end, an early stop, and the
    /// training state when it is due. With `saved`, the state this trainer was just restored from (`restore`), goes
    /// on from there instead of starting (nothing of epoch 0 measured again): the result is the uninterrupted run's,
    /// bit for bit.
    func run(restoredFrom saved: TrainingState? = nil, _ report: (TrainingEvent) throws -> Void) throws -> RunOutcome {
        var watch = TrainingWatch(spec)
        var firstEpoch = 1, rowsDone = 0, lossSum = 0.0
        if let saved {
            watch.restore(saved.position.watch, bestWeights: saved.bestWeights)
            (firstEpoch, rowsDone) = (saved.position.epochsCompleted + 1, saved.position.rowsDone)
            lossSum = Double(bitPattern: saved.position.lossSumBits)
        } else {
            start = clock.now
            let (initial, initialLayers) = try measure(epoch: 0, gradientNorm: nil)
            try report(.measured(initial, layers: initialLayers))
            // A start that is already not finite (weights so large that the logits overflow) is a divergence at step 0.
            guard initial.trainLoss.isFinite else { return .diverged(epoch: 0, step: 0) }
            // Early stopping and the best checkpoint watch every logged row, epoch 0's (the first value) included;
            // its stop verdict is not acted on: training always runs at least one epoch.
            _ = try observe(initial, epoch: 0, watch: &watch, report)
        }
        var lastSave = clock.now
        // `restore` checked that a resumed run's first epoch is one of the run's (an empty range would trap).
        for epoch in firstEpoch...max(firstEpoch, spec.train.epochs) where epoch <= spec.train.epochs {
            let logged = epoch % spec.log.every == 0 || epoch == spec.train.epochs
            let result = try trainEpoch(epoch, measuringGradientNorm: logged, from: rowsDone, lossSum: lossSum)
            (rowsDone, lossSum) = (0, 0)
            switch result {
            case .diverged(let loss):
                let (row, layers) = try measure(epoch: epoch, gradientNorm: nil, diverged: loss)
                try report(.measured(row, layers: layers))
                return .diverged(epoch: epoch, step: steps)
            case .interrupted(let signal, let rows, let sum):
                try report(.resumePoint(snapshot(epochsCompleted: epoch - 1, rowsDone: rows, lossSum: sum, watch: watch)))
                return .interrupted(epoch: epoch, step: steps, signal: signal)
            case .trained(let meanLoss, _):
                try report(.epochEnded(epoch: epoch, meanLoss: meanLoss, steps: steps))
            }
            if logged, case .trained(_, let gradientNorm) = result {
                let (row, layers) = try measure(epoch: epoch, gradientNorm: gradientNorm)
                try report(.measured(row, layers: layers))
                if try observe(row, epoch: epoch, watch: &watch, report) {
                    try report(.stoppedEarly(epoch: epoch))
                    break
                }
            }
            guard epoch < spec.train.epochs else { break }
            let signal = StopRequest.signal
            if signal != nil || (clock.now - lastSave).inSeconds >= spec.log.checkpoints.resumeEvery {
                try report(.resumePoint(snapshot(epochsCompleted: epoch, rowsDone: 0, lossSum: 0, watch: watch)))
                lastSave = clock.now
            }
            if let signal { return .interrupted(epoch: epoch, step: steps, signal: signal) }
        }
        if watch.restoresBest, let best = watch.bestWeights {
            try best.weights.load(into: network)
            try report(.restoredBest(epoch: best.epoch, step: best.step))
        }
        return .completed
    }

    /// Shows the watch logged epoch `epoch`'s row: reports a best checkpoint to write when its metric improved;
    /// returns whether early stopping says stop.
    private func observe(_ row: MetricsRow, epoch: Int, watch: inout TrainingWatch,
                         _ report: (TrainingEvent) throws -> Void) throws -> Bool {
        let verdict = watch.observe(row, epoch: epoch, steps: steps, network: network)
        if let improved = verdict.bestImproved {
            try report(.bestImproved(epoch: epoch, step: steps, metric: improved.metric, value: improved.value))
        }
        return verdict.stop
    }
}
