import SproutRandom

/// Parity of `bits` random bits: each example draws one 64-bit word from the stream keyed `data/parity`; bit j
/// (j = 0 the lowest) becomes feature j, **+1 for a set bit and −1 for a clear one**, and the class is the XOR of
/// the bits (1 when an odd number is set).
///
/// ±1 rather than 0/1: the features are then centred (mean 0) and of unit size, the inputs the default
/// initializers (Xavier, He) assume, and parity is the sign of the features' product. Every one of the 2^bits
/// patterns is equally likely, so the classes are balanced in expectation (not exactly). Parity is the classic
/// hard case for a small network: flipping any one bit flips the class, so nothing short of all the bits says
/// anything about it.
public struct ParityGenerator: Sendable {
    public var samples: Int
    /// At most 64 (one word per example).
    public var bits: Int

    public init(samples: Int, bits: Int) {
        self.samples = samples
        self.bits = bits
    }

    public func generate(seed: UInt64) -> Dataset {
        var stream = RandomStream(seed: seed, key: "data/parity")
        let n = max(samples, 0), b = min(max(bits, 1), 64)
        let mask: UInt64 = b == 64 ? ~0 : (1 << UInt64(b)) - 1
        var features: [Float] = []
        features.reserveCapacity(n * b)
        var labels: [Int32] = []
        labels.reserveCapacity(n)
        for _ in 0..<n {
            let word = stream.nextUInt64() & mask
            for j in 0..<b { features.append((word >> UInt64(j)) & 1 == 1 ? 1 : -1) }
            labels.append(Int32(word.nonzeroBitCount & 1))
        }
        return Dataset(features: features, labels: labels, featureCount: b, classCount: 2)
    }
}
