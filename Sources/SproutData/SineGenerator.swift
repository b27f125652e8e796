import Foundation
import SproutRandom

/// Sine regression: x uniform in [low, high), target y = sin(x) + noise · z, z ~ N(0, 1). From the stream keyed
/// `data/sine`: first every x, `low + (high − low) · uniform()`, then every z (`RandomStream.normal`, Box-Muller),
/// in example order. x is drawn in Double; the feature is x rounded to float32 and the target sin(x) + noise · z
/// rounded once. One feature, one target (regression: mse, mae or huber over one output unit); the best possible
/// mse is noise².
public struct SineGenerator: Sendable {
    public var samples: Int
    public var low: Double
    public var high: Double
    public var noise: Double

    public init(samples: Int, low: Double, high: Double, noise: Double) {
        self.samples = samples
        self.low = low
        self.high = high
        self.noise = noise
    }

    public func generate(seed: UInt64) -> Dataset {
        var stream = RandomStream(seed: seed, key: "data/sine")
        let n = max(samples, 0)
        let xs = (0..<n).map { _ in low + (high - low) * stream.uniform() }
        let targets = xs.map { x in Float(sin(x) + noise * stream.normal()) }
        return Dataset(features: xs.map { Float($0) }, targets: targets, featureCount: 1, targetWidth: 1)
    }
}
