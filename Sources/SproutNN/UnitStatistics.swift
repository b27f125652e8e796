/// Statistics of a layer's units and values for the per-layer diagnostics (layers.csv): how many different units a
/// dense layer has, how alike its most similar two units are, and the mean, spread, dead and saturated fractions of
/// its activations. Pure functions on row-major float32 buffers; every sum is accumulated in Double, so the result
/// does not depend on the order float32 rounding would impose. They run on logged epochs only, so they may allocate
/// small temporaries (an index array, a block of cosines), but never the whole rows × rows matrix.
///
/// Empty inputs: `norm` is 0; the fractions and the mean and deviation of nothing are NaN (0/0: no evidence either
/// way), which a CSV shows as `nan` rather than as a plausible number.
public enum UnitStatistics {
    /// The relative tolerance under which two entries count as equal in `distinctRows`: 1e-6, about 8 float32 ulps
    /// (the spacing of float32 values is 2^-23 ≈ 1.2e-7 relative at the bottom of a binade). Large enough that units
    /// which should be identical but went through differently rounded sums (a few ulps apart) count as one unit; far
    /// below the spread of any random initializer, under which two independent draws agree to 1e-6 relative with a
    /// probability of the order of 1e-6 per entry, so two random rows essentially never agree in all their entries.
    public static let defaultRelativeTolerance: Float = 1e-6

    /// The number of different units of a dense layer: rows of the `(rows, columns)` row-major matrix `[W | b]` (the
    /// caller passes W with b appended as a last column, or W alone when there is no bias), where two rows are the
    /// same unit when every pair of entries is close:
    ///
    ///     |a - b| <= relativeTolerance · max(|a|, |b|)     (so absolutely equal when both are 0)
    ///
    /// Infinities are close only to themselves (the formula would make ∞ close to every large number); NaN is close
    /// to NaN only, so two NaN-poisoned rows of a diverged layer count as one unit and a NaN never equals a number.
    ///
    /// Computed by sorting the row indices lexicographically, comparing entry by entry with that closeness as
    /// equality (NaN sorting after every number), and counting the rows that are not close to their predecessor:
    /// O(rows · log rows · columns) in the worst case (equal rows compare every column), about O(rows · log rows) for
    /// random rows (the first column decides), never the rows² comparisons of all pairs.
    ///
    /// Where it differs from exact equivalence classes: closeness is not transitive. A chain of rows a ≈ b ≈ c whose
    /// entries drift by less than the tolerance at each step while a and c are farther apart has no well-defined
    /// number of units; the sort (whose order for such rows is then unspecified, though always a permutation) counts
    /// it as one unit or a few, depending on where the chain is cut. This does not matter for what the count is for:
    /// the rows of a constant-initialized layer are bit-for-bit equal (the tie-preserving kernel keeps them so), and
    /// random rows differ in almost every entry by far more than the tolerance, so no chain arises in either case.
    ///
    /// 0 when rows is 0; 1 when columns is 0 and rows > 0.
    public static func distinctRows(
        _ m: UnsafeBufferPointer<Float>, rows: Int, columns: Int,
        relativeTolerance: Float = defaultRelativeTolerance
    ) -> Int {
        precondition(rows >= 0 && columns >= 0 && rows.multipliedReportingOverflow(by: columns).partialValue <= m.count,
                     "distinctRows: a (\(rows), \(columns)) matrix does not fit in \(m.count) values")
        guard rows > 0 else { return 0 }
        guard let base = m.baseAddress, columns > 0 else { return 1 }
        let tolerance = relativeTolerance

        /// -1, 0 or 1 as row `i` sorts before, with, or after row `j`.
        func compare(_ i: Int, _ j: Int) -> Int {
            let a = base + i * columns, b = base + j * columns
            for column in 0..<columns {
                let x = a[column], y = b[column]
                if x == y { continue }
                if x.isNaN || y.isNaN {
                    if x.isNaN && y.isNaN { continue }
                    return x.isNaN ? 1 : -1
                }
                if x.isFinite && y.isFinite && abs(x - y) <= tolerance * max(abs(x), abs(y)) { continue }
                return x < y ? -1 : 1
            }
            return 0
        }

        var order = Array(0..<rows)
        order.sort { compare($0, $1) < 0 }
        var distinct = 1
        for position in 1..<rows where compare(order[position - 1], order[position]) != 0 { distinct += 1 }
        return distinct
    }

