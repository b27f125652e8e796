import Foundation
import Glibc
import SproutRun

/// Trains a batch's runs side by side, each in its own worker process (`sprout worker`) with one BLAS thread, at
/// most `jobs` at a time, so that a crash, a trap or a kill of one run never takes the batch or another run down.
///
/// After each finished run: its outcome is settled (a worker that died without recording an end has its run.json
/// rewritten as failed, saying how it died), a line is printed, and summary.csv is rewritten. A stop request
/// (Ctrl-C, SIGTERM) is forwarded once to every running worker, which stops after its current step and records the
/// run as interrupted; no new run starts. `failFast`: the first failed or diverged run stops the batch the same way.
final class BatchRunner {
    struct Finished {
        var run: PlannedRun
        /// run.json's status after the run (`failed` when the worker left none).
        var status: String
        var seconds: Double
    }

    private let executable: String
    /// At most this many slots in use; lowered when the system refuses more processes.
    private var jobs: Int
    private let failFast: Bool
    private let console: BatchConsole
    private let summary: BatchSummary
    private var queue: [PlannedRun]
    private let total: Int
    private var running: [(run: PlannedRun, worker: WorkerProcess, started: ContinuousClock.Instant, last: RunProgress?)] = []
    private(set) var finished: [Finished] = []
    /// The signal that stopped the batch, if one did.
    private(set) var stoppedBy: Int32?
    private var stopping = false

    init(runs: [PlannedRun], jobs: Int, failFast: Bool, console: BatchConsole, summary: BatchSummary) throws {
        executable = try Self.ownExecutable()
        self.jobs = max(1, jobs)
        self.failFast = failFast
        self.console = console
        self.summary = summary
        queue = runs
        total = runs.count
    }

    func run() {
        while !running.isEmpty || (!stopping && !queue.isEmpty) {
            if let signal = StopRequest.signal, stoppedBy == nil {
                stoppedBy = signal
                stop(with: signal, because: "stopping: \(StopRequest.name(signal)) received; the running runs stop after their current step")
            }
            // In order: a run waits until its slots are free (a run with `train.threads: t` takes min(t, jobs)).
            while !stopping, let next = queue.first, slotsInUse + slots(next) <= jobs {
                start(queue.removeFirst())
            }
            pollWorkers()
            console.update(liveArea())
        }
        console.finish()
    }

    private func slots(_ run: PlannedRun) -> Int { min(max(1, run.spec.train.threads), jobs) }
    private var slotsInUse: Int { running.reduce(0) { $0 + slots($1.run) } }

    /// The runs that never started (the batch was stopped).
    var notStarted: [PlannedRun] { queue }

    private func stop(with signal: Int32, because message: String) {
        guard !stopping else { return }
        stopping = true
        if !running.isEmpty { console.say(message) }
        for entry in running { entry.worker.signal(signal) }
    }

    private func start(_ run: PlannedRun) {
        var environment = ProcessInfo.processInfo.environment
        environment["OPENBLAS_NUM_THREADS"] = String(max(1, run.spec.train.threads))
        let arguments = ["worker", "--config", run.config, "--index", String(run.index), "--variant", run.spec.variant ?? "",
                         "--directory", run.directory, "--name", run.name, "--fingerprint", run.fingerprint?.digest ?? "",
                         "--parent", String(getpid())]
        do {
            let worker = try WorkerProcess(name: executable, arguments: arguments, environment: environment)
            running.append((run, worker, ContinuousClock.now, nil))
            StopRequest.killOnSecondInterrupt(worker.pid)
            summary.record(run, status: "running", note: "training")
            writeSummary(run)
        } catch let error as WorkerProcess.SpawnError where error.isTemporary && !running.isEmpty {
            // Out of processes or file descriptors: wait for a running worker to end, and run fewer at once.
            queue.insert(run, at: 0)
            jobs = max(1, running.count)
            console.complain("warning: \(error); running \(jobs) at a time from now on")
        } catch {
            let done = Finished(run: run, status: "failed", seconds: 0)
            record(done, note: "\(error)")
            console.say(line(done, recorded: nil, note: "\(error)"))
            if failFast { stop(with: SIGTERM, because: "stopping (--fail-fast): \(run.name) failed") }
        }
    }

