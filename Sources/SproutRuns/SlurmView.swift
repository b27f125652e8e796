import Foundation

/// What Slurm says of the runs submitted below an output folder: for each run, the task of its latest submission
/// (`SlurmSubmission`) and that task's state (`SlurmTaskState`, one `scontrol` per array, only for the arrays that
/// are some run's latest). `sprout status` prints it beside run.json's word, `sprout run` does not submit or train
/// a run whose task is still pending or running, and `sprout cancel` cancels those tasks.
package struct SlurmView: Sendable {
    /// A run's latest task.
    package struct Task: Sendable {
        package var submission: SlurmSubmission
        package var index: Int
        /// Nil when Slurm could not be asked (`problems` says why).
        package var state: SlurmTaskState?
        /// How the task recorded its own end (the submission's `ended` file), if it did.
        package var ending: SlurmSubmission.Ending?
        /// How often Slurm had requeued the task when asked; nil when not asked or not started.
        package var restarts: Int?

        /// Slurm's id of the task, `12_3`.
        package var id: String { submission.taskID(index) ?? "?" }

        /// The task's output file (`<submission>/logs/<job>_<index>.out`).
        package var log: String { submission.path("logs/\(submission.jobID ?? "")_\(index).out") }

        /// `Slurm job 12_3: running on node7`.
        package var description: String {
            "Slurm job \(id): " + (state?.description ?? "unknown (Slurm could not be asked)")
        }
    }

    package var out: String
    /// Run name (relative to `out`) -> its latest task.
    package private(set) var tasks: [String: Task] = [:]
    /// Submissions that cannot be read, Slurm commands that failed: one sentence each.
    package private(set) var problems: [String] = []

    /// No run below `out` was ever submitted.
    package var isEmpty: Bool { tasks.isEmpty }

    /// The view of `out`'s submissions; no Slurm command runs when there are none.
    package static func read(out: String, client: SlurmClient = SlurmClient()) -> SlurmView {
        var view = SlurmView(out: out)
        let submissions = SlurmSubmission.all(out: out, problems: &view.problems)
        var latest: [String: (submission: Int, index: Int)] = [:]
        for (s, submission) in submissions.enumerated() {
            for (index, task) in submission.tasks.enumerated() { latest[task.name] = (s, index) }
        }
        var states: [Int: [Int: SlurmTaskState]] = [:]
        var endings: [Int: [Int: SlurmSubmission.Ending]] = [:]
        var restarts: [Int: [Int: Int]] = [:]
        for s in Set(latest.values.map(\.submission)).sorted() {
            guard let job = submissions[s].jobID else { continue }
            endings[s] = submissions[s].endings()
            // An array whose every task ended and left a record that says how is not asked about again: `sprout
            // status` in a loop must not cost slurmctld a query per array ever submitted.
            if let known = known(submissions[s], endings: endings[s] ?? [:], out: out) {
                states[s] = known
                continue
            }
            do { (states[s], restarts[s]) = try client.tasks(of: job, count: submissions[s].tasks.count) } catch {
                // One sentence is enough: Slurm that cannot be asked about one array cannot be asked about the next.
                view.problems.append("\(error); the runs' records are shown as they are")
                break
            }
        }
        for (name, at) in latest {
            // A task scontrol does not list while it lists the array is one Slurm has purged already.
            let state = states[at.submission].map { $0[at.index] ?? .forgotten }
            view.tasks[name] = Task(submission: submissions[at.submission], index: at.index, state: state,
                                    ending: endings[at.submission]?[at.index], restarts: restarts[at.submission]?[at.index])
        }
        return view
    }

    /// Each task's state from what the tasks recorded, when that says all there is to say: every task wrote its line
    /// in the `ended` file, and the run's record is not the task's or is the task's finished one (completed,
    /// diverged, failed). Nil when Slurm must be asked: a task has not ended, or its run was stopped (Slurm says
    /// whether by a time limit, a cancel, a preemption) or says running (a requeued attempt may be training it).
    private static func known(_ submission: SlurmSubmission, endings: [Int: SlurmSubmission.Ending],
                              out: String) -> [Int: SlurmTaskState]? {
        var states: [Int: SlurmTaskState] = [:]
        for (index, task) in submission.tasks.enumerated() {
            guard let ending = endings[index] else { return nil }
            let directory = (out as NSString).appendingPathComponent(task.name)
            if let record = try? RunRecord.read(directory: directory), record.slurm?.jobID == submission.jobID,
               record.slurm?.task == index, record.status == .running || record.status == .interrupted {
                return nil
            }
            states[index] = ending.status == 0 ? .ended(.completed) : .ended(.failed(exitCode: "\(ending.status):0"))
        }
        return states
    }

    /// The run's latest task when Slurm says it is pending or running.
    package func activeTask(of name: String) -> Task? {
        guard let task = tasks[name], task.state?.isActive == true else { return nil }
        return task
    }

    /// Records of runs whose task ended without recording the run's end (the node failed, the task ran out of
    /// memory, was killed at its time limit, or cancelled before Sprout could write): run.json still says running
    /// for that task, Slurm says it has ended, so the record is rewritten as failed with Slurm's reason
    /// (`RunRecord.settle`). Returns a line per run settled. A record another process writes now (a later run, a
    /// local batch) is never touched: only one naming this task and, on this host, a process that is gone.
    package func settle() -> [String] {
        var settled: [String] = []
        for (name, task) in tasks.sorted(by: { $0.key < $1.key }) {
            guard let state = task.state, !state.isActive else { continue }
            let directory = (out as NSString).appendingPathComponent(name)
            guard let record = try? RunRecord.read(directory: directory), record.status == .running,
                  record.slurm?.jobID == task.submission.jobID, record.slurm?.task == task.index,
                  record.host != Provenance.hostName || !RunState.processIsSprout(record.pid) else { continue }
            // A record of a later attempt than the one Slurm said had ended: the task was requeued since Slurm was
            // asked, and this attempt may be training now.
            if let written = record.slurm?.restarts, let ended = task.restarts, written > ended { continue }
            let reason = "its Slurm task \(task.id) ended without recording how the run ended: \(state.description)"
            if (try? RunRecord.settle(directory: directory, worker: record.pid, reason: reason)) != nil {
                settled.append("\(name): recorded as failed: \(reason)")
            }
        }
        return settled
    }
}

extension SlurmView {
    /// The run's latest task when it says something about the run as it stands: the task is pending or running, or
    /// the run's record is that task's, or older than its submission (the task never got to write one: cancelled
    /// while pending, failed before training). Nil when a later run (a local batch, another submission's) replaced
    /// what the task did.
    package func relevantTask(of name: String, directory: String) -> Task? {
        guard let task = tasks[name] else { return nil }
        if task.state?.isActive == true { return task }
        guard let record = try? RunRecord.read(directory: directory) else { return task }
        if record.slurm?.jobID == task.submission.jobID && record.slurm?.task == task.index {
            // The task's own record of how its run ended says more than Slurm's having forgotten the task.
            return task.state == .forgotten && record.status != .running ? nil : task
        }
        return record.started < task.submission.created ? task : nil
    }
}