    /// The largest cosine similarity between two different rows of the `(rows, columns)` row-major matrix,
    ///
    ///     max over i ≠ j of  (r_i · r_j) / (‖r_i‖ ‖r_j‖),
    ///
    /// nil when rows < 2. A zero row has cosine 0 with everything (its direction is undefined; 0 says "not a
    /// duplicate of anything"). 1 means two units point the same way (identical units, as after a constant
    /// initializer); near 0 for random high-dimensional rows. The result is clamped to [-1, 1], which float32
    /// rounding of normalized rows can overshoot by a few ulps. NaN when a row holds a NaN or an infinity (its cosines
    /// are undefined), so that a diverged layer does not show a plausible number.
    ///
    /// Computed by normalizing every row (norms accumulated in Double, the normalized rows stored as float32), then
    /// the Gram matrix of the normalized rows with sgemm (`BLAS.sgemm`, one thread as everywhere in Sprout, so the
    /// result is deterministic), in blocks of up to 256 rows against the rows from the block's start on: only the
    /// upper triangle is computed (half the work of the full product) and the temporary is 256 × rows floats, not
    /// rows × rows.
    public static func maxRowCosine(_ m: UnsafeBufferPointer<Float>, rows: Int, columns: Int) -> Double? {
        precondition(rows >= 0 && columns >= 0 && rows.multipliedReportingOverflow(by: columns).partialValue <= m.count,
                     "maxRowCosine: a (\(rows), \(columns)) matrix does not fit in \(m.count) values")
        guard rows >= 2 else { return nil }
        guard let base = m.baseAddress, columns > 0 else { return 0 }
        BLAS.applyDefaults()

        // Every entry is written (a zero row as zeros), so neither temporary is cleared first: the Gram block is
        // written by the product before it is read, its lower triangle never read.
        var finite = true
        let normalized = [Float](unsafeUninitializedCapacity: rows * columns) { buffer, initialized in
            initialized = rows * columns
            guard let target = buffer.baseAddress else { return }
            for row in 0..<rows {
                let source = base + row * columns, destination = target + row * columns
                var sumOfSquares = 0.0
                for column in 0..<columns { sumOfSquares += Double(source[column]) * Double(source[column]) }
                if sumOfSquares.isNaN || sumOfSquares.isInfinite { finite = false }
                guard finite, sumOfSquares > 0 else {  // a zero row stays zero: cosine 0 with everything
                    destination.initialize(repeating: 0, count: columns)
                    continue
                }
                let inverse = 1 / sumOfSquares.squareRoot()
                for column in 0..<columns { destination[column] = Float(Double(source[column]) * inverse) }
            }
        }
        guard finite else { return .nan }

        let blockRows = min(256, rows)
        var gram = [Float](unsafeUninitializedCapacity: blockRows * rows) { _, initialized in
            initialized = blockRows * rows
        }
        var best = -Double.infinity
        normalized.withUnsafeBufferPointer { n in
            gram.withUnsafeMutableBufferPointer { g in
                guard let nBase = n.baseAddress, let gBase = g.baseAddress else { return }
                var start = 0
                while start < rows - 1 {
                    let count = min(blockRows, rows - start)
                    let width = rows - start
                    // g (count, width) = N[start..<start+count] · N[start..<rows]ᵀ: g[i][j] is rows start+i, start+j.
                    if count == width {
                        // The last (often the only) block is square: its upper triangle is all that is read.
                        BLAS.ssyrkUpper(n: count, k: columns, a: nBase + start * columns, lda: columns,
                                        c: gBase, ldc: width)
                    } else {
                        BLAS.sgemm(transA: false, transB: true, m: count, n: width, k: columns,
                                   alpha: 1, a: nBase + start * columns, lda: columns,
                                   b: nBase + start * columns, ldb: columns,
                                   beta: 0, c: gBase, ldc: width)
                    }
                    for i in 0..<count {
                        // The largest entry right of the diagonal, in float32 (the entries are finite here: a
                        // NaN or infinite row returned above), as a branch-free maximum that vectorizes.
                        let row = gBase + i * width
                        var largest = -Float.infinity
                        for j in (i + 1)..<width {
                            let value = row[j]
                            largest = value > largest ? value : largest
                        }
                        best = max(best, Double(largest))
                    }
                    start += count
                }
            }
        }
        return min(1, max(-1, best))
    }

    /// Mean and population standard deviation of all values,
    ///
    ///     mean = Σ x / n,   std = √( Σ (x - mean)² / n ),
    ///
    /// two-pass (the mean first, then the squared deviations from it), both sums in Double: unlike the one-pass
    /// Σx² - n·mean², it does not cancel catastrophically when the mean is large against the spread. (NaN, NaN) for
    /// an empty buffer; a NaN or infinity among the values makes both NaN (or the std NaN).
    public static func meanAndStandardDeviation(_ values: UnsafeBufferPointer<Float>) -> (mean: Double, std: Double) {
        guard !values.isEmpty else { return (.nan, .nan) }
        let mean = sum(values) { $0 } / Double(values.count)
        let center = SIMD4<Double>(repeating: mean)
        let squares = sum(values) { let deviation = $0 - center; return deviation * deviation }
        return (mean, (squares / Double(values.count)).squareRoot())
    }

