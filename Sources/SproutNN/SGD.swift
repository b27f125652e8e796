/// Stochastic gradient descent, exactly PyTorch's `torch.optim.SGD` as its CPU default runs it (`_single_tensor_sgd`),
/// float32 arithmetic. Each step, elementwise:
///
///     g = grad + weightDecay · p                          (L2 penalty folded into the gradient; skipped when 0)
///     b = g on the first step, else b = b · momentum + (1 − dampening) · g        (when momentum != 0)
///     u = g + momentum · b if nesterov, else b            (u = g when momentum == 0)
///     p = p − lr · u                                      (`param.add_(grad, alpha=-lr)`)
///
/// in that order, each operation rounded to float32. Every scalar (lr, momentum, 1 − dampening, weightDecay) is
/// computed in Double from the configured values, as torch/optim computes it from Python floats, and rounded to Float
/// once (1 − Float(0.6) is 0.39999998, not 0.4). Multiply-adds round twice, as in PyTorch's generic kernels (its AVX2
/// ones fuse them into one rounding, so an element can be an ulp away from theirs).
///
/// Defaults (PyTorch's): no momentum, no dampening, no Nesterov, no weight decay; the learning rate has no default.
/// Arguments are checked once, here. Momentum buffers are created on the first step (one per parameter, matched
/// by position) and reused afterwards, so steps after the first never allocate.
public struct SGD: Optimizer {
    public private(set) var learningRate: Double
    public let momentum: Double
    public let dampening: Double
    public let nesterov: Bool
    public let weightDecay: Double
    /// One momentum buffer per parameter, empty until the first step.
    private var buffers: [[Float]] = []
    /// True during the step that created the buffers.
    private var isFirstStep = false

    /// Throws if `learningRate` is not finite and positive, `momentum`, `dampening` or `weightDecay` is negative or not
    /// finite, or `nesterov` is asked for without momentum or with dampening (PyTorch's rules).
    public init(learningRate: Double, momentum: Double, dampening: Double, nesterov: Bool,
                weightDecay: Double) throws(SGDError) {
        try SGD.check(learningRate: learningRate)
        guard momentum.isFinite, momentum >= 0 else { throw .invalidMomentum(momentum) }
        guard dampening.isFinite, dampening >= 0 else { throw .invalidDampening(dampening) }
        guard weightDecay.isFinite, weightDecay >= 0 else { throw .invalidWeightDecay(weightDecay) }
        guard !nesterov || (momentum > 0 && dampening == 0) else { throw .nesterovNeedsMomentumWithoutDampening }
        self.learningRate = learningRate
        self.momentum = momentum
        self.dampening = dampening
        self.nesterov = nesterov
        self.weightDecay = weightDecay
    }

    private static func check(learningRate: Double) throws(SGDError) {
        guard learningRate.isFinite, learningRate > 0 else { throw .invalidLearningRate(learningRate) }
    }

    /// Changes the learning rate (for schedules): finite and ≥ 0 (a warm-up starts at 0).
    public mutating func setLearningRate(_ value: Double) throws(OptimizerError) {
        try checkScheduled(learningRate: value)
        learningRate = value
    }

    /// Creates the momentum buffers on the first step (`b = g` then, as PyTorch seeds its buffer). Pass the same
    /// parameters in the same order every step (`Network.parameters`); a different list restarts the buffers.
    public mutating func beginStep(_ parameters: [Parameter]) {
        isFirstStep = false
        if momentum != 0 && !buffersMatch(buffers, parameters) {
            buffers = zeroBuffers(like: parameters)
            isFirstStep = true
        }
    }

    public mutating func update(_ parameter: Parameter, at index: Int) {
        let lr = Float(learningRate), mu = Float(momentum), wd = Float(weightDecay)  // 0 skips the decay
        let keep = Float(1 - dampening)
        let useMomentum = momentum != 0 && index < buffers.count
        let first = isFirstStep, nesterov = nesterov
        let grad = parameter.gradient
        grad.withUnsafeBufferPointer { g in
            parameter.value.withUnsafeMutableBufferPointer { p in
                let n = min(p.count, g.count)
                guard useMomentum else {
                    if wd == 0 {
                        for i in 0..<n { p[i] -= lr * g[i] }
                    } else {
                        for i in 0..<n { p[i] -= lr * (g[i] + wd * p[i]) }
                    }
                    return
                }
                buffers[index].withUnsafeMutableBufferPointer { b in
                    SGD.momentumUpdate(p: p, g: g, b: b, count: min(n, b.count), lr: lr, mu: mu, wd: wd,
                                       keep: keep, nesterov: nesterov, first: first)
                }
            }
        }
    }

