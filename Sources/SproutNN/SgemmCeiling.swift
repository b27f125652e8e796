/// The matrix-product ceiling of a training step: `cblas_sgemm` alone on the step's products (`MatrixProduct`), each
/// timed hot, in a loop on operands of its own (random values, so no zero shortcut), with the BLAS threads as they
/// are set. If a step did nothing but its products at that speed it would take `secondsPerStep`; no trainer on this
/// OpenBLAS can beat it, so a throughput is read against it (`make bench` prints each contestant's fraction).
///
/// Each distinct shape is timed for at least `minimumSeconds` (repeated calls, the fastest of several rounds of
/// calls, the usual way to read a hot kernel's speed past the noise of a shared machine).
public struct SgemmCeiling: Sendable {
    /// The step's products, their time each (seconds per call) as measured.
    public let products: [(product: MatrixProduct, secondsPerCall: Double)]

    /// Σ count · seconds per call.
    public var secondsPerStep: Double { products.reduce(0) { $0 + Double($1.product.count) * $1.secondsPerCall } }
    /// Σ flops / seconds per step.
    public var gigaflops: Double {
        let flops = products.reduce(0) { $0 + $1.product.flops }
        return secondsPerStep > 0 ? flops / secondsPerStep * 1e-9 : 0
    }

    public static func measure(_ products: [MatrixProduct], minimumSeconds: Double = 0.05) -> SgemmCeiling {
        var timed: [MatrixProduct: Double] = [:]
        var result: [(MatrixProduct, Double)] = []
        for product in products {
            var shape = product
            shape.count = 1
            let seconds = timed[shape] ?? time(shape, minimumSeconds: minimumSeconds)
            timed[shape] = seconds
            result.append((product, seconds))
        }
        return SgemmCeiling(products: result)
    }

    /// Seconds per call of one product: rounds of calls until `minimumSeconds` have passed in total, the fastest
    /// round's mean.
    static func time(_ product: MatrixProduct, minimumSeconds: Double) -> Double {
        let (m, n, k) = (max(product.m, 1), max(product.n, 1), max(product.k, 1))
        var seed: UInt32 = 12345
        func values(_ count: Int) -> [Float] {
            (0..<count).map { _ in
                seed = seed &* 1_664_525 &+ 1_013_904_223
                return Float(seed >> 8) / Float(1 << 24) - 0.5
            }
        }
        let a = values(m * k), b = values(k * n)
        var c = [Float](repeating: 0, count: m * n)
        let clock = ContinuousClock()
        let callsPerRound = max(1, Int(1e7 / (2 * Double(m) * Double(n) * Double(k))))
        var best = Double.infinity, spent = 0.0
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                c.withUnsafeMutableBufferPointer { c in
                    guard let a = a.baseAddress, let b = b.baseAddress, let c = c.baseAddress else { return }
                    let lda = product.transA ? m : k, ldb = product.transB ? k : n
                    while spent < minimumSeconds || best == .infinity {
                        let start = clock.now
                        for _ in 0..<callsPerRound {
                            BLAS.sgemm(transA: product.transA, transB: product.transB, m: m, n: n, k: k, alpha: 1,
                                       a: a, lda: lda, b: b, ldb: ldb, beta: 1, c: c, ldc: n)
                        }
                        let elapsed = clock.now - start
                        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
                        spent += seconds
                        best = min(best, seconds / Double(callsPerRound))
                    }
                }
            }
        }
        return best
    }
}
