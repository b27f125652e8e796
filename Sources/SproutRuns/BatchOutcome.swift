/// How a batch ended, counted for its last line and its exit status.
package struct BatchOutcome: Sendable {
    /// The statuses of the runs this batch trained.
    package var finished: [SummaryStatus]
    /// Runs that were current (`BatchPlan.Partition.current`): up to date, or diverged from the same inputs.
    package var current: [PlannedRun]
    /// The statuses of the runs restored from the store (`RunStore.restore`): completed or diverged.
    package var restored: [SummaryStatus] = []
    package var notStarted: Int
    package var busy: Int
    /// Configs that could not run (invalid, refused, or paths that are not configs).
    package var invalid: Int
    package var runs: Int

    package init(finished: [SummaryStatus], current: [PlannedRun], notStarted: Int, busy: Int, invalid: Int, runs: Int) {
        self.finished = finished
        self.current = current
        self.notStarted = notStarted
        self.busy = busy
        self.invalid = invalid
        self.runs = runs
    }

    private var statuses: [SummaryStatus] {
        finished + restored + current.map { $0.state == .diverged ? .diverged : .completed }
    }
    private var upToDate: Int { current.filter { $0.state != .diverged }.count }
    private func count(_ status: SummaryStatus) -> Int { finished.filter { $0 == status }.count }

    /// `5 runs: 3 completed, 1 diverged, 1 up to date` (or `nothing to do`).
    package var counts: String {
        var parts: [String] = []
        for status in [SummaryStatus.completed, .diverged, .failed, .interrupted] {
            let n = status == .diverged ? statuses.filter { $0 == .diverged }.count : count(status)
            if n > 0 { parts.append("\(n) \(status.rawValue)") }
        }
        // A restored diverged run is counted with the diverged ones, as a current one is.
        let restoredCompleted = restored.filter { $0 == .completed }.count
        if restoredCompleted > 0 { parts.append("\(restoredCompleted) restored from the store") }
        if upToDate > 0 { parts.append("\(upToDate) up to date") }
        if notStarted > 0 { parts.append("\(notStarted) not started") }
        if busy > 0 { parts.append("\(busy) being run elsewhere") }
        if invalid > 0 { parts.append("\(invalid) config\(invalid == 1 ? "" : "s") invalid") }
        return "\(runs) run\(runs == 1 ? "" : "s"): " + (parts.isEmpty ? "nothing to do" : parts.joined(separator: ", "))
    }

    /// Whether the batch exits 1: a config invalid, or a run (of this batch, or current) failed, diverged or was
    /// interrupted.
    package var failed: Bool { invalid > 0 || statuses.contains { $0.isFailure } }
}
