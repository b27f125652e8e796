/// An elementwise activation. The raw values are the names used in configs and in `layers.csv`.
public enum Activation: String, Sendable, CaseIterable {
    /// `y = x` (a named pass-through, useful as a graph output).
    case identity
    /// `y = max(x, 0)` (Nair & Hinton 2010). Its gradient at exactly 0 is taken as 0, as PyTorch does.
    case relu
    /// `y = tanh(x)`.
    case tanh
    /// `y = 1 / (1 + exp(-x))`.
    case sigmoid
}

/// The graph node of an activation: `x: (batch, width) -> y: (batch, width)`, no parameters. The backward pass uses
/// only the output `y` (every derivative here is a function of `y`), so `x` is never needed again. The kernels, each
/// forward beside its backward, are in Activation+Kernels.swift.
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

    func forward(x: UnsafePointer<Float>, y: UnsafeMutablePointer<Float>, batch: Int) {
        let count = batch * width
        switch kind {
        case .identity: y.update(from: x, count: count)
        case .relu: ActivationKernels.reluForward(x, y, count)
        case .tanh: ActivationKernels.tanhForward(x, y, count)
        case .sigmoid: ActivationKernels.sigmoidForward(x, y, count)
        }
    }

    func backward(x: UnsafePointer<Float>, y: UnsafePointer<Float>, dy: UnsafePointer<Float>,
                  dx: UnsafeMutablePointer<Float>?, accumulate: Bool, batch: Int) {
        guard let dx else { return }
        let count = batch * width
        switch kind {
        case .identity: ActivationKernels.identityBackward(dy, dx, count, accumulate)
        case .relu: ActivationKernels.reluBackward(y, dy, dx, count, accumulate)
        case .tanh: ActivationKernels.tanhBackward(y, dy, dx, count, accumulate)
        case .sigmoid: ActivationKernels.sigmoidBackward(y, dy, dx, count, accumulate)
        }
    }
}
