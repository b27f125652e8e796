/// The regression losses, mean over every element of the batch (batch × outputs), PyTorch's `reduction='mean'`.
/// With d = ŷ − y and N the element count:
///
///     mse    d²                                           dL/dŷ = 2d/N                    (nn.MSELoss)
///     mae    |d|                                          dL/dŷ = sign(d)/N, 0 at d = 0   (nn.L1Loss)
///     huber  ½d² if |d| ≤ delta, else delta·(|d| − ½delta)  dL/dŷ = clamp(d, −delta, delta)/N  (nn.HuberLoss)
///
/// Element losses are accumulated in Double.
public enum RegressionLoss: Sendable, Equatable {
    case mse
    case mae
    case huber(delta: Float)

    /// Returns the mean loss and writes dL/doutputs into `gradient`. Throws on a size mismatch without touching
    /// `gradient`; no elements give 0.
    public func lossAndGradient(
        outputs: UnsafeBufferPointer<Float>, targets: UnsafeBufferPointer<Float>,
        gradient: UnsafeMutableBufferPointer<Float>
    ) throws(LossError) -> Double {
        let n = outputs.count
        guard targets.count == n, gradient.count == n else {
            throw .sizeMismatch(logits: n, labels: targets.count, gradient: gradient.count, expected: n)
        }
        guard n > 0 else { return 0 }
        let scale = 1 / Float(n)
        var total = 0.0
        switch self {
        case .mse:
            for i in 0..<n {
                let d = outputs[i] - targets[i]
                gradient[i] = 2 * d * scale
                total += Double(d) * Double(d)
            }
        case .mae:
            for i in 0..<n {
                let d = outputs[i] - targets[i]
                let sign: Float = d > 0 ? 1 : (d < 0 ? -1 : 0)
                gradient[i] = sign * scale
                total += Double(abs(d))
            }
        case .huber(let delta):
            for i in 0..<n {
                let d = outputs[i] - targets[i]
                gradient[i] = min(max(d, -delta), delta) * scale
                let a = Double(abs(d)), dd = Double(delta)
                total += a <= dd ? 0.5 * a * a : dd * (a - 0.5 * dd)
            }
        }
        return total / Double(n)
    }

    /// `lossAndGradient` for arrays; `gradient` is resized to the output count if needed.
    public func lossAndGradient(outputs: [Float], targets: [Float], gradient: inout [Float]) throws(LossError) -> Double {
        if gradient.count != outputs.count { gradient = [Float](repeating: 0, count: outputs.count) }
        return try outputs.withUnsafeBufferPointer { (o) throws(LossError) in
            try targets.withUnsafeBufferPointer { (t) throws(LossError) in
                try gradient.withUnsafeMutableBufferPointer { (g) throws(LossError) in
                    try lossAndGradient(outputs: o, targets: t, gradient: g)
                }
            }
        }
    }
}
