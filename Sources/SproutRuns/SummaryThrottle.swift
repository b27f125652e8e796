/// When a running batch rewrites summary.csv (and its sweeps' summaries): as soon as a run starts or ends, unless
/// the last write was less than `interval` ago; then once that interval is over, with every change since. The batch
/// writes the whole file once more, durably, as it ends (`RunCommand`), so nothing is lost by waiting.
///
/// Why: a batch of tiny runs starts and ends a run every few milliseconds, and each write rebuilt and replaced two
/// files on the batch's one thread, between a worker's end and the next worker's start. At most ten writes a second
/// keeps summary.csv as current as the console's live area (redrawn at the same rate) for a fraction of the cost
/// (docs/performance.md, "Per-run overhead"). Times are seconds on the batch's clock, as `BatchScheduler`'s.
package struct SummaryThrottle: Sendable {
    /// The shortest time between two writes, in seconds.
    package static let interval = 0.1

    /// The runs changed since the last write (their sweeps' summaries are rewritten with it), in order.
    package private(set) var pending: [PlannedRun] = []
    private var due: Double?
    private var lastWrite: Double?

    package init() {}

    /// A run started or ended at `now`.
    package mutating func changed(_ run: PlannedRun, at now: Double) {
        pending.append(run)
        if due == nil { due = lastWrite.map { max(now, $0 + Self.interval) } ?? now }
    }

    /// The runs to write now, when a write is due at `now` (they are then forgotten); nil when none is.
    package mutating func take(at now: Double) -> [PlannedRun]? {
        guard let due, now >= due else { return nil }
        self.due = nil
        lastWrite = now
        defer { pending = [] }
        return pending
    }

    /// How long the batch may wait for its workers before a write is due (0 when it is due now); nil when nothing
    /// waits to be written.
    package func wait(at now: Double) -> Double? { due.map { max(0, $0 - now) } }
}
