import Foundation

/// The batch's decisions as a state machine, without processes, pipes or a console (the CLI's `BatchRunner` does
/// those and tells this type what happened): which planned run starts next, how many slots are in use, what a
/// worker's ending means for its run, when the batch stops, and how long it has left.
///
/// - Runs start in plan order; a run takes `min(train.threads, jobs)` slots (its OpenBLAS threads) and waits until
///   that many are free, so a 4-thread run never shares 4 cores with another run.
/// - A refused spawn for lack of processes or descriptors puts the run back at the head of the queue and lowers
///   `jobs` to what is running (at least 1); any other refusal fails the run.
/// - A stop (Ctrl-C, SIGTERM, or `--fail-fast` after a failed or diverged run) is sent once to every running worker,
///   and nothing new starts; the runs still queued are `notStarted`.
package struct BatchScheduler: Sendable {
    /// A run whose worker is alive: since when (seconds on the batch's clock) and its latest progress.
    package struct Running: Sendable {
        package var run: PlannedRun
        package var pid: Int32
        package var started: Double
        package var last: RunProgress?
    }

    /// A run of this batch that ended, and how.
    package struct Finished: Sendable {
        package var run: PlannedRun
        package var status: SummaryStatus
        package var seconds: Double
        /// run.json as the run left it (nil: the worker wrote none, it failed before training).
        package var record: RunRecord?
        /// The error of a failed run, or why a run did not run.
        package var note: String
    }

    /// What the CLI must do after an event.
    package enum Action: Equatable, Sendable {
        /// Send `signal` to these workers (pids), once; `message` says why (printed when some are running).
        case stop(pids: [Int32], signal: Int32, message: String)
    }

    package private(set) var queue: [PlannedRun]
    package private(set) var running: [Running] = []
    package private(set) var finished: [Finished] = []
    /// At most this many slots in use; lowered when the system refuses more processes.
    package private(set) var jobs: Int
    package let total: Int
    private let failFast: Bool
    /// The signal that stopped the batch (Ctrl-C, SIGTERM), if one did; a `--fail-fast` stop sets `stopping` only.
    package private(set) var stoppedBy: Int32?
    package private(set) var stopping = false

    package init(runs: [PlannedRun], jobs: Int, failFast: Bool) {
        queue = runs
        total = runs.count
        self.jobs = max(1, jobs)
        self.failFast = failFast
    }

    /// Nothing runs and nothing more will start.
    package var isDone: Bool { running.isEmpty && (stopping || queue.isEmpty) }

    /// The runs that never started (the batch was stopped).
    package var notStarted: [PlannedRun] { stopping ? queue : [] }

    package func slots(_ run: PlannedRun) -> Int { min(max(1, run.spec.train.threads), jobs) }
    package var slotsInUse: Int { running.reduce(0) { $0 + slots($1.run) } }

    /// The run that may start now: the head of the queue, when the batch is not stopping and its slots are free.
    package var startable: PlannedRun? {
        guard !stopping, let first = queue.first, slotsInUse + slots(first) <= jobs else { return nil }
        return first
    }

    /// `startable`, taken off the queue.
    package mutating func next() -> PlannedRun? {
        guard let run = startable else { return nil }
        queue.removeFirst()
        return run
    }

    /// `run`'s worker `pid` started at `time`.
    package mutating func started(_ run: PlannedRun, pid: Int32, at time: Double) {
        running.append(Running(run: run, pid: pid, started: time, last: nil))
    }

    /// `run`'s worker could not be started. `temporary` (out of processes or descriptors) with other workers
    /// running: the run waits at the head of the queue and `jobs` drops to the number running; returns nil. Else the
    /// run has failed with `message`: returns it (and a `--fail-fast` stop, in `actions`).
    package mutating func spawnRefused(_ run: PlannedRun, temporary: Bool, message: String,
                                       actions: inout [Action]) -> Finished? {
        if temporary && !running.isEmpty {
            queue.insert(run, at: 0)
            jobs = max(1, running.count)
            return nil
        }
        return finish(Finished(run: run, status: .failed, seconds: 0, record: nil, note: message), actions: &actions)
    }

    /// A progress line from the worker `pid`.
    package mutating func progressed(pid: Int32, _ event: RunProgress) {
        guard let index = running.firstIndex(where: { $0.pid == pid }) else { return }
        running[index].last = event
    }

    /// The worker `pid` ended (`ending`) at `time`; `record` is its run.json after settling (`RunRecord.settle`
    /// with `ending.deathReason`), `errorOutput` what it wrote on stderr. Nil for a pid this batch does not run.
    package mutating func ended(pid: Int32, _ ending: WorkerEnding, record: RunRecord?, errorOutput: String,
                                at time: Double, actions: inout [Action]) -> Finished? {
        guard let index = running.firstIndex(where: { $0.pid == pid }) else { return nil }
        let entry = running.remove(at: index)
        let note: String
        if let record {
            note = record.error ?? ""
        } else {
            // It failed before training began: the directory was not touched; stderr has the reason.
            let lastLine = errorOutput.split(separator: "\n").last.map(String.init) ?? ending.deathReason
            note = lastLine.hasPrefix("error: ") ? String(lastLine.dropFirst(7)) : lastLine
        }
        let busy = record == nil && ending == .exited(WorkerEnding.busy)
        let status = record.map { SummaryStatus($0.status) } ?? (busy ? .notRun : .failed)
        let done = Finished(run: entry.run, status: status, seconds: max(0, time - entry.started), record: record,
                            note: note)
        return finish(done, actions: &actions)
    }

    /// Ctrl-C or SIGTERM: stop every running worker (once) and start nothing more.
    package mutating func interrupt(_ signal: Int32) -> [Action] {
        guard stoppedBy == nil else { return [] }
        stoppedBy = signal
        return stop(signal: signal, message: "stopping: \(StopRequest.name(signal)) received; the running runs stop after their current step")
    }

    private mutating func finish(_ done: Finished, actions: inout [Action]) -> Finished {
        finished.append(done)
        if failFast && (done.status == .failed || done.status == .diverged) {
            actions += stop(signal: SIGTERM, message: "stopping (--fail-fast): \(done.run.name) \(done.status.rawValue)")
        }
        return done
    }

    private mutating func stop(signal: Int32, message: String) -> [Action] {
        guard !stopping else { return [] }
        stopping = true
        return [.stop(pids: running.map(\.pid), signal: signal, message: message)]
    }
}
