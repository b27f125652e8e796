#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A deterministic random stream: one run seed, an independent stream per purpose, keyed by a string
/// (`"init/hidden.weight"`, `"data/xor"`, `"shuffle"`, `"dropout/drop1"`). There is no global generator: whoever
/// needs randomness creates the stream for its key, so adding a layer never shifts the numbers another one draws.
///
/// The algorithm is fixed and fully specified, so that the same seed and key give the same numbers on every run,
/// machine and Swift version (and can be reproduced in Python for cross-checks):
/// 1. `k = FNV-1a-64(UTF-8 bytes of key)` (offset basis 0xcbf29ce484222325, prime 0x100000001b3). Swift's `Hasher`
///    is never used: it is randomly seeded per process.
/// 2. A SplitMix64 generator (Steele, Lea & Flood 2014) starts at state `seed ^ mix64(k)`, where `mix64` is the
///    SplitMix64 output function (so that keys differing in one bit give unrelated states), and its first four
///    outputs become the state of
/// 3. xoshiro256** 1.0 (Blackman & Vigna 2018), which produces the stream. SplitMix64's output function is a bijection
///    applied to distinct states, so the four state words are never all zero.
///
/// xoshiro256** rather than Philox: it is the fastest well-tested 64-bit generator and passes BigCrush; Philox's
/// advantage (random access by counter) is not needed since every purpose has its own stream.
public struct RandomStream: Sendable {
    var s0: UInt64
    var s1: UInt64
    var s2: UInt64
    var s3: UInt64
    /// Box-Muller makes normals in pairs; the second one is kept for the next call.
    var spareNormal: Double?

    /// The stream for `key` under run seed `seed`.
    public init(seed: UInt64, key: String) {
        var splitMix = SplitMix64(state: seed ^ SplitMix64.mix(RandomStream.fnv1a(key)))
        s0 = splitMix.next()
        s1 = splitMix.next()
        s2 = splitMix.next()
        s3 = splitMix.next()
        spareNormal = nil
    }

    /// FNV-1a, 64-bit, over the UTF-8 bytes of `key`.
    static func fnv1a(_ key: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// The next 64 random bits (xoshiro256**).
    @inline(__always)
    public mutating func nextUInt64() -> UInt64 {
        let result = (s1 &* 5).rotatedLeft(by: 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = s3.rotatedLeft(by: 45)
        return result
    }

    /// Uniform in [0, 1): the top 53 bits of `nextUInt64()` times 2^-53, so every value is a multiple of 2^-53.
    @inline(__always)
    public mutating func uniform() -> Double {
        Double(nextUInt64() >> 11) * 0x1.0p-53
    }

    /// Standard normal by the Box-Muller transform (Box & Muller 1958):
    /// `r = sqrt(-2 ln u1)`, `z0 = r cos(2 pi u2)`, `z1 = r sin(2 pi u2)` with `u1 = 1 - uniform()` in (0, 1]
    /// (so the logarithm is finite). `z1` is returned by the next call. Chosen over Marsaglia's polar method because
    /// it uses a fixed number of draws per pair, which keeps streams easy to reproduce elsewhere.
    public mutating func normal() -> Double {
        if let spare = spareNormal {
            spareNormal = nil
            return spare
        }
        let u1 = 1.0 - uniform()
        let u2 = uniform()
        let radius = (-2.0 * log(u1)).squareRoot()
        let angle = 2.0 * Double.pi * u2
        spareNormal = radius * sin(angle)
        return radius * cos(angle)
    }

    /// Uniform integer in `0..<n`, unbiased, by Lemire's multiply-and-reject method (Lemire 2019, "Fast random
    /// integer generation in an interval"). Returns 0 when `n <= 1` (there is nothing to choose; never traps).
    public mutating func int(below n: Int) -> Int {
        guard n > 1 else { return 0 }
        let bound = UInt64(n)
        var product = nextUInt64().multipliedFullWidth(by: bound)
        if product.low < bound {
            let threshold = (0 &- bound) % bound  // 2^64 mod n
            while product.low < threshold {
                product = nextUInt64().multipliedFullWidth(by: bound)
            }
        }
        return Int(product.high)
    }

    /// Fisher-Yates (Durstenfeld) shuffle: for i from the last index down to 1, swap `a[i]` with `a[int(below: i+1)]`.
    /// Indices only (every caller shuffles an order of examples or entries): a generic version is not specialized
    /// across modules and went through the runtime's witness tables on every swap.
    public mutating func shuffle(_ a: inout [Int]) {
        a.withUnsafeMutableBufferPointer { a in
            var i = a.count - 1
            while i > 0 {
                let j = int(below: i + 1)
                a.swapAt(i, j)
                i -= 1
            }
        }
    }
}

/// SplitMix64 (Steele, Lea & Flood 2014), used only to expand a 64-bit seed into xoshiro's 256-bit state.
struct SplitMix64 {
    var state: UInt64

    mutating func next() -> UInt64 {
        state = state &+ 0x9e37_79b9_7f4a_7c15
        return SplitMix64.mix(state)
    }

    /// SplitMix64's output function (a bijection on 64-bit integers).
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}

extension UInt64 {
    @inline(__always)
    fileprivate func rotatedLeft(by count: UInt64) -> UInt64 {
        (self << count) | (self >> (64 - count))
    }
}
