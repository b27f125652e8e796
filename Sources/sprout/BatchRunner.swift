import Foundation
import Glibc
import SproutRuns

/// Trains a batch's runs side by side, each in its own worker process (`sprout worker`) with its `train.threads`
/// BLAS threads, so that a crash, a trap or a kill of one run never takes the batch or another run down. What to
/// start, when to stop and what an ending means are `BatchScheduler`'s decisions; this type does the processes, the
/// pipes, run.json's settling and the console.
///
/// After each finished run: its outcome is settled (a worker that died without recording an end has its run.json
/// rewritten as failed, saying how it died), the next run starts, a line is printed, and summary.csv is rewritten
/// (`SummaryThrottle`: at most ten times a second, not fsync'd; the batch's last write is). The loop reacts to a
/// worker's end at once: `poll` returns when its pipes close, and a freed slot is filled before anything else is
/// written, so a batch of short runs keeps every slot busy. A stop request
/// (Ctrl-C, SIGTERM) is forwarded once to every running worker, which stops after its current step and records the
/// run as interrupted; no new run starts. `failFast`: the first failed or diverged run stops the batch the same way.
final class BatchRunner {
    private let executable: String
    private let console: BatchConsole
    private let summary: BatchSummary
    private(set) var scheduler: BatchScheduler
    private var workers: [Int32: WorkerProcess] = [:]
    private var summaryWrites = SummaryThrottle()
    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant

    init(runs: [PlannedRun], jobs: Int, failFast: Bool, console: BatchConsole, summary: BatchSummary) throws {
        executable = try Self.ownExecutable()
        scheduler = BatchScheduler(runs: runs, jobs: jobs, failFast: failFast)
        self.console = console
        self.summary = summary
        start = clock.now
    }

    func run() {
        while !scheduler.isDone {
            if let signal = StopRequest.signal { perform(scheduler.interrupt(signal)) }
            while let next = scheduler.next() { launch(next) }
            writeSummaryIfDue()
            pollWorkers()
            console.update(scheduler.liveLines())
        }
        console.finish()
    }

    /// Seconds on the batch's clock.
    private var now: Double {
        (clock.now - start).inSeconds
    }

    private func perform(_ actions: [BatchScheduler.Action]) {
        for case .stop(let pids, let signal, let message) in actions {
            if !pids.isEmpty { console.say(message) }
            for pid in pids { workers[pid]?.signal(signal) }
        }
    }

    private func launch(_ run: PlannedRun) {
        do {
            let worker = try spawn(run)
            workers[worker.pid] = worker
            scheduler.started(run, pid: worker.pid, at: now)
            StopRequest.killOnSecondInterrupt(worker.pid)
            summary.record(run, status: .running, note: "training")
            summaryWrites.changed(run, at: now)
        } catch {
            let spawn = error as? WorkerProcess.SpawnError
            var actions: [BatchScheduler.Action] = []
            guard let done = scheduler.spawnRefused(run, temporary: spawn?.isTemporary == true, message: "\(error)",
                                                    actions: &actions) else {
                // Out of processes or file descriptors: wait for a running worker to end, and run fewer at once.
                console.complain("warning: \(error); running \(scheduler.jobs) at a time from now on")
                return
            }
            report(done)
            perform(actions)
        }
    }

    /// A worker for `run`, handed the plan's order on its stdin, with its OpenBLAS thread count in its environment.
    /// A run the plan could not fingerprint fails here, with the reason, and no worker.
    private func spawn(_ run: PlannedRun) throws -> WorkerProcess {
        guard let fingerprint = run.fingerprint else { throw Unplanned(description: run.problem ?? "it was not planned") }
        var environment = ProcessInfo.processInfo.environment
        environment["OPENBLAS_NUM_THREADS"] = String(max(1, run.spec.train.threads))
        let arguments = ["worker", "--config", run.config, "--directory", run.directory, "--parent", String(getpid())]
        let order = try WorkerOrder(run, fingerprint: fingerprint).json()
        return try WorkerProcess(name: executable, arguments: arguments, environment: environment, input: order)
    }

    /// Why a planned run has no worker: its inputs could not be fingerprinted.
    private struct Unplanned: Error, CustomStringConvertible { var description: String }

    /// Waits up to 0.1 s (or until summary.csv is due) for output from any worker, reads it, and settles the workers
    /// that ended.
    private func pollWorkers() {
        var descriptors = workers.values.flatMap { $0.descriptors.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) } }
        let timeout = summaryWrites.wait(at: now).map { Int32(min(100, ($0 * 1000).rounded(.up))) } ?? 100
        if !descriptors.isEmpty { _ = poll(&descriptors, nfds_t(descriptors.count), timeout) }
        for ready in descriptors where ready.revents != 0 {
            guard let worker = workers.values.first(where: { $0.descriptors.contains(ready.fd) }) else { continue }
            for line in worker.read(ready.fd) {
                guard let event = RunProgress(wireLine: line) else { continue }
                scheduler.progressed(pid: worker.pid, event)
                console.progress(event)
            }
        }
        for worker in workers.values where worker.isDrained { settle(worker) }
    }

    /// A worker whose pipes closed: reaped, its space reserve removed if it left one, its run.json settled, its run
    /// reported.
    private func settle(_ worker: WorkerProcess) {
        workers[worker.pid] = nil
        // Forgotten before it is reaped: until then its pid cannot be given to another process.
        StopRequest.forget(worker.pid)
        let ending = worker.wait()
        let messages = String(decoding: worker.errorOutput, as: UTF8.self)
        if !messages.isEmpty { console.complain(messages) }
        guard let entry = scheduler.running.first(where: { $0.pid == worker.pid }) else { return }
        let seen = entry.last.flatMap { $0.loss.isFinite ? $0.epoch : nil }
        // The worker's entry in the store, if it got as far as writing its run.json there (the run's path is moved to
        // it only after that).
        let store = RunStore(out: entry.run.out)
        let directory = store.entry(of: entry.run.name, writtenBy: worker.pid)?.path ?? entry.run.directory
        // A worker killed outright left its space reserve; freed first, so the settled run.json has the room.
        SpaceReserve.removeLeftover(in: directory, lockDirectory: store.folder(of: entry.run.name))
        let record = try? RunRecord.settle(directory: directory, worker: worker.pid, reason: ending.deathReason,
                                           epochSeen: seen)
        var actions: [BatchScheduler.Action] = []
        guard let done = scheduler.ended(pid: worker.pid, ending, record: record, errorOutput: messages, at: now,
                                         actions: &actions) else { return }
        report(done)
        perform(actions)
    }

    private func report(_ done: BatchScheduler.Finished) {
        // A run whose lock another process held is that process's to record.
        summary.record(done.run, status: done.status, note: done.note, elsewhere: done.status == .notRun)
        summaryWrites.changed(done.run, at: now)
        console.say(BatchLines.finished(done, count: scheduler.finished.count, total: scheduler.total))
    }

    /// summary.csv and the sweep summaries of the runs changed since the last write, when a write is due.
    private func writeSummaryIfDue() {
        guard let runs = summaryWrites.take(at: now) else { return }
        do { try summary.write(sweepsOf: runs, durable: false) } catch { console.complain("error: \(error)") }
    }

    /// This program's own path, the workers' argv[0] (they are this binary too).
    static func ownExecutable() throws -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard count > 0 else { throw WorkerProcess.SpawnError(description: "cannot find this program's own file (/proc/self/exe)") }
        let path = String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        // The kernel marks a replaced binary "… (deleted)"; the name is only for ps and status.
        return path.hasSuffix(" (deleted)") ? String(path.dropLast(10)) : path
    }
}