    /// Σ f(x) in Double, with four interleaved accumulators (element i goes to accumulator i mod 4, which are added
    /// at the end as (a + b) + (c + d)): the same order on every run, so the result is deterministic, but four
    /// independent addition chains, which the processor overlaps (one chain waits on each addition's latency: 4x
    /// slower).
    ///
    /// The four accumulators are the lanes of one `SIMD4<Double>`, and the loop reads the values four at a time as
    /// a `SIMD4<Float>` converted to Double: lane k adds f of elements k, k + 4, k + 8, ... in that order, exactly
    /// what a scalar accumulator k adds (f works lane by lane, and Swift fuses no multiply-add), so the sum is
    /// bit-identical to the scalar loop's, in about half the instructions (the compiler emits packed conversions and
    /// additions, two doubles each, instead of one value at a time). The n mod 4 values left over go to lane 0.
    @inline(__always)
    static func sum(_ values: UnsafeBufferPointer<Float>, _ f: (SIMD4<Double>) -> SIMD4<Double>) -> Double {
        guard let base = values.baseAddress else { return 0 }
        let n = values.count, quads = n / 4
        let raw = UnsafeRawPointer(base)
        var lanes = SIMD4<Double>()
        for q in 0..<quads {
            lanes += f(SIMD4<Double>(raw.loadUnaligned(fromByteOffset: 16 * q, as: SIMD4<Float>.self)))
        }
        var a = lanes[0]
        for i in (4 * quads)..<n { a += f(SIMD4<Double>(repeating: Double(base[i])))[0] }
        return (a + lanes[1]) + (lanes[2] + lanes[3])
    }

    /// The fraction of units that are dead ReLUs: columns of the `(rows, columns)` row-major activation matrix (one
    /// row per example) whose value is <= 0 for every example, so that no gradient reaches the unit's weights from
    /// this batch. A NaN counts as not dead (it is not <= 0; a diverged unit is not the problem this reports). NaN
    /// when there is no unit or no example.
    public static func deadFraction(_ activations: UnsafeBufferPointer<Float>, rows: Int, columns: Int) -> Double {
        precondition(rows >= 0 && columns >= 0
                     && rows.multipliedReportingOverflow(by: columns).partialValue <= activations.count,
                     "deadFraction: a (\(rows), \(columns)) matrix does not fit in \(activations.count) values")
        guard rows > 0, columns > 0, let base = activations.baseAddress else { return .nan }
        // Per column, whether a value that is not <= 0 was seen (a positive value or a NaN): 1 or 0 or-ed in row by
        // row, so the inner loop runs over contiguous memory with a compare and an or per value, no branch and no
        // dependence between columns, which the compiler vectorizes (four floats a step).
        var live = [UInt32](repeating: 0, count: columns)
        live.withUnsafeMutableBufferPointer { live in
            for row in 0..<rows {
                let values = base + row * columns
                for column in 0..<columns { live[column] |= values[column] <= 0 ? 0 : 1 }
            }
        }
        let dead = live.reduce(0) { $0 + ($1 == 0 ? 1 : 0) }
        return Double(dead) / Double(columns)
    }

    /// The fraction of values outside `[low, high]` (strictly below low or above high): saturated units of a
    /// squashing activation, e.g. tanh with low -0.99, high 0.99 (beyond which its derivative 1 - y² is under 2 % of
    /// its largest), sigmoid with 0.01 and 0.99 (y(1 - y) under 4 %). A NaN is not saturated. NaN for an empty buffer.
    public static func saturatedFraction(_ values: UnsafeBufferPointer<Float>, low: Float, high: Float) -> Double {
        guard let base = values.baseAddress, !values.isEmpty else { return .nan }
        // Four values a step: two compares and an or make a lane mask, whose lanes count 1 where it holds (no
        // branch; a NaN compares false both ways). The 32-bit lane counts are added up every 2^26 values, long
        // before they could overflow.
        let n = values.count, whole = n - n % 4
        let lows = SIMD4<Float>(repeating: low), highs = SIMD4<Float>(repeating: high)
        let none = SIMD4<Int32>(), one = SIMD4<Int32>(repeating: 1)
        var saturated = 0
        for block in stride(from: 0, to: whole, by: 1 << 26) {
            var counts = SIMD4<Int32>()
            for i in stride(from: block, to: min(whole, block + (1 << 26)), by: 4) {
                let v = UnsafeRawPointer(base + i).loadUnaligned(as: SIMD4<Float>.self)
                counts &+= none.replacing(with: one, where: (v .< lows) .| (v .> highs))
            }
            saturated += Int(counts[0]) + Int(counts[1]) + Int(counts[2]) + Int(counts[3])
        }
        for i in whole..<n where base[i] < low || base[i] > high { saturated += 1 }
        return Double(saturated) / Double(n)
    }

    /// The L2 norm √(Σ x²) of the values, the squares summed in Double (no overflow: a float32 squared is below
    /// 1.2e77). 0 for an empty buffer; infinite or NaN when a value is.
    public static func norm(_ values: UnsafeBufferPointer<Float>) -> Double {
        sum(values) { $0 * $0 }.squareRoot()
    }
}
