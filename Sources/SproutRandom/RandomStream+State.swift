extension RandomStream {
    /// Everything a stream will draw from: xoshiro256**'s four words and the spare normal of Box-Muller. Saved with a
    /// run's training state, so that a resumed run draws exactly the numbers the uninterrupted run would have.
    public struct State: Sendable, Equatable, Codable {
        public var words: [UInt64]
        /// The second normal of the last Box-Muller pair, as its bit pattern (`Double.bitPattern`: exact); nil when
        /// none is kept.
        public var spareNormalBits: UInt64?

        public init(words: [UInt64], spareNormalBits: UInt64?) {
            self.words = words
            self.spareNormalBits = spareNormalBits
        }
    }

    /// The stream's state now.
    public var state: State {
        State(words: [s0, s1, s2, s3], spareNormalBits: spareNormal?.bitPattern)
    }

    /// The stream that continues from `state`; nil unless it holds four words, not all zero (xoshiro's one
    /// forbidden state, which a stream never reaches).
    public init?(state: State) {
        guard state.words.count == 4, state.words.contains(where: { $0 != 0 }) else { return nil }
        self.init(seed: 0, key: "")
        s0 = state.words[0]
        s1 = state.words[1]
        s2 = state.words[2]
        s3 = state.words[3]
        spareNormal = state.spareNormalBits.map(Double.init(bitPattern:))
    }
}
