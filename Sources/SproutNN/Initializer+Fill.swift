import SproutRandom

extension Initializer {
    /// Fills `values` viewed as the `fanOut × (count / fanOut)` matrix with these fans: a dense layer's weight
    /// `[fanOut, fanIn]`, or its bias (`fanOut × 1`, which takes its layer's fans, see `Initializer`). Only `dirac`
    /// tells a bias from a one-column matrix (zeros, not the diagonal): layers use `fill(_:target:stream:)`.
    public func fill(_ values: inout [Float], fanIn: Int, fanOut: Int, stream: inout RandomStream) {
        let columns = fanOut > 0 ? values.count / fanOut : 0
        fill(&values, target: InitializerTarget(shape: [max(fanOut, 0), columns], fanIn: fanIn, fanOut: fanOut, groups: 1),
             stream: &stream)
    }

    /// Fills `values` (row-major in `target.shape`) from `stream`, one draw per entry in storage order.
    ///
    /// Samples are drawn in `Double` and rounded to `Float` once: uniform as `low + (high - low) * u` with
    /// `u = stream.uniform()` in [0, 1), normal as `mean + std * stream.normal()`. Rounding is monotonic, so a uniform
    /// entry never leaves `[Float(low), Float(high)]`. Constants and dirac draw nothing (the stream is not advanced).
    /// Orthogonal, identity and sparse view the tensor as PyTorch does, `rows × columns` with `rows` its first
    /// dimension (`InitializerTarget`): a dense weight is `fanOut × fanIn`, a bias `fanOut × 1`, a convolution's
    /// weight `filters × (channels / groups · kh · kw)`.
    ///
    /// A truncated normal is `mean + std · Φ⁻¹(u)` with `u = Φ(α) + (Φ(β) - Φ(α)) · stream.uniform()`, clamped to
    /// [low, high] (PyTorch's `trunc_normal_`). When the whole interval lies above the mean (α > 0) the mirrored
    /// interval [-β, -α] is sampled and negated: same distribution, but its probabilities are small numbers that
    /// Double holds exactly, where `Φ(α)` near 1 would lose the upper tail's resolution.
    ///
    /// A `.seeded` initializer ignores `stream` and draws from its own (`Initializer.seededStream`). The count of
    /// `values` decides how much is written (the matrix view is cut to it), so a wrong-sized array never overruns.
    public func fill(_ values: inout [Float], target: InitializerTarget, stream: inout RandomStream) {
        if case .seeded(let initializer, let seed) = self {
            var own = Initializer.seededStream(seed: seed)
            initializer.fill(&values, target: target, stream: &own)
            return
        }
        let distribution = distribution(for: target)
        let rows = min(target.rows, values.count), cols = rows > 0 ? values.count / rows : 0
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
                let matrix = Initializer.orthogonal(rows: rows, cols: cols, gain: gain, stream: &stream)
                buffer.update(repeating: 0)
                for index in matrix.indices { buffer[index] = Float(matrix[index]) }
            case .identity(let gain):
                buffer.update(repeating: 0)
                for i in 0..<min(rows, cols) { buffer[i * cols + i] = Float(gain) }
            case .values(let given):
                // Counts are checked when the network is built; a shorter array leaves the rest 0, never overruns.
                buffer.update(repeating: 0)
                for index in 0..<min(given.count, buffer.count) { buffer[index] = given[index] }
            case .sparse(let zerosPerColumn, let std):
                Initializer.fillSparse(buffer, rows: rows, cols: cols, zerosPerColumn: zerosPerColumn, std: std,
                                       stream: &stream)
            case .dirac(let groups):
                Initializer.fillDirac(buffer, shape: target.shape, groups: groups)
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
    /// PyTorch's `sparse_`: every entry `N(0, std)` in storage order, then column by column a random permutation of
    /// the rows (Fisher-Yates, `stream.shuffle`) whose first `zerosPerColumn` entries are set to 0.
    static func fillSparse(_ buffer: UnsafeMutableBufferPointer<Float>, rows: Int, cols: Int, zerosPerColumn: Int,
                           std: Double, stream: inout RandomStream) {
        for index in buffer.indices { buffer[index] = Float(std * stream.normal()) }
        var order = Array(0..<rows)
        for column in 0..<cols {
            for i in order.indices { order[i] = i }
            stream.shuffle(&order)
            for row in order.prefix(zerosPerColumn) { buffer[row * cols + column] = 0 }
        }
    }
}
