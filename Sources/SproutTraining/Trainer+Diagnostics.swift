import SproutNN

extension Trainer {
    /// What a diagnostic pass saw, besides each node's output and output gradient (`network.inspectNodes()`).
    struct DiagnosticPass {
        /// The sample's mean loss, and the number of its examples classified right (nil for regression).
        var loss: Double
        var correct: Int?
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
        return DiagnosticPass(loss: result.loss, correct: result.correct)
    }

    /// Mean and population standard deviation of the last diagnostic pass's two ends, read from the batch buffers it
    /// left (so only right after `diagnosticPass`, before any other batch): the sample's input features (all
    /// `S × features` values) and dL/d(network output) (all `S × outputs` values; the loss is the sample mean, so
    /// every entry carries a 1/S factor). `sprout show --probe` compares every node with them; layers.csv does not
    /// report them, so a logged epoch does not compute them.
    func diagnosticEnds() -> (input: (mean: Double, std: Double), outputGradient: (mean: Double, std: Double)) {
        let count = diagnosticSample.count
        return (UnitStatistics.meanAndStandardDeviation(buffers.input(count: count)),
                UnitStatistics.meanAndStandardDeviation(buffers.gradient(count: count)))
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
