import Foundation
import SproutRandom

/// Regression targets from a fixed random teacher network with one hidden tanh layer: inputs x ~ N(0, I)
/// [samples, features], weights W1 ~ N(0, 1) [features, hidden] and W2 ~ N(0, 1) [hidden, outputs] (no biases),
///
///     h = tanh(x · W1 / √features),    y = h · W2 / √hidden + noise · ε,   ε ~ N(0, I)
///
/// The 1/√fan scalings keep the pre-activations near unit variance (tanh neither saturated nor linear) and each
/// target's spread about √E[tanh²(N(0,1))] ≈ 0.63 whatever the widths; the best possible mse is noise².
///
/// From the stream keyed `data/teacher_regression`, by `ZigguratNormal.fill` (float32 draws): W1 row by row, then
/// W2, then x, then ε, each row by row, so the teacher depends only on the seed and the widths. Sums are taken in
/// Double in index order, tanh in Double, each target rounded once to float32.
public struct TeacherRegressionGenerator: Sendable {
    public var samples: Int
    public var features: Int
    public var hidden: Int
    public var outputs: Int
    public var noise: Double

    public init(samples: Int, features: Int, hidden: Int, outputs: Int, noise: Double) {
        self.samples = samples
        self.features = features
        self.hidden = hidden
        self.outputs = outputs
        self.noise = noise
    }

    public func generate(seed: UInt64) -> Dataset {
        var stream = RandomStream(seed: seed, key: "data/teacher_regression")
        let n = max(samples, 0), d = max(features, 1), h = max(hidden, 1), m = max(outputs, 1)
        func draw(_ count: Int) -> [Float] {
            var values = [Float](repeating: 0, count: count)
            values.withUnsafeMutableBufferPointer { ZigguratNormal.shared.fill($0, from: &stream) }
            return values
        }
        let w1 = draw(d * h), w2 = draw(h * m), x = draw(n * d), noiseDraws = draw(n * m)
        let inputScale = 1 / Double(d).squareRoot(), hiddenScale = 1 / Double(h).squareRoot()
        var targets = [Float](repeating: 0, count: n * m)
        var activations = [Double](repeating: 0, count: h)
        for i in 0..<n {
            for k in 0..<h {
                var sum = 0.0
                for j in 0..<d { sum += Double(x[i * d + j]) * Double(w1[j * h + k]) }
                activations[k] = tanh(sum * inputScale)
            }
            for l in 0..<m {
                var sum = 0.0
                for k in 0..<h { sum += activations[k] * Double(w2[k * m + l]) }
                targets[i * m + l] = Float(sum * hiddenScale + noise * Double(noiseDraws[i * m + l]))
            }
        }
        return Dataset(features: x, targets: targets, featureCount: d, targetWidth: m)
    }
}
