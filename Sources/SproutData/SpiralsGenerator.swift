import Foundation
import SproutRandom

/// Two interleaved spirals, the benchmark's W1 data (shared/bench/torch_ref.py `spirals`): for each of
/// `samples / 2` points, `t = √u · 2π·turns` with u uniform in [0, 1) (the square root spreads points evenly along
/// the arm), radius `r = t / (2π·turns)`, point `p = (r cos t, r sin t)`; class 0 is `p`, class 1 is `-p`; then
/// Gaussian noise of standard deviation `noise` on every coordinate. Class 0 comes first, then class 1.
public struct SpiralsGenerator: Sendable {
    public var samples: Int
    public var turns: Double
    public var noise: Double

    public init(samples: Int, turns: Double, noise: Double) {
        self.samples = samples
        self.turns = turns
        self.noise = noise
    }

    /// Draws from the stream keyed `data/spirals` of `seed`, so changing the model never changes the data.
    public func generate(seed: UInt64) -> Dataset {
        var stream = RandomStream(seed: seed, key: "data/spirals")
        let half = samples / 2
        let span = 2 * Double.pi * turns
        var arm: [(Double, Double)] = []
        arm.reserveCapacity(half)
        for _ in 0..<half {
            let t = stream.uniform().squareRoot() * span
            let r = t / span
            arm.append((r * cos(t), r * sin(t)))
        }
        // Class 1 is class 0 turned by half a turn: (-x, -y), exact in floating point.
        return .noisyPoints(arm.map { ($0.0, $0.1, 0) } + arm.map { (-$0.0, -$0.1, 1) }, noise: noise, stream: &stream)
    }
}
