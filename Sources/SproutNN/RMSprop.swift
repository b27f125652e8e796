/// RMSprop, exactly PyTorch's `torch.optim.RMSprop` as its CPU default runs it (`_single_tensor_rmsprop`), float32
/// state (Hinton's lecture 6e; centered form from Graves 2013). Each step, elementwise:
///
///     g = grad + weightDecay · p                         (skipped when 0)
///     v = v · alpha + ((1 − alpha) · g) · g              (`square_avg.mul_(alpha).addcmul_(grad, grad, 1 - alpha)`)
///     centered: gAvg = gAvg + (1 − alpha) · (g − gAvg);  denom = sqrt(v − gAvg · gAvg) + eps   (a lerp: see `Lerp`)
///     else:     denom = sqrt(v) + eps
///     momentum > 0: b = b · momentum + g / denom;  p = p − lr · b
///     else:         p = p − (lr · g) / denom            (`param.addcdiv_(grad, avg, value=-lr)`)
///
/// in that order, each operation rounded to float32. Every scalar (alpha, 1 − alpha, eps, momentum, lr,
/// weightDecay) is computed in Double from the configured values, as torch/optim computes it from Python floats, and
/// rounded to Float once (1 − Float(0.99) is 0.00999999, not 0.01). As in `Adam`, multiply-adds round twice (PyTorch's
/// generic kernels; its AVX2 ones fuse them) and sqrt is the correctly rounded one (PyTorch's, MKL's, is not always).
///
/// v, gAvg and b start at 0 (as in PyTorch, the momentum buffer is not seeded with the first update) and are created
/// on the first step; later steps allocate nothing.
public struct RMSprop: Optimizer {
    public private(set) var learningRate: Double
    public let alpha: Double
    public let eps: Double
    public let momentum: Double
    public let centered: Bool
    public let weightDecay: Double
    private var squareAverage: [[Float]] = []
    private var gradientAverage: [[Float]] = []
    private var momentumBuffer: [[Float]] = []

    /// Throws unless `learningRate` is finite and > 0, `alpha` in [0, 1), `eps` finite and > 0, `momentum` and
    /// `weightDecay` finite and ≥ 0.
    public init(learningRate: Double, alpha: Double, eps: Double, momentum: Double, centered: Bool,
                weightDecay: Double) throws(OptimizerError) {
        guard learningRate.isFinite, learningRate > 0 else { throw .invalidLearningRate(learningRate) }
        guard alpha >= 0, alpha < 1 else { throw .invalidAlpha(alpha) }
        guard eps.isFinite, eps > 0 else { throw .invalidEpsilon(eps) }
        guard momentum.isFinite, momentum >= 0 else { throw .invalidMomentum(momentum) }
        guard weightDecay.isFinite, weightDecay >= 0 else { throw .invalidWeightDecay(weightDecay) }
        self.learningRate = learningRate
        self.alpha = alpha
        self.eps = eps
        self.momentum = momentum
        self.centered = centered
        self.weightDecay = weightDecay
    }

    public mutating func setLearningRate(_ value: Double) throws(OptimizerError) {
        try checkScheduled(learningRate: value)
        learningRate = value
    }

    public mutating func beginStep(_ parameters: [Parameter]) {
        if !buffersMatch(squareAverage, parameters) {
            squareAverage = zeroBuffers(like: parameters)
            // Unused buffers stay one element per parameter wide, so the loop below needs no branch on them.
            let one = parameters.map { _ in [Float](repeating: 0, count: 1) }
            gradientAverage = centered ? zeroBuffers(like: parameters) : one
            momentumBuffer = momentum > 0 ? zeroBuffers(like: parameters) : one
        }
    }

    public mutating func update(_ parameter: Parameter, at index: Int) {
        guard index < squareAverage.count, index < gradientAverage.count, index < momentumBuffer.count else { return }
        let centered = centered
        let lr = Float(learningRate), a = Float(alpha), c = Float(1 - alpha), e = Float(eps), mu = Float(momentum)
        let average = Lerp(weight: 1 - alpha)
        let decays = weightDecay != 0, wd = Float(weightDecay)
        let useMomentum = momentum > 0
        let grad = parameter.gradient
        grad.withUnsafeBufferPointer { g in
            parameter.value.withUnsafeMutableBufferPointer { p in
                squareAverage[index].withUnsafeMutableBufferPointer { vb in
                    gradientAverage[index].withUnsafeMutableBufferPointer { gb in
                        momentumBuffer[index].withUnsafeMutableBufferPointer { bb in
                            let n = min(p.count, g.count, vb.count)
                            for i in 0..<n {
                                let gi = g[i], decayed = gi + wd * p[i]
                                let d = decays ? decayed : gi  // both computed, then selected: vectorizes
                                vb[i] = vb[i] * a + c * d * d
                                var variance = vb[i]
                                if centered {
                                    gb[i] = average(gb[i], d)
                                    variance -= gb[i] * gb[i]
                                }
                                let denom = variance.squareRoot() + e
                                // Subtracting lr·x is, bit for bit, torch's adding (−lr)·x.
                                if useMomentum {
                                    bb[i] = bb[i] * mu + d / denom
                                    p[i] -= lr * bb[i]
                                } else {
                                    p[i] -= lr * d / denom
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

extension RMSprop {
    /// `square_avg`, and `grad_avg` when centered and `momentum_buffer` with momentum, once created (the buffers a
    /// setting leaves unused are one element wide and not saved).
    public var state: OptimizerState {
        guard !squareAverage.isEmpty else { return OptimizerState(steps: 0, slots: []) }
        var slots = [OptimizerState.Slot(name: "square_avg", buffers: squareAverage)]
        if centered { slots.append(OptimizerState.Slot(name: "grad_avg", buffers: gradientAverage)) }
        if momentum > 0 { slots.append(OptimizerState.Slot(name: "momentum_buffer", buffers: momentumBuffer)) }
        return OptimizerState(steps: 0, slots: slots)
    }

    public mutating func restore(_ state: OptimizerState, parameters: [Parameter]) throws(NetworkError) {
        let used = ["square_avg"] + (centered ? ["grad_avg"] : []) + (momentum > 0 ? ["momentum_buffer"] : [])
        try state.check(slotsAmong: used)
        guard let square = try state.buffers("square_avg", for: parameters) else {
            guard state.slots.isEmpty else {
                throw .trainingStateMismatch("RMSprop's state lacks its square_avg")
            }
            (squareAverage, gradientAverage, momentumBuffer) = ([], [], [])
            return
        }
        let one = parameters.map { _ in [Float](repeating: 0, count: 1) }
        let average = centered ? try state.buffers("grad_avg", for: parameters) : one
        let velocity = momentum > 0 ? try state.buffers("momentum_buffer", for: parameters) : one
        guard let average, let velocity else {
            throw .trainingStateMismatch("RMSprop's state lacks some of \(used)")
        }
        (squareAverage, gradientAverage, momentumBuffer) = (square, average, velocity)
    }
}
