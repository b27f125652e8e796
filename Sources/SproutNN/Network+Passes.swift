extension Network {
    /// The forward pass. `x: (batch, inputWidth)` row-major, exactly `batch * inputWidth` floats ->
    /// `(batch, outputWidth)` row-major.
    ///
    /// `mode` defaults to `.evaluation`: a plain `forward` is then a pure function of the parameters (no dropout
    /// draw, no running-statistics update), which is what inference and metrics want; a training step asks for
    /// `.training` explicitly. (PyTorch modules default to training mode; an explicit argument here makes the
    /// state change visible at the call site instead.)
    ///
    /// The returned buffer belongs to the network: it stays valid and unchanged until the next `forward`, a `reserve`
    /// for a larger batch, or the network's end. A batch of 0 returns an empty buffer.
    @discardableResult
    public func forward(_ x: UnsafeBufferPointer<Float>, batch: Int,
                        mode: ForwardMode = .evaluation) throws(NetworkError) -> UnsafeBufferPointer<Float> {
        try reserve(batch: batch)
        guard x.count == batch * inputWidth else {
            throw .bufferSizeMismatch(argument: "x", expected: batch * inputWidth, actual: x.count)
        }
        if let source = x.baseAddress { inputCopy.base.update(from: source, count: x.count) }
        let plan = mode == .training ? trainingPlan : evaluationPlan
        let slot = plan.slot
        for index in steps.indices {
            let step = steps[index]
            let y = values[slot[index]].base
            switch step.operation {
            case .layer(let layer, let input):
                if let activation = plan.activation[index] {
                    activation.forward(y, batch: batch)
                } else {
                    layer.forward(x: UnsafePointer(input.map { values[slot[$0]].base } ?? inputCopy.base), y: y,
                                  batch: batch, mode: mode)
                }
            case .merge(let merge, let inputs):
                for k in inputs.indices {
                    let input = inputs[k]
                    merge.forward(input: k, x: UnsafePointer(values[slot[input]].base), y: y, batch: batch)
                }
            }
        }
        currentBatch = batch
        currentPlan = plan
        // No output gradient belongs to this pass until a backward pass follows it (`inspectNodes`).
        for index in gradientWritten.indices { gradientWritten[index] = false }
        return UnsafeBufferPointer(start: values[slot[outputIndex]].base, count: batch * outputWidth)
    }

    /// `forward` for an array input (no copy of the array is made).
    @discardableResult
    public func forward(_ x: [Float], batch: Int,
                        mode: ForwardMode = .evaluation) throws(NetworkError) -> UnsafeBufferPointer<Float> {
        try x.withUnsafeBufferPointer { (buffer) throws(NetworkError) in try forward(buffer, batch: batch, mode: mode) }
    }

    /// The backward pass for the last `forward`. `outputGradient` is dL/d(output), `(batch, outputWidth)`.
    /// Parameter gradients are *added* to (call `zeroGradients()` first). When `inputGradient` is given
    /// (`(batch, inputWidth)`), dL/dx is written into it; otherwise that product is skipped.
    public func backward(outputGradient: UnsafeBufferPointer<Float>,
                         inputGradient: UnsafeMutableBufferPointer<Float>? = nil) throws(NetworkError) {
        try backward(outputGradient: outputGradient, inputGradient: inputGradient, parametersDone: { _ in })
    }

    /// `backward`, calling `parametersDone(i)` exactly once for every parameter index `i` (into `parameters`) as
    /// soon as its gradient is complete: right after its node's backward, before the nodes in front of it run
    /// theirs, which never read it; the parameters of nodes backward does not reach (not executed, or no gradient
    /// flows to them: their gradients stay as they were) at the end. The training loop updates each parameter there
    /// while it is still in cache.
    ///
    /// With `sharedGradients`, backward clears each parameter's gradient right after `parametersDone` returns (so
    /// the callback must be done with it by then: it updates the parameter), and parameters of one element count on
    /// different nodes accumulate into one shared array, lent to each from its node's backward to that clearing
    /// (`GradientLending`): a fused step's gradients then occupy one node's worth of memory, not the network's. The
    /// parameters' own gradient arrays must be zero when it starts (`zeroGradients`, or the clearing of the last
    /// such pass), and come out of it zero.
    public func backward(outputGradient: UnsafeBufferPointer<Float>, inputGradient: UnsafeMutableBufferPointer<Float>?,
                         sharedGradients: Bool = false, parametersDone: (Int) -> Void) throws(NetworkError) {
        guard let batch = currentBatch else { throw .backwardBeforeForward }
        guard outputGradient.count == batch * outputWidth else {
            throw .bufferSizeMismatch(argument: "outputGradient", expected: batch * outputWidth,
                                      actual: outputGradient.count)
        }
        if let inputGradient, inputGradient.count != batch * inputWidth {
            throw .bufferSizeMismatch(argument: "inputGradient", expected: batch * inputWidth,
                                      actual: inputGradient.count)
        }
        for index in gradientWritten.indices { gradientWritten[index] = false }
        let plan = currentPlan
        let slot = plan.slot
        if let source = outputGradient.baseAddress {
            gradients[slot[outputIndex]].base.update(from: source, count: outputGradient.count)
        }
        gradientWritten[outputIndex] = true
        var inputGradientWritten = false
        let inputGradientBase = inputGradient?.baseAddress

        for index in stride(from: steps.count - 1, through: 0, by: -1) where gradientWritten[index] {
            let step = steps[index]
            let dy = UnsafePointer(gradients[slot[index]].base)
            switch step.operation {
            case .layer(_, let input?) where plan.activation[index] != nil:
                // Its input's only consumer: the gradient is written (never added) in the buffer it shares.
                plan.activation[index]?.backward(y: values[slot[index]].base, gradient: gradients[slot[index]].base,
                                                 batch: batch)
                gradientWritten[input] = true
            case .layer(let layer, let input):
                let x = UnsafePointer(input.map { values[slot[$0]].base } ?? inputCopy.base)
                let dx: UnsafeMutablePointer<Float>?
                let accumulate: Bool
                if let input {
                    dx = gradients[slot[input]].base
                    accumulate = gradientWritten[input]
                    gradientWritten[input] = true
                } else {
                    dx = inputGradientBase
                    accumulate = inputGradientWritten
                    inputGradientWritten = inputGradientWritten || dx != nil
                }
                if sharedGradients { gradientLending.exchange(step.parameterRange, of: parameters) }
                layer.backward(x: x, y: values[slot[index]].base, dy: dy, dx: dx, accumulate: accumulate, batch: batch)
                for parameterIndex in step.parameterRange {
                    parametersDone(parameterIndex)
                    if sharedGradients { parameters[parameterIndex].zeroGradient() }
                }
                if sharedGradients { gradientLending.exchange(step.parameterRange, of: parameters) }
            case .merge(let merge, let inputs):
                // One input may appear twice (add(a, a)): the flag updated after each call makes the second add.
                for k in inputs.indices {
                    let input = inputs[k]
                    merge.backward(input: k, dy: dy, dx: gradients[slot[input]].base, accumulate: gradientWritten[input],
                                   batch: batch)
                    gradientWritten[input] = true
                }
            }
        }
        if let inputGradient, !inputGradientWritten { inputGradient.update(repeating: 0) }
        for index in steps.indices where !gradientWritten[index] {
            for parameterIndex in steps[index].parameterRange {
                parametersDone(parameterIndex)
                if sharedGradients { parameters[parameterIndex].zeroGradient() }
            }
        }
        for index in idleParameterIndices.indices {
            parametersDone(idleParameterIndices[index])
            if sharedGradients { parameters[idleParameterIndices[index]].zeroGradient() }
        }
    }

    /// `backward` for array arguments, without the input gradient.
    public func backward(outputGradient: [Float]) throws(NetworkError) {
        try outputGradient.withUnsafeBufferPointer { (buffer) throws(NetworkError) in
            try backward(outputGradient: buffer, inputGradient: nil)
        }
    }

    /// `backward` for array arguments, writing dL/dx into `inputGradient` (resized to `batch * inputWidth`).
    public func backward(outputGradient: [Float], inputGradient: inout [Float]) throws(NetworkError) {
        let count = (currentBatch ?? 0) * inputWidth
        if inputGradient.count != count { inputGradient = [Float](repeating: 0, count: count) }
        try outputGradient.withUnsafeBufferPointer { (buffer) throws(NetworkError) in
            try inputGradient.withUnsafeMutableBufferPointer { (dx) throws(NetworkError) in
                try backward(outputGradient: buffer, inputGradient: dx)
            }
        }
    }

    /// The output of node `name` from the last forward pass, `(batch, width)` (for per-layer diagnostics); nil for
    /// an unknown or unexecuted node, before the first forward, and after a training forward for a dense or conv2d
    /// node whose output an activation overwrote in place (`InPlacePlan`). Valid under the same rules as `forward`'s
    /// result.
    public func activations(of name: String) -> UnsafeBufferPointer<Float>? {
        guard let batch = currentBatch, let index = steps.firstIndex(where: { $0.name == name }),
              !currentPlan.overwritten[index] else { return nil }
        return UnsafeBufferPointer(start: values[currentPlan.slot[index]].base, count: batch * steps[index].width)
    }
}
