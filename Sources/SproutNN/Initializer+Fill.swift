import SproutRandom

extension Initializer {
    /// Fills `values` (row-major `[fanOut, fanIn]` for a weight; `[fanOut]` for a bias, filled with its layer's fans,
    /// see `Initializer`) from `stream`, one draw per entry in storage order.
    ///
    /// Samples are drawn in `Double` and rounded to `Float` once: uniform as `low + (high - low) * u` with
    /// `u = stream.uniform()` in [0, 1), normal as `mean + std * stream.normal()`. Rounding is monotonic, so a uniform
    /// entry never leaves `[Float(low), Float(high)]`. Constants draw nothing (the stream is not advanced).
    /// Orthogonal, identity and sparse view the tensor as PyTorch does, `rows × cols` with `rows = fanOut` (its first
    /// dimension) and `cols = count / fanOut`: a weight is `fanOut × fanIn`, a bias `fanOut × 1`.
    ///
    /// A truncated normal is `mean + std · Φ⁻¹(u)` with `u = Φ(α) + (Φ(β) - Φ(α)) · stream.uniform()`, clamped to
    /// [low, high] (PyTorch's `trunc_normal_`). When the whole interval lies above the mean (α > 0) the mirrored
    /// interval [-β, -α] is sampled and negated: same distribution, but its probabilities are small numbers that
    /// Double holds exactly, where `Φ(α)` near 1 would lose the upper tail's resolution.
    ///
    /// A `.seeded` initializer ignores `stream` and draws from its own (`Initializer.seededStream`).
    public func fill(_ values: inout [Float], fanIn: Int, fanOut: Int, stream: inout RandomStream) {
        if case .seeded(let initializer, let seed) = self {
            var own = Initializer.seededStream(seed: seed)
            initializer.fill(&values, fanIn: fanIn, fanOut: fanOut, stream: &own)
            return
        }
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
            case .orthogonal(let gain):
                let (rows, cols) = Initializer.matrixShape(count: buffer.count, fanOut: fanOut)
                let matrix = Initializer.orthogonal(rows: rows, cols: cols, gain: gain, stream: &stream)
                buffer.update(repeating: 0)
                for index in matrix.indices { buffer[index] = Float(matrix[index]) }
            case .identity(let gain):
                let (rows, cols) = Initializer.matrixShape(count: buffer.count, fanOut: fanOut)
                buffer.update(repeating: 0)
                for i in 0..<min(rows, cols) { buffer[i * cols + i] = Float(gain) }
            case .values(let given):
                // Counts are checked when the network is built; a shorter array leaves the rest 0, never overruns.
                buffer.update(repeating: 0)
                for index in 0..<min(given.count, buffer.count) { buffer[index] = given[index] }
            case .sparse(let zerosPerColumn, let std):
                Initializer.fillSparse(buffer, fanOut: fanOut, zerosPerColumn: zerosPerColumn, std: std,
                                       stream: &stream)
            }
        }
    }
}

extension Initializer {
    /// The stream of an initializer with its own seed: keyed by the seed alone (one fixed key), so every parameter
    /// that uses it draws the same numbers.
    public static func seededStream(seed: UInt64) -> RandomStream { RandomStream(seed: seed, key: "init/seeded") }
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

extension Initializer {
    /// `rows = fanOut`, `cols = count / fanOut` (0 x 0 for an empty tensor or a fanOut of 0).
    static func matrixShape(count: Int, fanOut: Int) -> (rows: Int, cols: Int) {
        guard fanOut > 0, count > 0 else { return (0, 0) }
        return (fanOut, count / fanOut)
    }

    /// PyTorch's `sparse_`: every entry `N(0, std)` in storage order, then column by column a random permutation of
    /// the rows (Fisher-Yates, `stream.shuffle`) whose first `zerosPerColumn` entries are set to 0.
    static func fillSparse(_ buffer: UnsafeMutableBufferPointer<Float>, fanOut: Int, zerosPerColumn: Int,
                           std: Double, stream: inout RandomStream) {
        for index in buffer.indices { buffer[index] = Float(std * stream.normal()) }
        let (rows, cols) = matrixShape(count: buffer.count, fanOut: fanOut)
        var order = Array(0..<rows)
        for column in 0..<cols {
            for i in order.indices { order[i] = i }
            stream.shuffle(&order)
            for row in order.prefix(zerosPerColumn) { buffer[row * cols + column] = 0 }
        }
    }
}
