/// Gradient clipping by global norm, exactly PyTorch's `torch.nn.utils.clip_grad_norm_` (norm_type 2):
///
///     norm = sqrt(sum over every parameter and entry of g²)        (accumulated in Double)
///     coef = maxNorm / (norm + 1e-6)
///     g = g · coef   when coef < 1 (PyTorch's clamp(coef, max: 1)), else unchanged
///
/// The 1e-6 keeps the division finite at a zero norm; as in PyTorch, a norm just at `maxNorm` is scaled by a factor
/// a hair below 1. Allocates nothing.
public enum GradientClipping {
    /// The global L2 norm of all gradients of `parameters`.
    public static func globalNorm(_ parameters: [Parameter]) -> Double {
        var sum = 0.0
        for index in parameters.indices {
            let parameter = parameters[index]
            parameter.gradient.withUnsafeBufferPointer { g in
                for value in g { sum += Double(value) * Double(value) }
            }
        }
        return sum.squareRoot()
    }

    /// Rescales the gradients of `parameters` in place so their global norm is at most about `maxNorm`; returns the
    /// norm before clipping. A non-finite norm is left alone (the loss check stops such a run).
    @discardableResult
    public static func clip(_ parameters: [Parameter], maxNorm: Double) -> Double {
        let norm = globalNorm(parameters)
        let coefficient = maxNorm / (norm + 1e-6)
        guard norm.isFinite, coefficient < 1 else { return norm }
        let scale = Float(coefficient)
        for index in parameters.indices {
            let parameter = parameters[index]
            parameter.gradient.withUnsafeMutableBufferPointer { g in
                for i in g.indices { g[i] *= scale }
            }
        }
        return norm
    }
}
