extension Initializer {
    /// Fills `values` (row-major `[fanOut, fanIn]` for a weight; `[fanOut]` for a bias, filled with its layer's fans,
    /// see `Initializer`) from `stream`, one draw per entry in storage order.
    ///
    /// Samples are drawn in `Double` and rounded to `Float` once: uniform as `low + (high - low) * u` with
    /// `u = stream.uniform()` in [0, 1), normal as `mean + std * stream.normal()`. Rounding is monotonic, so a uniform
    /// entry never leaves `[Float(low), Float(high)]`. Constants draw nothing (the stream is not advanced).
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
            }
        }
    }
}
