extension Initializer {
    /// Fills `values` (row-major `[fanOut, fanIn]` for a weight; `[fanOut]` for a bias, filled with its layer's fans,
    /// see `Initializer`) from `stream`, one draw per entry in storage order.
    ///
    /// Samples are drawn in `Double` and rounded to `Float` once: uniform as `low + (high - low) * u` with
    /// `u = stream.uniform()` in [0, 1), normal as `mean + std * stream.normal()`. Rounding is monotonic, so a uniform
    /// entry never leaves `[Float(low), Float(high)]`. Constants draw nothing (the stream is not advanced).
    /// A truncated normal is `mean + std · Φ⁻¹(u)` with `u = Φ(α) + (Φ(β) - Φ(α)) · stream.uniform()`, clamped to
    /// [low, high] (PyTorch's `trunc_normal_`). When the whole interval lies above the mean (α > 0) the mirrored
    /// interval [-β, -α] is sampled and negated: same distribution, but its probabilities are small numbers that
    /// Double holds exactly, where `Φ(α)` near 1 would lose the upper tail's resolution.
    public func fill(_ values: inout [Float], fanIn: Int, fanOut: Int, stream: inout RandomStream) {
        let distribution = distribution(fanIn: fanIn, fanOut: fanOut)
        values.withUnsafeMutableBufferPointer { buffer in
            switch distribution {
            case .constant(let value):
                buffer.update(repeating: Float(value))
            case .uniform(let low, let high):
                let width = high - low
                for index in buffer.indices {
                    buffer[index] = Float(low + width * stream.uniform())
                }
            case .normal(let mean, let std):
                for index in buffer.indices {
                    buffer[index] = Float(mean + std * stream.normal())
                }
            case .truncatedNormal(let mean, let std, let low, let high):
                Initializer.fillTruncatedNormal(buffer, mean: mean, std: std, low: low, high: high, stream: &stream)
            }
        }
    }
}

extension Initializer {
    static func fillTruncatedNormal(_ buffer: UnsafeMutableBufferPointer<Float>, mean: Double, std: Double,
                                    low: Double, high: Double, stream: inout RandomStream) {
        let alpha = (low - mean) / std, beta = (high - mean) / std
        let mirrored = alpha > 0
        let lowerP = StandardNormal.cdf(mirrored ? -beta : alpha)
        let upperP = StandardNormal.cdf(mirrored ? -alpha : beta)
        let sign = mirrored ? -1.0 : 1.0
        for index in buffer.indices {
            let z = sign * StandardNormal.quantile(lowerP + (upperP - lowerP) * stream.uniform())
            buffer[index] = Float(min(max(mean + std * z, low), high))
        }
    }
}
