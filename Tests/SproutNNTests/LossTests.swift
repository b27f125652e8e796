import Testing
@testable import SproutNN

/// binary_cross_entropy and the regression losses: values by hand from the formulas in BinaryCrossEntropy.swift
/// and RegressionLoss.swift, and a central-difference check of every gradient.
@Suite struct LossTests {
    static func bce(_ logits: [Float], _ labels: [Int32]) throws -> (loss: Double, correct: Int, gradient: [Float]) {
        var gradient = [Float](repeating: 0, count: logits.count)
        let result = try logits.withUnsafeBufferPointer { (z) throws(LossError) in
            try labels.withUnsafeBufferPointer { (y) throws(LossError) in
                try gradient.withUnsafeMutableBufferPointer { (g) throws(LossError) in
                    try ClassificationLoss.binaryCrossEntropy.lossAndGradient(
                        outputs: z, labels: y, batch: labels.count, width: 1, gradient: g)
                }
            }
        }
        return (result.loss, result.correct, gradient)
    }

    static func expectClose(_ a: [Float], _ e: [Float], _ tolerance: Float = 1e-6) {
        #expect(a.count == e.count)
        for (x, y) in zip(a, e) { #expect(abs(x - y) < tolerance, "\(a) vs \(e)") }
    }

    @Test func binaryCrossEntropyByHand() throws {
        // z = 0, y = 1: log 2 = 0.6931472, σ = 0.5, gradient (0.5 − 1)/3 = −0.1666667, z > 0 false: wrong
        // z = 2, y = 1: 2 − 2 + log(1 + e^−2) = 0.1269280, σ(2) = 0.8807971, (0.8807971 − 1)/3 = −0.0397343, right
        // z = −1, y = 0: 0 − 0 + log(1 + e^−1) = 0.3132617, σ(−1) = 0.2689414, 0.2689414/3 = 0.0896471, right
        // mean (0.6931472 + 0.1269280 + 0.3132617)/3 = 0.3777790, 2 correct
        let r = try Self.bce([0, 2, -1], [1, 1, 0])
        #expect(abs(r.loss - 0.3777790) < 1e-6)
        #expect(r.correct == 2)
        Self.expectClose(r.gradient, [-0.1666667, -0.0397343, 0.0896471])
    }

    @Test func binaryCrossEntropyIsStableAtLargeLogits() throws {
        // z = 100, y = 0: 100 − 0 + log(1 + e^−100) = 100, gradient σ(100) − 0 = 1 (per row, batch 2: 0.5)
        // z = −100, y = 0: 0 + log(1 + e^−100) ≈ 3.7e−44 ≈ 0, gradient ≈ 0
        let r = try Self.bce([100, -100], [0, 0])
        #expect(abs(r.loss - 50) < 1e-9)
        Self.expectClose(r.gradient, [0.5, 0])
        #expect(r.correct == 1)
    }

    @Test func binaryCrossEntropyRejectsOtherLabelsAndWidths() {
        #expect(throws: LossError.labelOutOfRange(label: 2, classes: 2)) { try Self.bce([0], [2]) }
        var gradient: [Float] = [0, 0]
        #expect(throws: LossError.invalidShape(batch: 1, classes: 2)) {
            try [Float](repeating: 0, count: 2).withUnsafeBufferPointer { (z) throws(LossError) in
                try [Int32](repeating: 0, count: 1).withUnsafeBufferPointer { (y) throws(LossError) in
                    try gradient.withUnsafeMutableBufferPointer { (g) throws(LossError) in
                        _ = try ClassificationLoss.binaryCrossEntropy.lossAndGradient(
                            outputs: z, labels: y, batch: 1, width: 2, gradient: g)
                    }
                }
            }
        }
    }

    /// Outputs (1, −0.5, 3) against targets (0, 0, 1): d = (1, −0.5, 2), N = 3.
    static let outputs: [Float] = [1, -0.5, 3], targets: [Float] = [0, 0, 1]

    @Test func mseByHand() throws {
        // (1 + 0.25 + 4)/3 = 1.75; 2d/3 = (0.6666667, −0.3333333, 1.3333333)
        var g = [Float]()
        #expect(abs(try RegressionLoss.mse.lossAndGradient(outputs: Self.outputs, targets: Self.targets, gradient: &g) - 1.75) < 1e-9)
        Self.expectClose(g, [0.6666667, -0.3333333, 1.3333333])
    }

    @Test func maeByHand() throws {
        // (1 + 0.5 + 2)/3 = 1.1666667; sign(d)/3; sign(0) = 0
        var g = [Float]()
        #expect(abs(try RegressionLoss.mae.lossAndGradient(outputs: Self.outputs, targets: Self.targets, gradient: &g) - 3.5 / 3) < 1e-9)
        Self.expectClose(g, [1 / 3, -1 / 3, 1 / 3])
        _ = try RegressionLoss.mae.lossAndGradient(outputs: [2], targets: [2], gradient: &g)
        #expect(g == [0])
    }

    @Test func huberByHand() throws {
        // delta 1: |1| ≤ 1: ½ = 0.5; |−0.5|: ½·0.25 = 0.125; |2| > 1: 1·(2 − 0.5) = 1.5; mean 2.125/3 = 0.7083333
        // gradient clamp(d, −1, 1)/3 = (0.3333333, −0.1666667, 0.3333333)
        var g = [Float]()
        let loss = try RegressionLoss.huber(delta: 1).lossAndGradient(outputs: Self.outputs, targets: Self.targets,
                                                                       gradient: &g)
        #expect(abs(loss - 2.125 / 3) < 1e-9)
        Self.expectClose(g, [0.3333333, -0.1666667, 0.3333333])
    }

    /// Central differences with h = 1e-2 (the step actually taken, after rounding to Float). mse is quadratic and
    /// mae/huber are piecewise linear or quadratic away from their kinks (every |d| below is ≥ 0.1 from 0 and from
    /// delta), so the difference is exact up to float32 rounding; BCE's truncation error h²/6·|σ''| is < 2e-6.
    @Test func gradientsMatchFiniteDifferences() throws {
        let outputs: [Float] = [0.7, -1.3, 2.2, 0.35, -0.4, 1.6]
        let targets: [Float] = [0, 0.5, 1, -1, 0.9, 0.1]
        let h: Float = 1e-2
        for loss in [RegressionLoss.mse, .mae, .huber(delta: 1), .huber(delta: 0.5)] {
            var g = [Float](), scratch = [Float]()
            _ = try loss.lossAndGradient(outputs: outputs, targets: targets, gradient: &g)
            for i in outputs.indices {
                var plus = outputs, minus = outputs
                plus[i] += h
                minus[i] -= h
                let numeric = (try loss.lossAndGradient(outputs: plus, targets: targets, gradient: &scratch)
                    - (try loss.lossAndGradient(outputs: minus, targets: targets, gradient: &scratch)))
                    / Double(plus[i] - minus[i])
                #expect(abs(numeric - Double(g[i])) < 1e-4, "\(loss) entry \(i): \(numeric) vs \(g[i])")
            }
        }
        let labels: [Int32] = [1, 0, 1, 1, 0, 0]
        let analytic = try Self.bce(outputs, labels).gradient
        for i in outputs.indices {
            var plus = outputs, minus = outputs
            plus[i] += h
            minus[i] -= h
            let numeric = (try Self.bce(plus, labels).loss - (try Self.bce(minus, labels).loss)) / Double(plus[i] - minus[i])
            #expect(abs(numeric - Double(analytic[i])) < 1e-4, "bce entry \(i): \(numeric) vs \(analytic[i])")
        }
    }
}
