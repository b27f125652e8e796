import SproutNN

extension Trainer {
    /// What the first training step's pass saw (`InitProbe`).
    struct FirstStepPass {
        /// The training-set indices of the batch's examples, in batch order.
        var examples: [Int]
        /// The batch's mean loss before any update.
        var loss: Double
        /// Mean and population standard deviation of the batch's input features, all `examples × features` values.
        var input: (mean: Double, std: Double)
        /// The same of dL/d(network output), all `examples × outputs` values (the loss is the batch mean, so every
        /// entry carries a 1/examples factor).
        var outputGradient: (mean: Double, std: Double)
    }

    /// The first training step of the run without its update: epoch 1's shuffle (`shuffleForEpoch`, the stream
    /// `shuffle` in its first state), the first batch of that order, a training-mode forward pass (dropout masks
    /// drawn from their streams' first states, batch_norm on the batch's statistics), the loss and its gradient, and a
    /// backward pass, exactly as `trainEpoch(1)`'s first step computes them. Afterwards `network.inspectNodes()` holds
    /// every node's output and output gradient of that step. Call it on a fresh trainer: it consumes epoch 1's
    /// shuffle and the first dropout masks, so the trainer must not train afterwards.
    func probeFirstStep() throws -> FirstStepPass {
        shuffleForEpoch()
        let count = min(batchSize, data.count)
        buffers.gather(data, from: 0, count: count, order: order)
        let logits = try forwardBatch(count: count, mode: .training)
        let result = try loss(logits: logits, count: count)
        let outputGradient = buffers.gradient(count: count)
        network.zeroGradients()
        try network.backward(outputGradient: outputGradient)
        let input = UnitStatistics.meanAndStandardDeviation(
            buffers.input(count: count))
        return FirstStepPass(examples: Array(order.prefix(count)), loss: result.loss, input: input,
                             outputGradient: UnitStatistics.meanAndStandardDeviation(outputGradient))
    }
}
