import SproutNN
import SproutRuns

extension Trainer {
    /// The training state now, for resume.safetensors: `epochsCompleted` whole epochs and `rowsDone` rows of the next
    /// one trained (with `lossSum`, the running sum of that epoch's batch losses), and what `watch` remembers.
    func snapshot(epochsCompleted: Int, rowsDone: Int, lossSum: Double, watch: TrainingWatch) -> TrainingState {
        let position = TrainingState.Position(
            epochsCompleted: epochsCompleted, rowsDone: rowsDone, steps: steps, lossSumBits: lossSum.bitPattern,
            learningRateBits: learningRate.bitPattern, elapsedBits: (clock.now - start).inSeconds.bitPattern,
            watch: watch.memory,
            randomStreams: network.randomStreams.map { TrainingState.NamedStream(node: $0.node, state: $0.state) })
        return TrainingState(position: position, weights: NetworkWeights(of: network), optimizer: optimizer.state,
                             bestWeights: watch.bestWeights?.weights)
    }

    /// Puts the network, the optimizer, the random streams, the step count, the learning rate and the clock where
    /// `state` says, and replays the epochs' shuffles so the visiting order is the one of the epoch in progress.
    func restore(_ state: TrainingState) throws {
        let position = state.position
        // The file is on disk, so its numbers are checked before any is used as an index or a range.
        guard position.epochsCompleted >= 0, position.epochsCompleted < spec.train.epochs, position.rowsDone >= 0,
              position.rowsDone < data.count, position.rowsDone % max(1, batchSize) == 0, position.steps >= 0,
              state.optimizer.steps >= 0 else {
            throw NetworkError.trainingStateMismatch("its position (epoch \(position.epochsCompleted), row \(position.rowsDone), "
                                                     + "step \(position.steps)) is not one of this run's \(spec.train.epochs) "
                                                     + "epochs of \(data.count) examples in batches of \(batchSize)")
        }
        try state.weights.load(into: network)
        try optimizer.restore(state.optimizer, parameters: network.parameters)
        try network.restoreRandomStreams(position.randomStreams.map { ($0.node, $0.state) })
        try optimizer.setLearningRate(Double(bitPattern: position.learningRateBits))
        steps = position.steps
        gradientsAreZero = false
        let begun = position.epochsCompleted + (position.rowsDone > 0 ? 1 : 0)
        for _ in 0..<begun { shuffleForEpoch() }
        start = clock.now - .seconds(Double(bitPattern: position.elapsedBits))
    }
}
