import Foundation
import Testing
@testable import SproutRuns

/// The batch's decisions without a process: the queue, the slots a run's `train.threads` take, a worker dying,
/// a refused spawn, Ctrl-C and `--fail-fast`.
@Suite struct BatchSchedulerTests {
    /// `#require` outside the macro, which cannot capture a mutating call.
    static func required<T>(_ value: T?) throws -> T { try #require(value) }

    /// Starts the next run as worker `pid` at time 0.
    static func start(_ scheduler: inout BatchScheduler, pid: Int32) throws {
        let run = scheduler.next()
        scheduler.started(try #require(run), pid: pid, at: 0)
    }

    /// Plan order, and a run waits until its slots are free: with 2 jobs, a 2-thread run waits for the 1-thread run
    /// before it, and the run after it waits for it (no overtaking).
    @Test func runsStartInOrderWhenTheirSlotsAreFree() throws {
        var scheduler = BatchScheduler(runs: [try PlannedRuns.run("a"), try PlannedRuns.run("b", threads: 2),
                                              try PlannedRuns.run("c")], jobs: 2, failFast: false)
        let a = try Self.required(scheduler.next())
        #expect(a.name == "a")
        scheduler.started(a, pid: 10, at: 0)
        #expect(scheduler.slotsInUse == 1)
        #expect(scheduler.startable == nil, "b needs 2 slots, 1 is free; c may not overtake it")
        var actions: [BatchScheduler.Action] = []
        _ = scheduler.ended(pid: 10, .exited(0), record: PlannedRuns.record(.completed, pid: 10), errorOutput: "", at: 1,
                            actions: &actions)
        let b = try Self.required(scheduler.next())
        #expect(b.name == "b")
        scheduler.started(b, pid: 11, at: 1)
        #expect(scheduler.slotsInUse == 2)
        #expect(scheduler.startable == nil)
        _ = scheduler.ended(pid: 11, .exited(0), record: PlannedRuns.record(.completed, pid: 11), errorOutput: "", at: 2,
                            actions: &actions)
        #expect(scheduler.startable?.name == "c")
        #expect(actions.isEmpty)
    }

    /// A run asking for more threads than there are jobs takes all the slots, and still runs.
    @Test func aRunWiderThanTheBatchTakesEverySlot() throws {
        var scheduler = BatchScheduler(runs: [try PlannedRuns.run("wide", threads: 8), try PlannedRuns.run("next")],
                                       jobs: 3, failFast: false)
        let wide = try Self.required(scheduler.next())
        #expect(scheduler.slots(wide) == 3)
        scheduler.started(wide, pid: 20, at: 0)
        #expect(scheduler.startable == nil)
        #expect(!scheduler.isDone)
    }

    /// A worker killed without recording an end: its settled run.json says failed with how it died; one that failed
    /// before training (no run.json) is failed with stderr's last line; one refused by the run's lock is not-run.
    @Test func aWorkerEndingIsSettled() throws {
        var scheduler = BatchScheduler(runs: try PlannedRuns.runs("k", "e", "busy"), jobs: 3, failFast: false)
        for pid: Int32 in [1, 2, 3] { try Self.start(&scheduler, pid: pid) }
        var actions: [BatchScheduler.Action] = []
        let killed = WorkerEnding.killed(SIGKILL)
        #expect(killed.deathReason == "the worker process was killed by SIGKILL")
        let settled = PlannedRuns.record(.failed, error: killed.deathReason, pid: 1)
        let k = try Self.required(scheduler.ended(pid: 1, killed, record: settled, errorOutput: "", at: 2.5, actions: &actions))
        #expect(k.status == .failed && k.note == "the worker process was killed by SIGKILL" && k.seconds == 2.5)
        let e = try Self.required(scheduler.ended(pid: 2, .exited(1), record: nil,
                                             errorOutput: "warning: w\nerror: cannot read data/x.csv: gone\n", at: 3,
                                             actions: &actions))
        #expect(e.status == .failed && e.note == "cannot read data/x.csv: gone")
        let busy = try Self.required(scheduler.ended(pid: 3, .exited(WorkerEnding.busy), record: nil,
                                                errorOutput: "error: another process is training runs/busy now", at: 3,
                                                actions: &actions))
        #expect(busy.status == .notRun && busy.note == "another process is training runs/busy now")
        #expect(scheduler.ended(pid: 99, .exited(0), record: nil, errorOutput: "", at: 3, actions: &actions) == nil)
        #expect(scheduler.isDone && actions.isEmpty && scheduler.finished.count == 3)
    }

    /// Ctrl-C: one stop to every running worker, nothing new starts, the queued runs are not started; a second
    /// signal sends nothing more.
    @Test func anInterruptStopsTheRunningAndStartsNothing() throws {
        var scheduler = BatchScheduler(runs: try PlannedRuns.runs("a", "b", "c"), jobs: 2, failFast: false)
        try Self.start(&scheduler, pid: 5)
        try Self.start(&scheduler, pid: 6)
        let actions = scheduler.interrupt(SIGINT)
        guard case .stop(let pids, let signal, let message)? = actions.first else {
            Issue.record("no stop: \(actions)")
            return
        }
        #expect(pids == [5, 6] && signal == SIGINT && message.contains("SIGINT received"))
        #expect(scheduler.interrupt(SIGTERM).isEmpty)
        #expect(scheduler.stoppedBy == SIGINT)
        #expect(scheduler.startable == nil)
        #expect(scheduler.notStarted.map(\.name) == ["c"])
        var more: [BatchScheduler.Action] = []
        for pid: Int32 in [5, 6] {
            _ = scheduler.ended(pid: pid, .exited(128 + SIGINT), record: PlannedRuns.record(.interrupted, pid: pid),
                                errorOutput: "", at: 1, actions: &more)
        }
        #expect(scheduler.isDone && more.isEmpty)
        #expect(scheduler.finished.map(\.status) == [.interrupted, .interrupted])
    }

    /// `--fail-fast`: the first failed (or diverged) run stops the others with SIGTERM; without it, nothing stops.
    @Test(arguments: [true, false])
    func failFastStopsAtTheFirstFailure(_ failFast: Bool) throws {
        var scheduler = BatchScheduler(runs: try PlannedRuns.runs("bad", "good", "later"), jobs: 2,
                                       failFast: failFast)
        try Self.start(&scheduler, pid: 7)
        try Self.start(&scheduler, pid: 8)
        var actions: [BatchScheduler.Action] = []
        _ = scheduler.ended(pid: 7, .exited(0), record: PlannedRuns.record(.diverged, pid: 7), errorOutput: "", at: 1,
                            actions: &actions)
        if failFast {
            #expect(actions == [.stop(pids: [8], signal: SIGTERM, message: "stopping (--fail-fast): bad diverged")])
            #expect(scheduler.startable == nil && scheduler.notStarted.map(\.name) == ["later"])
            #expect(scheduler.stoppedBy == nil)
        } else {
            #expect(actions.isEmpty)
            #expect(scheduler.startable?.name == "later")
        }
    }

    /// Out of processes while others run: the run goes back to the head of the queue and the batch runs as many at
    /// once as it has now; with nothing running, or for any other refusal, the run fails.
    @Test func aRefusedSpawnWaitsOrFails() throws {
        var scheduler = BatchScheduler(runs: try PlannedRuns.runs("a", "b", "c"), jobs: 3, failFast: false)
        try Self.start(&scheduler, pid: 1)
        let b = try Self.required(scheduler.next())
        var actions: [BatchScheduler.Action] = []
        #expect(scheduler.spawnRefused(b, temporary: true, message: "EAGAIN", actions: &actions) == nil)
        #expect(scheduler.jobs == 1 && scheduler.queue.map(\.name) == ["b", "c"] && scheduler.startable == nil)
        _ = scheduler.ended(pid: 1, .exited(0), record: PlannedRuns.record(.completed, pid: 1), errorOutput: "", at: 1,
                            actions: &actions)
        let again = try Self.required(scheduler.next())
        #expect(again.name == "b")
        let failed = try Self.required(scheduler.spawnRefused(again, temporary: true, message: "EAGAIN", actions: &actions))
        #expect(failed.status == .failed && failed.note == "EAGAIN")
    }

    /// The ETA by hand: a run 2 of 10 epochs in after 4 s has 16 s left (2 s an epoch); the other, 5 of 10 after 5 s,
    /// 5 s; the queued run counts the mean projected duration (20 s and 10 s: 15 s); over 2 jobs: (16 + 5 + 15) / 2.
    @Test func theEstimateAddsWhatIsLeftOverTheJobs() throws {
        var scheduler = BatchScheduler(runs: try PlannedRuns.runs("a", "b", "c"), jobs: 2, failFast: false)
        try Self.start(&scheduler, pid: 1)
        try Self.start(&scheduler, pid: 2)
        #expect(scheduler.estimate() == nil)
        scheduler.progressed(pid: 1, RunProgress(name: "a", epoch: 2, epochs: 10, loss: 1, accuracy: nil, elapsed: 4, logged: false))
        #expect(scheduler.estimate() == nil, "b has not finished an epoch")
        scheduler.progressed(pid: 2, RunProgress(name: "b", epoch: 5, epochs: 10, loss: 1, accuracy: nil, elapsed: 5, logged: false))
        #expect(scheduler.estimate() == 18)
        #expect(scheduler.liveLines().last == "0 done, 2 running, 1 left, ETA 0:18")
    }
}
