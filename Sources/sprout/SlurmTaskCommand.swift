import ArgumentParser
import Foundation
import SproutRuns
import SproutTraining

/// `sprout slurm-task FOLDER`: one task of a `sprout run --slurm` job array, started by its job script on a node
/// (not meant to be typed). It reads the submission (`SlurmSubmission`) and its order (`orders/$SLURM_ARRAY_TASK_ID.json`),
/// works in the folder the submission was made in, and trains the run as a local batch's worker would, into the
/// same run directory and store, with run.json naming the task. A run that became current after the submission (a
/// local run finished it meanwhile) is left alone; a run stopped earlier with its training state saved (a task
/// cancelled, preempted or stopped at its time limit) goes on from it. SIGUSR1 (Slurm's warning before the time
/// limit) and SIGTERM (scancel, preemption) stop the run after its current step; the time limit is recorded as the
/// reason. The task that ends last brings summary.csv and report.html up to date. Exit status: 0 when the run ended
/// (completed or diverged) or was current already, 1 when it failed, 128 + the signal when stopped.
struct SlurmTaskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "slurm-task",
                                                    abstract: "One task of a Slurm job array (internal).",
                                                    shouldDisplay: false)

    @Argument(help: "The submission's folder (<out>/.slurm/<id>).")
    var folder: String

    /// How the task ended: its exit status, and why it could not train when it failed before its run had a record.
    private struct Outcome {
        var status: Int32
        var message = ""
    }

    func run() throws {
        StopRequest.installHandlers()
        StopRequest.stopOnTimeLimitWarning()
        StandardStreams.ignoreBrokenPipes()
        let submission: SlurmSubmission
        do { submission = try SlurmSubmission.read(folder: folder) } catch {
            DiagnosticOutput.printError("error: \(error)")
            throw ExitCode(1)
        }
        guard let task = SlurmTaskRecord.current() else {
            DiagnosticOutput.printError("error: not in a Slurm job array task (SLURM_ARRAY_JOB_ID and SLURM_ARRAY_TASK_ID "
                                        + "are not set); `sprout run --slurm` submits these tasks")
            throw ExitCode(1)
        }
        let outcome = train(submission, task: task)
        finish(submission, task: task, outcome: outcome)
        if outcome.status != 0 { throw ExitCode(outcome.status) }
    }

    /// A failure before the run had a record of this task: said on stderr (the task's log) and kept for the summary.
    private func failed(_ message: String) -> Outcome {
        DiagnosticOutput.printError("error: \(message)")
        return Outcome(status: 1, message: message)
    }

    /// Trains task `task`'s run.
    private func train(_ submission: SlurmSubmission, task: SlurmTaskRecord) -> Outcome {
        guard submission.tasks.indices.contains(task.task) else {
            return failed("\(submission.folder) has no task \(task.task) (it has \(submission.tasks.count))")
        }
        guard FileManager.default.changeCurrentDirectoryPath(submission.workingDirectory) else {
            return failed("cannot work in \(submission.workingDirectory), where the runs were submitted from: is the file "
                          + "system shared with this node (\(task.node))?")
        }
        var order: WorkerOrder
        let path = submission.orderPath(task.task)
        guard let data = FileManager.default.contents(atPath: path) else {
            return failed("\(RunError.cannotRead(path: path, reason: "no such file, or not readable"))")
        }
        do { order = try WorkerOrder.read(data) } catch {
            return failed("\(RunError.cannotRead(path: path, reason: "it is not a run's order as `sprout run --slurm` writes it"))")
        }
        if let current = currentSinceSubmission(order, submission: submission) {
            StandardStreams.out("\(order.name): \(current) since the submission; nothing to do\n")
            return Outcome(status: 0)
        }
        settleEarlierAttempts(order, task: task)
        order.resume = resumeEntry(order, submission: submission)
        if let resume = order.resume { StandardStreams.out("\(order.name): going on from its training state in \(resume)\n") }
        order.slurm = task
        order.provenance?.host = Provenance.hostName
        ExperimentRunner.useThreads(of: order.spec)
        StandardStreams.out("\(order.name): training on \(task.node) as Slurm task \(task.id), "
                            + "\(max(1, order.spec.train.threads)) BLAS thread(s)\n")
        let summary: RunSummary
        do {
            summary = try ExperimentRunner.run(order) { event in
                if event.logged { StandardStreams.out(event.line + "\n") }
            }
        } catch {
            // Once run.json names this task, it holds the failure itself; before that only this message tells.
            let recorded = (try? RunRecord.read(directory: order.directory))?.slurm == task
            let outcome = failed("\(order.name): \(error)")
            return recorded ? Outcome(status: 1) : outcome
        }
        switch summary.outcome {
        case .completed:
            StandardStreams.out("\(order.name): completed\n")
            return Outcome(status: 0)
        case .diverged(let epoch, let step):
            StandardStreams.out("\(order.name): diverged at epoch \(epoch), step \(step)\n")
            return Outcome(status: 0)
        case .interrupted(_, _, let signal):
            if signal == SIGUSR1 { recordTimeLimit(order, submission: submission) }
            StandardStreams.out("\(order.name): interrupted by \(StopRequest.name(signal)); its training state is saved\n")
            return Outcome(status: 128 + signal)
        }
    }

    /// `up to date` or `diverged from the same inputs` when the run ended so after the submission was made (a local
    /// run, or another submission, trained it meanwhile); nil otherwise. A run current from before the submission
    /// is trained: it was submitted with `--force`.
    private func currentSinceSubmission(_ order: WorkerOrder, submission: SlurmSubmission) -> String? {
        let state = RunState.of(directory: order.directory, fingerprint: order.fingerprint)
        guard let record = try? RunRecord.read(directory: order.directory), record.started >= submission.created else {
            return nil
        }
        switch state {
        case .upToDate: return "up to date"
        case .diverged: return "diverged from the same inputs"
        default: return nil
        }
    }

    /// An earlier attempt of this very task (Slurm requeued it: preempted, or its node failed) that was killed before
    /// it could record its end left its entry saying running, with a pid of another node perhaps: that attempt is
    /// over (Slurm runs one attempt of a task at a time), so its record is settled as failed and its training state
    /// can be gone on from.
    private func settleEarlierAttempts(_ order: WorkerOrder, task: SlurmTaskRecord) {
        let store = RunStore(out: order.out)
        for entry in store.entries(of: order.name).suffix(8) {
            guard let record = try? RunRecord.read(directory: entry.path), record.status == .running,
                  record.slurm?.jobID == task.jobID, record.slurm?.task == task.task else { continue }
            _ = try? RunRecord.settle(directory: entry.path, worker: record.pid,
                                      reason: "this attempt of Slurm task \(task.id) ended without recording how the run "
                                        + "ended (Slurm requeued the task)")
        }
    }

    /// The store entry to go on from: the newest stopped entry of these inputs with a training state
    /// (`RunStore.resumableEntry`, as a rerun finds it: a requeued or resubmitted task goes on where the last attempt
    /// stopped); with `--restart`/`--force` only one saved since the submission.
    private func resumeEntry(_ order: WorkerOrder, submission: SlurmSubmission) -> String? {
        guard let stopped = RunStore(out: order.out).resumableEntry(of: order.name, fingerprint: order.fingerprint,
                                                                   config: order.config),
              case .point = stopped.found else { return nil }
        if submission.fromScratch {
            guard let record = try? RunRecord.read(directory: stopped.entry.path),
                  record.started >= submission.created else { return nil }
        }
        return stopped.entry.path
    }

    /// run.json's `interrupted_by` for a run Slurm's warning stopped: the time limit, not a bare signal name.
    private func recordTimeLimit(_ order: WorkerOrder, submission: SlurmSubmission) {
        let file = (order.directory as NSString).appendingPathComponent("run.json")
        guard var record = try? RunRecord.read(directory: order.directory), record.status == .interrupted else { return }
        let limit = submission.timeLimit.map { " --time \($0)" } ?? ""
        record.interruptedBy = "Slurm's time limit\(limit) (SIGUSR1, \(submission.signalLead) s before it)"
        do { try record.write(to: file) } catch { DiagnosticOutput.printError("warning: \(error)") }
    }

    /// Records the task's end; the last one brings summary.csv and the report up to date
    /// (`SlurmSubmission.taskEnded`), under the output folder's Slurm lock (`SlurmSummary`).
    private func finish(_ submission: SlurmSubmission, task: SlurmTaskRecord, outcome: Outcome) {
        do {
            try submission.taskEnded(task.task, status: outcome.status, message: outcome.message) {
                try SlurmSummary.rebuild(after: submission, jobID: task.jobID)
                StandardStreams.out("the last task of the array: summary.csv and report.html brought up to date\n")
            }
        } catch {
            DiagnosticOutput.printError("warning: summary.csv not brought up to date: \(error)")
        }
    }
}
