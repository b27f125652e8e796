import SproutNN

extension Trainer {
    /// What a diagnostic pass saw, besides each node's output and output gradient (`network.inspectNodes()`).
    struct DiagnosticPass {
        /// The sample's mean loss, and the number of its examples classified right (nil for regression).
        var loss: Double
        var correct: Int?
        /// Mean and population standard deviation of the sample's input features, all `S × features` values.
        var input: (mean: Double, std: Double)
        /// The same of dL/d(network output), all `S × outputs` values (the loss is the sample mean, so every entry
        /// carries a 1/S factor).
        var outputGradient: (mean: Double, std: Double)
    }

    /// One forward and one backward pass on the whole diagnostic sample (`DiagnosticSample`, S examples) as one
    /// batch, in evaluation mode (no dropout draw, batch_norm on its running statistics, no update of them), the loss
    /// the mean over the S examples. Afterwards `network.inspectNodes()` holds every node's output and output
    /// gradient of that pass, what layers.csv and `sprout show --probe` report.
    ///
    /// It changes nothing training depends on: no random stream is drawn from, no running statistic moves, the
    /// batch buffers and the network's node buffers are overwritten by the next step's gather and forward pass, and
    /// the parameter gradients it leaves are cleared by the next step (`gradientsAreZero` is reset). Turning
    /// diagnostics on changes nothing in training (tested).
    func diagnosticPass() throws -> DiagnosticPass {
        let count = diagnosticSample.count
        let result = try sampleForward()
        let outputGradient = buffers.gradient(count: count)
        network.zeroGradients()
        gradientsAreZero = false
        try network.backward(outputGradient: outputGradient)
        return DiagnosticPass(loss: result.loss, correct: result.correct,
                              input: UnitStatistics.meanAndStandardDeviation(buffers.input(count: count)),
                              outputGradient: UnitStatistics.meanAndStandardDeviation(outputGradient))
    }

    /// The diagnostic pass's forward half: the sample gathered into the batch buffers (in ascending index order),
    /// the forward pass in evaluation mode as one batch of S rows, the loss (dL/dlogits left in the buffers). The
    /// metrics evaluation of the training set begins with it (`evaluateTrainingSet`), so its numbers are the same
    /// whether or not a backward pass follows.
    func sampleForward() throws -> (loss: Double, correct: Int?) {
        let count = diagnosticSample.count
        try network.reserve(batch: count)  // a no-op: the trainer reserved for it
        buffers.gather(data, from: 0, count: count, order: diagnosticSample.indices)
        let logits = try forwardBatch(count: count, mode: .evaluation)
        return try loss(logits: logits, count: count)
    }

    /// layers.csv's rows for `epoch` (`LayerDiagnostics`), from a diagnostic pass of their own: the same examples
    /// every epoch, so rows compare across epochs; at epoch 0 the same numbers as `sprout show --probe`
    /// (`InitProbe`). A logged epoch takes them from the pass that begins its metrics evaluation
    /// (`evaluateTrainingSet`); this one serves the row of a diverged step, which evaluates nothing.
    func layerRows(epoch: Int) throws -> [[String]] {
        _ = try diagnosticPass()
        return LayerDiagnostics.rows(epoch: epoch, nodes: network.inspectNodes())
    }
}
