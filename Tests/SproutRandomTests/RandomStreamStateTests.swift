import Testing
@testable import SproutRandom

/// A stream's saved state continues it exactly: the draws after a restore are the draws the stream itself makes
/// next, a pending Box-Muller normal included.
@Suite struct RandomStreamStateTests {
    @Test func aRestoredStreamDrawsWhatTheOriginalDrawsNext() throws {
        var original = RandomStream(seed: 42, key: "dropout/d1")
        for _ in 0..<37 { _ = original.nextUInt64() }
        // An odd number of normals leaves the second of a pair pending.
        _ = original.normal()
        var restored = try #require(RandomStream(state: original.state))
        #expect(restored.normal() == original.normal())
        for _ in 0..<100 { #expect(restored.nextUInt64() == original.nextUInt64()) }
        #expect(restored.uniform() == original.uniform())
    }

    @Test func aStateWithoutFourWordsOrAllZeroIsRefused() {
        #expect(RandomStream(state: RandomStream.State(words: [1, 2, 3], spareNormalBits: nil)) == nil)
        #expect(RandomStream(state: RandomStream.State(words: [0, 0, 0, 0], spareNormalBits: nil)) == nil)
    }
}
