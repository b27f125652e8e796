import Testing
@testable import SproutRuns

/// When a running batch rewrites summary.csv: at once after a quiet spell, otherwise at most every 0.1 s with every
/// change since.
@Suite struct SummaryThrottleTests {
    /// The first change is written at once; changes within 0.1 s of that write wait for the interval's end and are
    /// written together; nothing pending, nothing to write and no deadline.
    @Test func changesAreWrittenAtOnceOrTogetherAtTheIntervalsEnd() throws {
        var throttle = SummaryThrottle()
        #expect(throttle.wait(at: 0) == nil)
        #expect(throttle.take(at: 0) == nil)
        let (a, b, c) = (try PlannedRuns.run("a"), try PlannedRuns.run("b"), try PlannedRuns.run("c"))

        throttle.changed(a, at: 1)
        #expect(throttle.wait(at: 1) == 0)
        #expect(throttle.take(at: 1)?.map(\.name) == ["a"])
        #expect(throttle.wait(at: 1) == nil)

        throttle.changed(b, at: 1.02)
        throttle.changed(c, at: 1.05)
        #expect(abs((throttle.wait(at: 1.05) ?? -1) - 0.05) < 1e-9)
        #expect(throttle.take(at: 1.05) == nil, "0.1 s have not passed since the last write")
        #expect(throttle.take(at: 1.15)?.map(\.name) == ["b", "c"])
        #expect(throttle.take(at: 1.2) == nil, "everything was written")

        throttle.changed(a, at: 5)
        #expect(throttle.take(at: 5)?.map(\.name) == ["a"], "after a quiet spell, at once")
    }
}
