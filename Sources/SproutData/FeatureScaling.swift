/// Per-feature scaling fitted on the training split and applied to every split, so no validation statistic leaks
/// into training. Statistics are computed in Double.
public struct FeatureScaling: Sendable, Equatable {
    /// x' = (x - shift[j]) · scale[j]
    public var shift: [Double]
    public var scale: [Double]

    /// Mean 0 and standard deviation 1 per feature (population std); a constant feature is centred, not scaled.
    public static func standardize(fittedOn data: Dataset) -> FeatureScaling {
        let n = Double(max(data.count, 1)), width = data.featureCount
        var mean = [Double](repeating: 0, count: width), square = [Double](repeating: 0, count: width)
        for row in 0..<data.count {
            for j in 0..<width {
                let x = Double(data.features[row * width + j])
                mean[j] += x
                square[j] += x * x
            }
        }
        var scale = [Double](repeating: 1, count: width)
        for j in 0..<width {
            mean[j] /= n
            let variance = max(0, square[j] / n - mean[j] * mean[j])
            scale[j] = variance > 0 ? 1 / variance.squareRoot() : 1
        }
        return FeatureScaling(shift: mean, scale: scale)
    }

    /// To [0, 1] per feature, from the training split's min and max; a constant feature becomes 0.
    public static func minmax(fittedOn data: Dataset) -> FeatureScaling {
        let width = data.featureCount
        var low = [Double](repeating: .infinity, count: width), high = [Double](repeating: -.infinity, count: width)
        for row in 0..<data.count {
            for j in 0..<width {
                let x = Double(data.features[row * width + j])
                low[j] = min(low[j], x)
                high[j] = max(high[j], x)
            }
        }
        let shift = low.map { $0.isFinite ? $0 : 0 }
        let scale = (0..<width).map { j in high[j] > low[j] ? 1 / (high[j] - low[j]) : 1 }
        return FeatureScaling(shift: shift, scale: scale)
    }

    public func apply(to data: Dataset) -> Dataset {
        var scaled = data
        let width = data.featureCount
        for row in 0..<data.count {
            for j in 0..<width {
                let index = row * width + j
                scaled.features[index] = Float((Double(data.features[index]) - shift[j]) * scale[j])
            }
        }
        return scaled
    }
}
