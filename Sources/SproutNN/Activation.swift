/// An elementwise activation, with its parameters. Defaults are not stated here: the config layer (SproutConfig's
/// `LayerKind`) is the one place that does, with PyTorch's values.
public enum Activation: Sendable, Equatable {
    /// `y = x` (a named pass-through, useful as a graph output); `dy/dx = 1`.
    case identity
    /// `y = max(x, 0)` (Nair & Hinton 2010); `dy/dx = [y > 0]`, taken as 0 at exactly 0, as PyTorch does.
    case relu
    /// `y = tanh(x)`; `dy/dx = 1 - y²`.
    case tanh
    /// `y = 1 / (1 + exp(-x))`; `dy/dx = y (1 - y)`.
    case sigmoid
    /// PyTorch's `nn.LeakyReLU`: `y = x` for `x > 0`, `negativeSlope · x` otherwise; `dy/dx = 1` or `negativeSlope`
    /// (the slope at exactly 0, as PyTorch).
    case leakyRelu(negativeSlope: Float)
    /// PyTorch's `nn.ELU` (Clevert et al. 2015): `y = x` for `x > 0`, `alpha · (exp(x) - 1)` otherwise;
    /// `dy/dx = 1` or `alpha · exp(x)`.
    case elu(alpha: Float)
    /// PyTorch's `nn.SELU` (Klambauer et al. 2017): `y = scale · elu(x, alpha)` with PyTorch's constants
    /// `Activation.seluAlpha` and `Activation.seluScale`; `dy/dx = scale` or `scale · alpha · exp(x)`.
    case selu
    /// PyTorch's `nn.GELU` (Hendrycks & Gimpel 2016). Exact (`tanhApproximation == false`): `y = x Φ(x)` with
    /// `Φ(x) = (1 + erf(x/√2)) / 2`, `dy/dx = Φ(x) + x φ(x)`, `φ(x) = exp(-x²/2)/√(2π)`. Approximate ("tanh"):
    /// `y = x (1 + tanh(u)) / 2`, `u = √(2/π) (x + 0.044715 x³)`,
    /// `dy/dx = (1 + tanh u)/2 + x (1 - tanh² u) √(2/π) (1 + 3·0.044715 x²) / 2`.
    case gelu(tanhApproximation: Bool)
    /// PyTorch's `nn.Softsign`: `y = x / (1 + |x|)`; `dy/dx = 1 / (1 + |x|)²`.
    case softsign
    /// PyTorch's `nn.Softplus`: `y = log(1 + exp(beta · x)) / beta`, and `y = x` where `beta · x > threshold`
    /// (numerical stability); `dy/dx = sigmoid(beta · x)`, and 1 above the threshold.
    case softplus(beta: Float, threshold: Float)

    /// SELU's alpha and scale, PyTorch's (torch/nn/modules/activation.py) to float32.
    public static let seluAlpha: Float = 1.6732632423543772848170429916717
    public static let seluScale: Float = 1.0507009873554804934193349852946
}

/// The graph node of an activation: `x: (batch, width) -> y: (batch, width)`, no parameters. The four original
/// activations differentiate from the output `y`; the parametric ones from the input `x` (kept by the executor
/// anyway). The kernels, each forward beside its backward, are in Activation+Kernels.swift and
/// Activation+ParametricKernels.swift.
final class ActivationLayer: Layer {
    let kind: Activation
    let width: Int

    init(kind: Activation, width: Int) {
        self.kind = kind
        self.width = width
    }

    var outputWidth: Int { width }
    var parameters: [Parameter] { [] }
    func initialize(seed: UInt64) {}
    func reserve(batch: Int) {}

