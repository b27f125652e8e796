import SproutConfig
import SproutData
import SproutRandom

/// The training examples layers.csv and `sprout show --probe` measure: a fixed, class-mixed sample of the training
/// set (after any validation split), drawn once per run from the run's seed, the same for every epoch.
///
/// **The rule.** S = min(N, 512) of the N training examples, as indices into the training set in ascending order.
/// - Classification: stratified. Class c of n_c examples gets its share S · n_c / N, rounded by the largest-remainder
///   rule (`Dataset.stratifiedQuotas`, the validation split's: whole parts first, then one each to the largest
///   remainders, ties to the lower class index), so the counts sum to S and each is its share rounded up or down.
///   Every class with at least one training example then gets at least one: a class whose share rounds to 0 takes
///   one example from the class with the largest count (ties: the lower index), as long as there are no more classes
///   than S. Each class's examples (ascending) are shuffled with the stream and its first s_c are taken.
/// - Regression: all indices are shuffled with the stream and the first S are taken.
/// - With S = N (N ≤ 512) the sample is every training example.
///
/// The stream is `RandomStream(seed: run seed, key: "diagnostic sample")`, its own: drawing the sample shifts no
/// other stream, so training is bit-identical with or without diagnostics.
///
/// **Why a sample, and why 512.** The first batch of a set sorted by class holds one class, and a unit inactive on
/// that class alone looks dead there. A unit active on a fraction p of the data looks dead on a uniform sample of
/// 512 with probability (1 − p)^512: 0.6% at p = 1%, 3e-5 at p = 2% (on a batch of 32: 72% and 52%). The mean of a
/// value over 512 examples has a standard error of σ/√512 ≈ 0.044 σ, its standard deviation about σ/√(2·512) ≈
/// 0.031 σ (normal values; a node's row pools all 512 × width values, steadier still), so rows compare across
/// epochs and runs. Larger would buy little (the errors fall as 1/√S) for a cost that grows as S: one forward and one
/// backward pass over S examples per logged epoch (docs/performance.md has the measured cost), and network buffers
/// of max(batch_size, S) rows while diagnostics are on.
struct DiagnosticSample: Equatable, Sendable {
    /// The largest sample: see the type's comment.
    static let maximumSize = DiagnosticSampleSize.maximum
    /// The key of the sample's random stream.
    static let streamKey = "diagnostic sample"

    /// Training-set indices, ascending.
    let indices: [Int]
    /// The training set's size N.
    let trainingExamples: Int
    /// Whether the sample is stratified by class (classification data) rather than a plain random draw (regression).
    let stratified: Bool

    var count: Int { indices.count }

    /// Every training-set index once: the sample's first (ascending), then the others (ascending). metrics.csv's
    /// evaluation of the training set visits the examples in this order (`Trainer.evaluateTrainingSet`), so that
    /// its first batch is the diagnostic pass's.
    var evaluationOrder: [Int] {
        var inSample = [Bool](repeating: false, count: trainingExamples)
        for index in indices { inSample[index] = true }
        return indices + (0..<trainingExamples).filter { !inSample[$0] }
    }

    /// The sample of `data` (the training set) under run seed `seed`.
    init(_ data: Dataset, seed: UInt64) {
        let total = data.count
        let size = min(total, Self.maximumSize)
        var stream = RandomStream(seed: seed, key: Self.streamKey)
        var chosen: [Int] = []
        chosen.reserveCapacity(size)
        if data.isRegression {
            var order = Array(0..<total)
            stream.shuffle(&order)
            chosen.append(contentsOf: order.prefix(size))
        } else {
            let classes = max(data.classCount, data.labels.max().map { Int($0) + 1 } ?? 0)
            var members = [[Int]](repeating: [], count: classes)
            for (index, label) in data.labels.enumerated() where label >= 0 { members[Int(label)].append(index) }
            let quotas = Self.classQuotas(size: size, classSizes: members.map(\.count))
            for c in members.indices {
                stream.shuffle(&members[c])
                chosen.append(contentsOf: members[c].prefix(quotas[c]))
            }
        }
        indices = chosen.sorted()
        trainingExamples = total
        stratified = !data.isRegression
    }

    /// How many examples of each class the sample holds: `size` shared in proportion to `classSizes` by largest
    /// remainders, then one for every non-empty class left at 0, taken from the class with the largest count (ties:
    /// the lower index) while that class keeps at least one. Sums to `size` when `size` ≤ Σ classSizes.
    static func classQuotas(size: Int, classSizes: [Int]) -> [Int] {
        var quotas = Dataset.stratifiedQuotas(held: size, classSizes: classSizes)
        for c in classSizes.indices where classSizes[c] > 0 && quotas[c] == 0 {
            guard let donor = quotas.indices.max(by: { (quotas[$0], $1) < (quotas[$1], $0) }),
                  quotas[donor] > 1 else { break }
            quotas[donor] -= 1
            quotas[c] = 1
        }
        return quotas
    }
}
