#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Adam and AdamW, exactly PyTorch's `torch.optim.Adam` and `torch.optim.AdamW` (Kingma & Ba 2015, Loshchilov &
/// Hutter 2019) as its CPU default runs them (`_single_tensor_adam`), float32 state. With t the 1-based step count,
/// each step, elementwise:
///
///     AdamW: p = p · (1 − lr·weightDecay)               (decoupled decay, before the Adam step; g = grad)
///     Adam:  g = grad + weightDecay · p                  (L2 penalty coupled into the gradient; skipped when 0)
///     m = m + (1 − beta1) · (g − m)                      (`exp_avg.lerp_(grad, 1 - beta1)`: see `Lerp`)
///     v = v · beta2 + ((1 − beta2) · g) · g              (`exp_avg_sq.mul_(beta2).addcmul_(grad, grad, 1 - beta2)`)
///     vmax = max(vmax, v) if amsgrad, and vmax takes v's place below
///     p = p − (stepSize · m) / (sqrt(v) / correction2 + eps)     (`param.addcdiv_(exp_avg, denom, -step_size)`)
///     stepSize = lr / (1 − beta1^t),  correction2 = (1 − beta2^t)^0.5
///
/// in that order, each operation rounded to float32. Every scalar (1 − beta1, beta2, 1 − beta2, stepSize,
/// correction2, eps, weightDecay, 1 − lr·weightDecay) is computed in Double from the configured values, as torch/optim
/// computes it from Python floats, and rounded to Float once, as ATen's kernels take it: computing it in float32
/// instead (1 − Float(0.999) = 9.9998713e-4, not 1e-3) made every step 6e-6 larger than PyTorch's, a drift that
/// grows (issue 19). Where PyTorch's AVX2 kernels fuse a multiply-add into one rounding, Sprout rounds twice, as
/// PyTorch's generic kernels do; and its sqrt is the correctly rounded one, where PyTorch's (MKL's) is off by an ulp
/// for some values: so a step agrees with PyTorch's within an ulp or two (tools/optimizer_reference.py measures it).
///
/// m, v (and vmax) start at 0 and are created on the first step; later steps allocate nothing. Defaults live in the
/// config (`ExperimentSchema.optimizer`).
public struct Adam: Optimizer {
    public private(set) var learningRate: Double
    public let beta1: Double
    public let beta2: Double
    public let eps: Double
    public let weightDecay: Double
    public let amsgrad: Bool
    /// true: AdamW's decoupled decay; false: Adam's L2 penalty.
    public let decoupledWeightDecay: Bool
    /// Steps taken so far (t - 1 during a step).
    public private(set) var steps = 0
    private var m: [[Float]] = []
    private var v: [[Float]] = []
    private var vMax: [[Float]] = []

    /// Throws unless `learningRate` is finite and > 0, `beta1`/`beta2` in [0, 1), `eps` finite and > 0 and
    /// `weightDecay` finite and ≥ 0 (PyTorch's checks).
    public init(learningRate: Double, beta1: Double, beta2: Double, eps: Double, weightDecay: Double, amsgrad: Bool,
                decoupledWeightDecay: Bool) throws(OptimizerError) {
        guard learningRate.isFinite, learningRate > 0 else { throw .invalidLearningRate(learningRate) }
        for beta in [beta1, beta2] where !(beta >= 0 && beta < 1) { throw .invalidBeta(beta) }
        guard eps.isFinite, eps > 0 else { throw .invalidEpsilon(eps) }
        guard weightDecay.isFinite, weightDecay >= 0 else { throw .invalidWeightDecay(weightDecay) }
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.eps = eps
        self.weightDecay = weightDecay
        self.amsgrad = amsgrad
        self.decoupledWeightDecay = decoupledWeightDecay
    }

    public mutating func setLearningRate(_ value: Double) throws(OptimizerError) {
        try checkScheduled(learningRate: value)
        learningRate = value
    }