    /// The momentum branch of `step` for one parameter. The three flags are tested here, once, and each of the
    /// eight loops is `momentumLoop` with constant flags, so none tests a flag per element: a select on a flag inside
    /// one shared loop compiled to a branch every four elements (perf: 8% of W2's time in this update). The first
    /// step copies g into b (`grad.clone()`), so b keeps g's sign even at zero.
    private static func momentumUpdate(
        p: UnsafeMutableBufferPointer<Float>, g: UnsafeBufferPointer<Float>, b: UnsafeMutableBufferPointer<Float>,
        count: Int, lr: Float, mu: Float, wd: Float, keep: Float, nesterov: Bool, first: Bool
    ) {
        let decays = wd != 0
        typealias Loop = (Bool, Bool, Bool)
        switch (nesterov, first, decays) as Loop {
        case (false, false, false):
            momentumLoop(p, g, b, count, lr, mu, wd, keep, nesterov: false, first: false, decays: false)
        case (false, false, true):
            momentumLoop(p, g, b, count, lr, mu, wd, keep, nesterov: false, first: false, decays: true)
        case (false, true, false):
            momentumLoop(p, g, b, count, lr, mu, wd, keep, nesterov: false, first: true, decays: false)
        case (false, true, true):
            momentumLoop(p, g, b, count, lr, mu, wd, keep, nesterov: false, first: true, decays: true)
        case (true, false, false):
            momentumLoop(p, g, b, count, lr, mu, wd, keep, nesterov: true, first: false, decays: false)
        case (true, false, true):
            momentumLoop(p, g, b, count, lr, mu, wd, keep, nesterov: true, first: false, decays: true)
        case (true, true, false):
            momentumLoop(p, g, b, count, lr, mu, wd, keep, nesterov: true, first: true, decays: false)
        case (true, true, true):
            momentumLoop(p, g, b, count, lr, mu, wd, keep, nesterov: true, first: true, decays: true)
        }
    }

    /// One element at a time, torch's order: `d = g (+ wd · p)`, `v = d` on the first step else `b · mu + keep · d`,
    /// `b = v`, `p -= lr · (d + mu · v)` with Nesterov else `p -= lr · v`. Always inlined with constant flags.
    @inline(__always)
    private static func momentumLoop(
        _ p: UnsafeMutableBufferPointer<Float>, _ g: UnsafeBufferPointer<Float>, _ b: UnsafeMutableBufferPointer<Float>,
        _ count: Int, _ lr: Float, _ mu: Float, _ wd: Float, _ keep: Float, nesterov: Bool, first: Bool, decays: Bool
    ) {
        for i in 0..<count {
            let gi = g[i]
            let d = decays ? gi + wd * p[i] : gi
            let v = first ? d : b[i] * mu + keep * d
            b[i] = v
            p[i] -= lr * (nesterov ? d + mu * v : v)
        }
    }
}

/// SGD's errors are the optimizers' shared ones.
public typealias SGDError = OptimizerError

extension SGD {
    /// The momentum buffers (`momentum_buffer`), once the first step made them; SGD counts no steps.
    public var state: OptimizerState {
        let slots = momentum != 0 && !buffers.isEmpty ? [OptimizerState.Slot(name: "momentum_buffer", buffers: buffers)] : []
        return OptimizerState(steps: 0, slots: slots)
    }

    public mutating func restore(_ state: OptimizerState, parameters: [Parameter]) throws(NetworkError) {
        try state.check(slotsAmong: momentum != 0 ? ["momentum_buffer"] : [])
        buffers = try state.buffers("momentum_buffer", for: parameters) ?? []
        isFirstStep = false
    }
}
