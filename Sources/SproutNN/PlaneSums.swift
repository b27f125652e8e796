/// `sums[c] += Σ_p m[n][c][p]` over every example `n` of a `(batch, planes · planeSize)` buffer in NCHW order: one
/// sequential sum per (example, plane), added to its plane's total in example order. Every plane is summed by the
/// same sequence of operations, so identical planes (the channels of identical filters) get bit-identical sums: a
/// conv2d's bias gradient and BatchNorm2d's channel means.
enum PlaneSums {
    static func add(_ m: UnsafePointer<Float>, batch: Int, planes: Int, planeSize: Int,
                    into sums: UnsafeMutablePointer<Float>) {
        for n in 0..<batch {
            for c in 0..<planes {
                let values = m + (n * planes + c) * planeSize
                var sum: Float = 0
                for p in 0..<planeSize { sum += values[p] }
                sums[c] += sum
            }
        }
    }
}
