import SproutRandom

/// Inverted dropout, PyTorch's `nn.Dropout` (Srivastava et al. 2014): `x: (batch, width) -> y: (batch, width)`.
///
/// Training: every value is kept with probability `1 - rate` and scaled by `1/(1 - rate)`, zeroed otherwise, so the
/// expected output equals the input and evaluation needs no rescaling; `rate == 1` zeroes everything (PyTorch's
/// special case). The mask `m` (`1/(1-rate)` or 0 per value) is drawn anew by every training forward, value `i`
/// kept when `u_i >= rate` for `u_i = uniform()` of the node's `RandomStream(seed, key: "dropout/<node>")`, so a run
/// is deterministic and its masks do not depend on other nodes. `y = x ⊙ m`, `dx = dy ⊙ m`.
/// Evaluation: the identity, `y = x`, `dx = dy`.
final class Dropout: Layer {
    let name: String
    let width: Int
    let rate: Float
    /// The mask stream; its state is part of a run's training state (`Network.randomStreams`), for resuming.
    var stream: RandomStream
    /// The mask of the last training forward, `(batch, width)`; sized by `reserve(batch:)`.
    private let mask = FloatBuffer(capacity: 1)
    private var lastMode = ForwardMode.evaluation
    /// Test hook: when true, a training forward reuses the last mask instead of drawing a new one (finite-difference
    /// checks need the same function on every evaluation).
    var maskFrozen = false

    init(name: String, width: Int, rate: Float) {
        self.name = name
        self.width = width
        self.rate = rate
        stream = RandomStream(seed: 0, key: "dropout/\(name)")
    }

    var outputWidth: Int { width }
    var parameters: [Parameter] { [] }

    /// Restarts the mask stream from the run seed.
    func initialize(seed: UInt64) { stream = RandomStream(seed: seed, key: "dropout/\(name)") }

    func reserve(batch: Int) { mask.reserve(batch * width) }

    func forward(x: UnsafePointer<Float>, y: UnsafeMutablePointer<Float>, batch: Int, mode: ForwardMode) {
        lastMode = mode
        let count = batch * width
        guard mode == .training else {
            y.update(from: x, count: count)
            return
        }
        let m = mask.base
        if !maskFrozen {
            let threshold = Double(rate)
            let scale: Float = rate < 1 ? 1 / (1 - rate) : 0
            for i in 0..<count {
                let u = stream.uniform()
                m[i] = u >= threshold ? scale : 0
            }
        }
        for i in 0..<count { y[i] = x[i] * m[i] }
    }

    func backward(x: UnsafePointer<Float>, y: UnsafePointer<Float>, dy: UnsafePointer<Float>,
                  dx: UnsafeMutablePointer<Float>?, accumulate: Bool, batch: Int) {
        guard let dx else { return }
        let count = batch * width
        guard lastMode == .training else {
            ActivationKernels.identityBackward(dy, dx, count, accumulate)
            return
        }
        let m = UnsafePointer(mask.base)
        ActivationKernels.store(dx, count, accumulate) { i in dy[i] * m[i] }
    }
}
