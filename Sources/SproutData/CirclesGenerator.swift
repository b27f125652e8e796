import Foundation
import SproutRandom

/// A small circle inside a large one, scikit-learn's `make_circles` (without its shuffle): with `outer = samples /
/// 2` (rounded down) and `inner = samples - outer`, angles t = linspace(0, 2π, outer) and s = linspace(0, 2π,
/// inner), both without the endpoint (so no point repeats at 2π),
///
///     class 0 (outer circle, radius 1):       (cos t, sin t)
///     class 1 (inner circle, radius factor):  (factor · cos s, factor · sin s)
///
/// then Gaussian noise of standard deviation `noise` on every coordinate, from the stream keyed `data/circles`
/// (`RandomStream.normal`, Box-Muller) point by point, x before y, class 0's points first; computed in Double,
/// rounded once to float32. The classes are separated by a circle, not a line: a network needs a hidden layer.
public struct CirclesGenerator: Sendable {
    public var samples: Int
    /// The inner circle's radius, in (0, 1).
    public var factor: Double
    public var noise: Double

    public init(samples: Int, factor: Double, noise: Double) {
        self.samples = samples
        self.factor = factor
        self.noise = noise
    }

    public func generate(seed: UInt64) -> Dataset {
        var stream = RandomStream(seed: seed, key: "data/circles")
        let outer = max(samples, 0) / 2, inner = max(samples, 0) - outer
        var points: [(Double, Double, Int32)] = []
        points.reserveCapacity(outer + inner)
        for t in Linspace.values(from: 0, to: 2 * .pi, count: outer, endpoint: false) { points.append((cos(t), sin(t), 0)) }
        for s in Linspace.values(from: 0, to: 2 * .pi, count: inner, endpoint: false) {
            points.append((factor * cos(s), factor * sin(s), 1))
        }
        return .noisyPoints(points, noise: noise, stream: &stream)
    }
}
