import SproutNN

extension Dataset {
    /// Splits off `round(fraction · count)` examples for validation, chosen by a permutation from the stream keyed
    /// `data/split` of `seed` (so the split depends on the seed and the data only). Both parts keep the examples'
    /// original relative order. A fraction of 0 gives no validation set.
    public func split(validation fraction: Double, seed: UInt64) -> (train: Dataset, validation: Dataset?) {
        let held = Int((fraction * Double(count)).rounded())
        guard held > 0, held < count else { return (self, nil) }
        var order = Array(0..<count)
        var stream = RandomStream(seed: seed, key: "data/split")
        stream.shuffle(&order)
        var isHeld = [Bool](repeating: false, count: count)
        for index in order.prefix(held) { isHeld[index] = true }
        let trainIndices = (0..<count).filter { !isHeld[$0] }
        let validationIndices = (0..<count).filter { isHeld[$0] }
        return (subset(trainIndices), subset(validationIndices))
    }

    /// The examples at `indices`, in that order.
    public func subset(_ indices: [Int]) -> Dataset {
        var features: [Float] = []
        features.reserveCapacity(indices.count * featureCount)
        for index in indices {
            features += self.features[(index * featureCount)..<((index + 1) * featureCount)]
        }
        return Dataset(features: features, labels: indices.map { labels[$0] }, featureCount: featureCount,
                       classCount: classCount)
    }
}