    /// Waits up to 0.1 s for output from any worker, reads it, and settles the workers that ended.
    private func pollWorkers() {
        var descriptors = running.flatMap { entry in entry.worker.descriptors.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) } }
        guard !descriptors.isEmpty else {
            if !running.isEmpty { settleEnded() }
            return
        }
        _ = poll(&descriptors, nfds_t(descriptors.count), 100)
        for ready in descriptors where ready.revents != 0 {
            guard let index = running.firstIndex(where: { $0.worker.descriptors.contains(ready.fd) }) else { continue }
            for line in running[index].worker.read(ready.fd) {
                guard let event = RunProgress(wireLine: line) else { continue }
                running[index].last = event
                console.progress(event)
            }
        }
        settleEnded()
    }

    private func settleEnded() {
        for entry in running where entry.worker.isDrained {
            running.removeAll { $0.worker === entry.worker }
            // Forgotten before it is reaped: until then its pid cannot be given to another process.
            StopRequest.forget(entry.worker.pid)
            let ending = entry.worker.wait()
            let elapsed = ContinuousClock.now - entry.started
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            let messages = String(decoding: entry.worker.errorOutput, as: UTF8.self)
            if !messages.isEmpty { console.complain(messages) }
            let died: String
            switch ending {
            case .killed(let signal): died = "the worker process was killed by \(Self.signalName(signal))"
            case .exited(let status): died = "the worker process exited with status \(status) without recording how the run ended"
            }
            let recorded = try? RecordedRun.settle(directory: entry.run.directory, worker: entry.worker.pid, reason: died)
            let note: String
            if let recorded {
                note = recorded.error ?? ""
            } else {
                // It failed before training began: the directory was not touched; stderr has the reason.
                let lastLine = messages.split(separator: "\n").last.map(String.init) ?? died
                note = lastLine.hasPrefix("error: ") ? String(lastLine.dropFirst(7)) : lastLine
            }
            let busy = recorded == nil && ending == .exited(WorkerCommand.busyStatus)
            let status = recorded?.status ?? (busy ? "not-run" : "failed")
            let done = Finished(run: entry.run, status: status, seconds: seconds)
            record(done, note: note)
            console.say(line(done, recorded: recorded, note: note))
            if failFast && (status == "failed" || status == "diverged") {
                stop(with: SIGTERM, because: "stopping (--fail-fast): \(entry.run.name) \(status)")
            }
        }
    }

    private func record(_ done: Finished, note: String) {
        finished.append(done)
        summary.record(done.run, status: done.status, note: note)
        writeSummary(done.run)
    }

    private func writeSummary(_ run: PlannedRun) {
        do { try summary.write(sweepsOf: [run]) } catch { console.complain("error: \(error)") }
    }

    /// `[3/20] symmetry/zeros: completed in 0:02, loss 0.6931, accuracy 0.500 -> runs/symmetry/zeros`; with how a
    /// run ended early: `completed (stopped early at epoch 12)`, `diverged at epoch 3, step 40 (the loss is not
    /// finite)`, `interrupted by SIGINT after epoch 5`, `failed ...: message`.
    private func line(_ done: Finished, recorded: RecordedRun?, note: String) -> String {
        var text = "[\(finished.count)/\(total)] \(done.run.name): \(done.status)"
        if let epoch = recorded?.stoppedEarlyAt { text += " (stopped early at epoch \(epoch))" }
        if let at = recorded?.divergedAt { text += " at epoch \(at.epoch), step \(at.step) (the loss is not finite)" }
        if let signal = recorded?.interruptedBy { text += " by \(signal) after epoch \(recorded?.epochsCompleted ?? 0)" }
        text += " in \(RunProgress.clock(done.seconds))"
        if done.status == "failed" || done.status == "not-run" { return text + ": \(note)" }
        if let loss = recorded?.trainLoss, loss.isFinite { text += ", loss \(RunProgress.fixed(loss, 4))" }
        if let accuracy = recorded?.trainAccuracy { text += ", accuracy \(RunProgress.fixed(accuracy, 3))" }
        return text + " -> \(ConfigPaths.display(ConfigPaths.absolute(done.run.directory)))"
    }

    /// One line per running run, then the total.
    private func liveArea() -> [String] {
        let now = ContinuousClock.now
        var lines = running.map { entry -> String in
            guard let last = entry.last else { return "\(entry.run.name)  starting" }
            return last.liveLine
        }
        let done = finished.count, left = queue.count
        var totalLine = "\(done) done, \(running.count) running, \(left) left"
        if let eta = estimate(now: now) { totalLine += ", ETA \(RunProgress.clock(eta))" }
        lines.append(totalLine)
        return lines
    }

    /// Seconds until the batch ends: each running run's own estimate, plus the runs left at the mean duration of
    /// the finished ones (or, before any finished, of the running ones' projected durations), over `jobs` workers.
    private func estimate(now: ContinuousClock.Instant) -> Double? {
        var remaining: [Double] = [], projected: [Double] = []
        for entry in running {
            guard let last = entry.last, last.epoch > 0 else { return nil }
            let perEpoch = last.elapsed / Double(last.epoch)
            remaining.append(perEpoch * Double(last.epochs - last.epoch))
            projected.append(perEpoch * Double(last.epochs))
        }
        let durations = finished.map(\.seconds).filter { $0 > 0 }
        let typical = durations.isEmpty ? (projected.isEmpty ? nil : projected.reduce(0, +) / Double(projected.count))
            : durations.reduce(0, +) / Double(durations.count)
        guard let typical else { return queue.isEmpty ? remaining.max() : nil }
        return (remaining.reduce(0, +) + typical * Double(queue.count)) / Double(jobs)
    }

    static func signalName(_ signal: Int32) -> String {
        switch signal {
        case SIGKILL: return "SIGKILL"
        case SIGSEGV: return "SIGSEGV"
        case SIGILL: return "SIGILL (a trap)"
        case SIGTRAP: return "SIGTRAP (a trap)"
        case SIGABRT: return "SIGABRT"
        case SIGBUS: return "SIGBUS"
        default: return StopRequest.name(signal)
        }
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
