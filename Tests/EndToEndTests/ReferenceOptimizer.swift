import Foundation

/// PyTorch's documented update rules (torch.optim), written out in Double as an independent expectation for the
/// end-to-end optimizer tests. Each step, for a parameter θ with gradient g at step t = 1, 2, ...:
///
/// - `SGD` (momentum μ, weight decay λ): g ← g + λθ; b ← g at t = 1, else μb + g; nesterov: g ← g + μb, else g ← b;
///   θ ← θ − lr·g.
/// - `Adam` (β1, β2, ε, λ): g ← g + λθ (`AdamW` instead decays first, θ ← θ − lr·λ·θ, and leaves g alone);
///   m ← β1·m + (1 − β1)·g; v ← β2·v + (1 − β2)·g²; with amsgrad v̂max ← max(v̂max, v) takes v's place below;
///   θ ← θ − (lr / (1 − β1^t))·m / (√v / √(1 − β2^t) + ε).
/// - `RMSprop` (α, ε, no momentum): v ← α·v + (1 − α)·g²; centered: ḡ ← α·ḡ + (1 − α)·g and the denominator is
///   √(v − ḡ²) + ε, else √v + ε; θ ← θ − lr·g / denominator.
enum ReferenceOptimizer: Sendable {
    case sgd(lr: Double, momentum: Double, nesterov: Bool, weightDecay: Double = 0)
    case adam(lr: Double, beta1: Double = 0.9, beta2: Double = 0.999, eps: Double = 1e-8, weightDecay: Double = 0,
              decoupled: Bool = false, amsgrad: Bool = false)
    case rmsprop(lr: Double, alpha: Double, eps: Double = 1e-8, centered: Bool)

    /// Per-parameter state: momentum buffer or first moment, second moment, its running maximum, mean gradient.
    struct State {
        var first: Double = 0, second: Double = 0, secondMax: Double = 0, mean: Double = 0
    }

    /// θ after one step at step number `t` (from 1) with gradient `g`.
    func step(_ theta: Double, _ g: Double, t: Int, _ s: inout State) -> Double {
        switch self {
        case .sgd(let lr, let momentum, let nesterov, let weightDecay):
            var g = g + weightDecay * theta
            if momentum != 0 {
                s.first = t == 1 ? g : momentum * s.first + g
                g = nesterov ? g + momentum * s.first : s.first
            }
            return theta - lr * g
        case .adam(let lr, let beta1, let beta2, let eps, let weightDecay, let decoupled, let amsgrad):
            var theta = theta, g = g
            if decoupled { theta -= lr * weightDecay * theta } else { g += weightDecay * theta }
            s.first = beta1 * s.first + (1 - beta1) * g
            s.second = beta2 * s.second + (1 - beta2) * g * g
            s.secondMax = max(s.secondMax, s.second)
            let v = amsgrad ? s.secondMax : s.second
            let correction1 = 1 - pow(beta1, Double(t)), correction2 = 1 - pow(beta2, Double(t))
            return theta - (lr / correction1) * s.first / ((v.squareRoot() / correction2.squareRoot()) + eps)
        case .rmsprop(let lr, let alpha, let eps, let centered):
            s.second = alpha * s.second + (1 - alpha) * g * g
            s.mean = alpha * s.mean + (1 - alpha) * g
            let spread = centered ? s.second - s.mean * s.mean : s.second
            return theta - lr * g / (spread.squareRoot() + eps)
        }
    }
}

/// Least squares on a linear layer: ŷ = w·x + b, PyTorch's `MSELoss` (the mean of (ŷ − y)² over the examples),
/// every step on the whole batch. Parameters are θ = [w₁, ..., wₙ, b].
struct LinearRegression: Sendable {
    var inputs: [[Double]]
    var targets: [Double]

    /// ∂L/∂θ: with r = 2(ŷ − y)/N per example, ∂L/∂w = Σ r·x and ∂L/∂b = Σ r.
    func gradient(_ theta: [Double]) -> [Double] {
        var g = [Double](repeating: 0, count: theta.count)
        for (x, y) in zip(inputs, targets) {
            let prediction = zip(x, theta).reduce(theta[theta.count - 1]) { $0 + $1.0 * $1.1 }
            let r = 2 * (prediction - y) / Double(inputs.count)
            for i in x.indices { g[i] += r * x[i] }
            g[theta.count - 1] += r
        }
        return g
    }

    /// θ after `steps` full-batch steps of `optimizer` from `start`.
    func train(from start: [Double], steps: Int, _ optimizer: ReferenceOptimizer) -> [Double] {
        var theta = start
        var states = [ReferenceOptimizer.State](repeating: .init(), count: theta.count)
        for t in 1...steps {
            let g = gradient(theta)
            for i in theta.indices { theta[i] = optimizer.step(theta[i], g[i], t: t, &states[i]) }
        }
        return theta
    }
}
