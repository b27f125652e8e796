import SproutRandom

/// The XOR problem: points around the four corners (±1, ±1) with Gaussian noise; the class is 1 when the two
/// coordinates have different signs at the corner (the corner's XOR), 0 otherwise.
///
/// No line separates the classes, so a network needs a hidden layer, and that layer needs distinct units: the
/// smallest problem on which symmetric initialization visibly fails. The corners take turns (0, 1, 2, 3, 0, …), so
/// the classes are balanced to within one point and a network that cannot learn sits at chance, 50%.
public struct XORGenerator: Sendable {
    public var samples: Int
    /// Standard deviation of the Gaussian noise added to each coordinate.
    public var noise: Double

    public init(samples: Int, noise: Double) {
        self.samples = samples
        self.noise = noise
    }

    /// Draws the points from the stream keyed `data/xor` of `seed`, so changing the model never changes the data.
    public func generate(seed: UInt64) -> Dataset {
        var stream = RandomStream(seed: seed, key: "data/xor")
        let corners: [(Double, Double, Int32)] = [(-1, -1, 0), (1, 1, 0), (-1, 1, 1), (1, -1, 1)]
        return .noisyPoints((0..<max(samples, 0)).map { corners[$0 % 4] }, noise: noise, stream: &stream)
    }
}
