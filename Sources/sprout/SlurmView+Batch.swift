import Foundation
import SproutRuns

extension SlurmView {
    /// The view of `out`'s Slurm submissions with the records of tasks that ended unrecorded settled first (each
    /// said on stderr), and Slurm's problems (a submission unreadable, scontrol failing) printed as warnings. No
    /// Slurm command runs for an output folder without submissions.
    static func settled(out: String) -> SlurmView {
        let view = read(out: out)
        for problem in view.problems { DiagnosticOutput.printError("warning: \(problem)") }
        for line in view.settle() { DiagnosticOutput.printError(line) }
        return view
    }

    /// Takes the runs whose Slurm task is pending or running out of those to train or restore, into `busy`: they are
    /// neither trained here nor submitted again (`sprout cancel` cancels them). Each is said on stderr.
    func hold(_ partition: inout BatchPlan.Partition) -> [(run: PlannedRun, task: Task)] {
        guard !isEmpty else { return [] }
        var held: [(PlannedRun, Task)] = []
        func keep(_ run: PlannedRun) -> Bool {
            guard let task = activeTask(of: run.name) else { return true }
            held.append((run, task))
            DiagnosticOutput.printError("\(run.name): not run: \(task.description) (`sprout cancel` cancels it)")
            return false
        }
        partition.toRun = partition.toRun.filter(keep)
        partition.toRestore = partition.toRestore.filter(keep)
        partition.busy += held.map(\.0)
        return held
    }

    /// summary.csv's rows of the held runs: not run by this batch, Slurm's word as the note, followed as others'.
    static func record(_ held: [(run: PlannedRun, task: Task)], in summary: BatchSummary) {
        for (run, task) in held { summary.record(run, status: .notRun, note: task.description, elsewhere: true) }
    }
}
