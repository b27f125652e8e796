import SproutRandom

extension Dataset {
    /// The 2-feature, 2-class datasets (xor, spirals, moons, circles): each labelled point `(x, y, class)` in the
    /// order given, plus Gaussian noise of standard deviation `noise` drawn from `stream`, x before y, point after
    /// point; computed in Double and rounded once to float32. One place, so every generator draws its noise the
    /// same way (the draw order is part of what a seed reproduces).
    static func noisyPoints(_ points: [(Double, Double, Int32)], noise: Double, stream: inout RandomStream) -> Dataset {
        var features: [Float] = []
        features.reserveCapacity(2 * points.count)
        for (x, y, _) in points {
            features.append(Float(x + noise * stream.normal()))
            features.append(Float(y + noise * stream.normal()))
        }
        return Dataset(features: features, labels: points.map(\.2), featureCount: 2, classCount: 2)
    }
}