    public mutating func beginStep(_ parameters: [Parameter]) {
        if !buffersMatch(m, parameters) {
            m = zeroBuffers(like: parameters)
            v = zeroBuffers(like: parameters)
            vMax = amsgrad ? zeroBuffers(like: parameters) : []
            steps = 0
        }
        steps += 1
    }

    public mutating func update(_ parameter: Parameter, at index: Int) {
        guard index < m.count, index < v.count else { return }
        let t = Double(steps)
        let stepSize = Float(learningRate / (1 - pow(beta1, t)))
        let correction2 = Float(pow(1 - pow(beta2, t), 0.5))  // Python's `** 0.5` is pow, not sqrt
        let first = Lerp(weight: 1 - beta1)
        let b2 = Float(beta2), c2 = Float(1 - beta2), e = Float(eps)
        let coupled = !decoupledWeightDecay && weightDecay != 0, wd = Float(weightDecay)
        let shrink: Float = decoupledWeightDecay ? Float(1 - learningRate * weightDecay) : 1
        let amsgrad = amsgrad && index < vMax.count
        let grad = parameter.gradient
        grad.withUnsafeBufferPointer { g in
            parameter.value.withUnsafeMutableBufferPointer { p in
                m[index].withUnsafeMutableBufferPointer { mb in
                    v[index].withUnsafeMutableBufferPointer { vb in
                        let n = min(min(p.count, g.count), min(mb.count, vb.count))
                        for i in 0..<n {
                            // Both sides computed, then selected: a branch here would stop vectorization.
                            let shrunk = p[i] * shrink, gi = g[i]
                            let decayed = gi + wd * shrunk
                            let d = coupled ? decayed : gi
                            p[i] = shrunk
                            mb[i] = first(mb[i], d)
                            vb[i] = vb[i] * b2 + c2 * d * d
                        }
                        // p − (s·m)/denom is, bit for bit, torch's p + ((−s)·m)/denom.
                        if amsgrad {
                            vMax[index].withUnsafeMutableBufferPointer { xb in
                                for i in 0..<min(n, xb.count) {
                                    xb[i] = max(xb[i], vb[i])
                                    p[i] -= stepSize * mb[i] / (xb[i].squareRoot() / correction2 + e)
                                }
                            }
                        } else {
                            for i in 0..<n { p[i] -= stepSize * mb[i] / (vb[i].squareRoot() / correction2 + e) }
                        }
                    }
                }
            }
        }
    }
}

extension Adam {
    /// t and the moment estimates (`exp_avg`, `exp_avg_sq`, and `max_exp_avg_sq` with AMSGrad), once created.
    public var state: OptimizerState {
        guard !m.isEmpty else { return OptimizerState(steps: steps, slots: []) }
        var slots = [OptimizerState.Slot(name: "exp_avg", buffers: m), OptimizerState.Slot(name: "exp_avg_sq", buffers: v)]
        if amsgrad { slots.append(OptimizerState.Slot(name: "max_exp_avg_sq", buffers: vMax)) }
        return OptimizerState(steps: steps, slots: slots)
    }

    public mutating func restore(_ state: OptimizerState, parameters: [Parameter]) throws(NetworkError) {
        try state.check(slotsAmong: ["exp_avg", "exp_avg_sq"] + (amsgrad ? ["max_exp_avg_sq"] : []))
        let first = try state.buffers("exp_avg", for: parameters), second = try state.buffers("exp_avg_sq", for: parameters)
        let maximum = amsgrad ? try state.buffers("max_exp_avg_sq", for: parameters) : []
        guard let first, let second, let maximum, state.steps > 0 else {
            guard state.slots.isEmpty, state.steps == 0 else {
                throw .trainingStateMismatch("Adam's state after \(state.steps) steps lacks some of its moment estimates")
            }
            (m, v, vMax, steps) = ([], [], [], 0)
            return
        }
        (m, v, vMax, steps) = (first, second, maximum, state.steps)
    }
}
