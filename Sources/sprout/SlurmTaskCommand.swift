import ArgumentParser
import Foundation
import SproutRuns
import SproutTraining

/// `sprout slurm-task FOLDER`: one task of a `sprout run --slurm` job array, started by its job script on a node
/// (not meant to be typed). It reads the submission (`SlurmSubmission`) and its order (`orders/$SLURM_ARRAY_TASK_ID.json`),
/// works in the folder the submission was made in, and trains the run as a local batch's worker would, into the
/// same run directory and store, with run.json naming the task. A run that is up to date by now (a local run
/// finished it meanwhile) is left alone; a run stopped earlier with its training state saved (a task cancelled,
/// preempted or stopped at its time limit) goes on from it. SIGUSR1 (Slurm's warning before the time limit) and
/// SIGTERM (scancel, preemption) stop the run after its current step; the time limit is recorded as the reason.
/// The task that ends last brings summary.csv and report.html up to date. Exit status: 0 when the run ended
/// (completed or diverged) or was current already, 1 when it failed, 128 + the signal when stopped.
struct SlurmTaskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "slurm-task",
                                                    abstract: "One task of a Slurm job array (internal).",
                                                    shouldDisplay: false)

    @Argument(help: "The submission's folder (<out>/.slurm/<id>).")
    var folder: String

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
        var status: Int32 = 1
        defer { finish(submission, task: task) }
        status = train(submission, task: task)
        if status != 0 { throw ExitCode(status) }
    }

    /// Trains task `task`'s run; the exit status.
    private func train(_ submission: SlurmSubmission, task: SlurmTaskRecord) -> Int32 {
        guard submission.tasks.indices.contains(task.task) else {
            DiagnosticOutput.printError("error: \(submission.folder) has no task \(task.task) (it has \(submission.tasks.count))")
            return 1
        }
        guard FileManager.default.changeCurrentDirectoryPath(submission.workingDirectory) else {
            DiagnosticOutput.printError("error: cannot work in \(submission.workingDirectory), where the runs were submitted "
                                        + "from: is the file system shared with this node (\(task.node))?")
            return 1
        }
        var order: WorkerOrder
        do {
            let path = submission.orderPath(task.task)
            guard let data = FileManager.default.contents(atPath: path) else {
                throw RunError.cannotRead(path: path, reason: "no such file, or not readable")
            }
            do { order = try WorkerOrder.read(data) } catch {
                throw RunError.cannotRead(path: path, reason: "it is not a run's order as `sprout run --slurm` writes it")
            }
        } catch {
            DiagnosticOutput.printError("error: \(error)")
            return 1
        }
        let state = RunState.of(directory: order.directory, fingerprint: order.fingerprint)
        if case .upToDate = state {
            StandardStreams.out("\(order.name): up to date already (trained since the submission); nothing to do\n")
            return 0
        }
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
            DiagnosticOutput.printError("error: \(order.name): \(error)")
            return 1
        }
        switch summary.outcome {
        case .completed:
            StandardStreams.out("\(order.name): completed\n")
            return 0
        case .diverged(let epoch, let step):
            StandardStreams.out("\(order.name): diverged at epoch \(epoch), step \(step)\n")
            return 0
        case .interrupted(_, _, let signal):
            if signal == SIGUSR1 { recordTimeLimit(order, submission: submission) }
            StandardStreams.out("\(order.name): interrupted by \(StopRequest.name(signal)); its training state is saved\n")
            return 128 + signal
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

    /// Marks the task ended; the last one brings summary.csv and the report up to date (`SlurmSubmission.taskEnded`).
    private func finish(_ submission: SlurmSubmission, task: SlurmTaskRecord) {
        do {
            try submission.taskEnded(task.task) {
                let runs = submission.tasks.indices.compactMap { i -> PlannedRun? in
                    guard let data = FileManager.default.contents(atPath: submission.orderPath(i)),
                          let order = try? WorkerOrder.read(data) else { return nil }
                    return PlannedRun(order)
                }
                let summary = BatchSummary(plan: BatchPlan(out: submission.out, runs: runs))
                for run in runs { summary.record(run, note: "trained by Slurm job \(task.jobID)") }
                summary.refresh()
                try summary.write()
                _ = RunCommand.writeHTMLReport(out: submission.out)
                StandardStreams.out("the last task of the array: summary.csv and report.html brought up to date\n")
            }
        } catch {
            DiagnosticOutput.printError("warning: summary.csv not brought up to date: \(error)")
        }
    }
}
