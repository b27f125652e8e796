/// A run's status in summary.csv and in a batch's report: run.json's five (`RunRecord.Status`), and what only the
/// batch knows: `killed` (run.json says running, its process is gone), `not-run` (a run of this batch that did not
/// start: the batch stopped, or another process was training it), `invalid` and `refused` (configs that could not
/// run), `unreadable` (a run.json that is not a run record).
package enum SummaryStatus: String, Sendable, CaseIterable {
    case completed, diverged, failed, interrupted, running, killed
    case notRun = "not-run"
    case invalid, refused, unreadable

    package init(_ status: RunRecord.Status) {
        switch status {
        case .running: self = .running
        case .completed: self = .completed
        case .diverged: self = .diverged
        case .failed: self = .failed
        case .interrupted: self = .interrupted
        }
    }

    /// run.json's status as it stands: a `running` whose process is gone is `killed` (as `sprout status` says).
    package init(recorded record: RunRecord) {
        self = record.status == .running && !record.processMayBeLive ? .killed : SummaryStatus(record.status)
    }

    /// A run that ended badly: the batch exits 1 (`--fail-fast` stops at the first failed or diverged one).
    package var isFailure: Bool {
        switch self {
        case .failed, .diverged, .interrupted: return true
        case .completed, .running, .killed, .notRun, .invalid, .refused, .unreadable: return false
        }
    }
}