    func forward(x: UnsafePointer<Float>, y: UnsafeMutablePointer<Float>, batch: Int, mode: ForwardMode) {
        let count = batch * width
        typealias K = ActivationKernels
        switch kind {
        case .identity: y.update(from: x, count: count)
        case .relu: K.reluForward(x, y, count)
        case .tanh: K.tanhForward(x, y, count)
        case .sigmoid: K.sigmoidForward(x, y, count)
        case .leakyRelu(let slope): K.leakyReluForward(x, y, count, slope: slope)
        case .elu(let alpha): K.eluForward(x, y, count, alpha: alpha, scale: 1)
        case .selu: K.eluForward(x, y, count, alpha: Activation.seluAlpha, scale: Activation.seluScale)
        case .gelu(let approximate):
            if approximate { K.geluTanhForward(x, y, count) } else { K.geluForward(x, y, count) }
        case .softsign: K.softsignForward(x, y, count)
        case .softplus(let beta, let threshold): K.softplusForward(x, y, count, beta: beta, threshold: threshold)
        }
    }

    func backward(x: UnsafePointer<Float>, y: UnsafePointer<Float>, dy: UnsafePointer<Float>,
                  dx: UnsafeMutablePointer<Float>?, accumulate: Bool, batch: Int) {
        guard let dx else { return }
        let count = batch * width
        typealias K = ActivationKernels
        switch kind {
        case .identity: K.identityBackward(dy, dx, count, accumulate)
        case .relu: K.reluBackward(y, dy, dx, count, accumulate)
        case .tanh: K.tanhBackward(y, dy, dx, count, accumulate)
        case .sigmoid: K.sigmoidBackward(y, dy, dx, count, accumulate)
        case .leakyRelu(let slope): K.leakyReluBackward(x, dy, dx, count, accumulate, slope: slope)
        case .elu(let alpha): K.eluBackward(x, dy, dx, count, accumulate, alpha: alpha, scale: 1)
        case .selu:
            K.eluBackward(x, dy, dx, count, accumulate, alpha: Activation.seluAlpha, scale: Activation.seluScale)
        case .gelu(let approximate):
            if approximate {
                K.geluTanhBackward(x, dy, dx, count, accumulate)
            } else {
                K.geluBackward(x, dy, dx, count, accumulate)
            }
        case .softsign: K.softsignBackward(x, dy, dx, count, accumulate)
        case .softplus(let beta, let threshold):
            K.softplusBackward(x, dy, dx, count, accumulate, beta: beta, threshold: threshold)
        }
    }
}

/// An activation a training pass computes in place (`InPlacePlan`): one that differentiates from its output alone,
/// so its input may be overwritten. Only these three have kernels for one buffer, and the switches below are
/// exhaustive: no other activation can reach them.
struct InPlaceActivation {
    enum Kind { case relu, tanh, sigmoid }
    let kind: Kind
    let width: Int

    /// Nil for an activation that needs its input in backward (or the identity, which has nothing to compute).
    init?(_ layer: ActivationLayer) {
        switch layer.kind {
        case .relu: kind = .relu
        case .tanh: kind = .tanh
        case .sigmoid: kind = .sigmoid
        default: return nil
        }
        width = layer.width
    }

    /// `y = f(y)` over `batch` rows: kernels of their own, because the two-pointer kernels would find their
    /// pointers overlapping and fall back to scalar code.
    func forward(_ y: UnsafeMutablePointer<Float>, batch: Int) {
        let count = batch * width
        typealias K = ActivationKernels
        switch kind {
        case .relu: K.reluInPlace(y, count)
        case .tanh: K.tanhInPlace(y, count)
        case .sigmoid: K.sigmoidInPlace(y, count)
        }
    }

    /// `g = g · f'(y)` over `batch` rows: the output gradient becomes the input gradient (written, not added) in
    /// the same buffer.
    func backward(y: UnsafePointer<Float>, gradient: UnsafeMutablePointer<Float>, batch: Int) {
        let count = batch * width
        typealias K = ActivationKernels
        switch kind {
        case .relu: K.reluBackwardInPlace(y, gradient, count)
        case .tanh: K.tanhBackwardInPlace(y, gradient, count)
        case .sigmoid: K.sigmoidBackwardInPlace(y, gradient, count)
        }
    }
}
