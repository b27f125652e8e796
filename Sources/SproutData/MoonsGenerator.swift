import Foundation
import SproutRandom

/// Two interleaving half circles, scikit-learn's `make_moons` (without its shuffle; training shuffles): with
/// `outer = samples / 2` (rounded down) and `inner = samples - outer`, `t` = linspace(0, π, outer) and `s` =
/// linspace(0, π, inner) (`Linspace`, endpoints included),
///
///     class 0 (outer moon): (cos t,      sin t)
///     class 1 (inner moon): (1 − cos s,  1 − sin s − 0.5)
///
/// then Gaussian noise of standard deviation `noise` added to every coordinate, drawn from the stream keyed
/// `data/moons` (`RandomStream.normal`, Box-Muller) point by point, x before y, class 0's points first. Computed
/// in Double, each coordinate rounded once to float32. No line separates the moons, so a network needs a hidden
/// layer; the classes are balanced to within one point.
public struct MoonsGenerator: Sendable {
    public var samples: Int
    public var noise: Double

    public init(samples: Int, noise: Double) {
        self.samples = samples
        self.noise = noise
    }

    public func generate(seed: UInt64) -> Dataset {
        var stream = RandomStream(seed: seed, key: "data/moons")
        let outer = max(samples, 0) / 2, inner = max(samples, 0) - outer
        var points: [(Double, Double, Int32)] = []
        points.reserveCapacity(outer + inner)
        for t in Linspace.values(from: 0, to: .pi, count: outer, endpoint: true) { points.append((cos(t), sin(t), 0)) }
        for s in Linspace.values(from: 0, to: .pi, count: inner, endpoint: true) {
            points.append((1 - cos(s), 1 - sin(s) - 0.5, 1))
        }
        return .noisyPoints(points, noise: noise, stream: &stream)
    }
}
