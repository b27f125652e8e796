import SproutRandom

extension Dataset {
    /// Splits off `H = round(fraction · count)` examples for validation (a fraction of 0 gives no validation set),
    /// using the stream keyed `data/split` of `seed`, so the split depends on the seed and the data only. Both
    /// parts keep the examples' original relative order.
    ///
    /// Classification data is split **stratified**: each class is held out in proportion to its size.
    /// 1. Class c of n_c examples gets the quota H · n_c / count; each class first gets its quota's whole part,
    ///    and the examples still missing to make H go one each to the classes with the largest remainders (ties:
    ///    the lower class index). This is the largest-remainder (Hamilton) method, computed in integers, so the
    ///    held-out total is exactly H (what the validator checked leaves an example on each side) and each class's
    ///    count is round(fraction · n_c) up to one example.
    /// 2. For each class in index order, its examples' indices (ascending) are shuffled with the stream
    ///    (Fisher-Yates, `RandomStream.shuffle`) and the first h_c are held out.
    ///
    /// Regression data: all indices are shuffled once and the first H are held out.
    public func split(validation fraction: Double, seed: UInt64) -> (train: Dataset, validation: Dataset?) {
        let (kept, held) = holdOut(Int((fraction * Double(count)).rounded()), stream: "data/split", seed: seed)
        return (kept, held)
    }

    /// Holds out exactly `held` examples as `split` describes, drawn from the stream keyed `stream` of `seed`:
    /// the examples kept and those held out (nil when `held` is 0, or not below `count`: nothing is held out).
    public func holdOut(_ held: Int, stream key: String, seed: UInt64) -> (kept: Dataset, held: Dataset?) {
        guard held > 0, held < count else { return (self, nil) }
        var stream = RandomStream(seed: seed, key: key)
        var isHeld = [Bool](repeating: false, count: count)
        if isRegression {
            var order = Array(0..<count)
            stream.shuffle(&order)
            for index in order.prefix(held) { isHeld[index] = true }
        } else {
            var members = [[Int]](repeating: [], count: (labels.max().map { Int($0) + 1 } ?? 0))
            for (index, label) in labels.enumerated() where label >= 0 { members[Int(label)].append(index) }
            let quotas = Self.stratifiedQuotas(held: held, classSizes: members.map(\.count))
            for c in members.indices {
                stream.shuffle(&members[c])
                for index in members[c].prefix(quotas[c]) { isHeld[index] = true }
            }
        }
        let trainIndices = (0..<count).filter { !isHeld[$0] }
        let validationIndices = (0..<count).filter { isHeld[$0] }
        return (subset(trainIndices), subset(validationIndices))
    }

    /// How many examples of each class a stratified split holds out: `held` shared in proportion to the class
    /// sizes by largest remainders (see `split`). The quotas sum to `held` when `held ≤ Σ sizes`.
    public static func stratifiedQuotas(held: Int, classSizes: [Int]) -> [Int] {
        let total = classSizes.reduce(0, +)
        guard total > 0 else { return classSizes.map { _ in 0 } }
        var quotas = classSizes.map { held * $0 / total }
        let remainders = classSizes.map { held * $0 % total }
        let missing = held - quotas.reduce(0, +)
        let order = classSizes.indices.sorted { (remainders[$1], $0) < (remainders[$0], $1) }
        for c in order.prefix(missing) { quotas[c] += 1 }
        return quotas
    }

    /// The examples at `indices`, in that order.
    public func subset(_ indices: [Int]) -> Dataset {
        var features: [Float] = []
        features.reserveCapacity(indices.count * featureCount)
        for index in indices {
            features += self.features[(index * featureCount)..<((index + 1) * featureCount)]
        }
        guard isRegression else {
            return Dataset(features: features, labels: indices.map { labels[$0] }, featureCount: featureCount,
                           classCount: classCount, classNames: classNames)
        }
        var targets: [Float] = []
        targets.reserveCapacity(indices.count * targetWidth)
        for index in indices { targets += self.targets[(index * targetWidth)..<((index + 1) * targetWidth)] }
        return Dataset(features: features, targets: targets, featureCount: featureCount, targetWidth: targetWidth)
    }
}
