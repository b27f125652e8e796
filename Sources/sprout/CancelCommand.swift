import ArgumentParser
import Foundation
import SproutRuns

/// `sprout cancel [PATH...]`: the Slurm tasks of these configs' runs that are pending or running, cancelled.
struct CancelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel",
        abstract: "Cancel the pending and running Slurm tasks of these configs' runs (sprout run --slurm).",
        discussion: "Reads each config (default: configs/) as `sprout status` does and cancels, with scancel, the task of "
            + "each run whose latest submission is still pending or running. A pending task never starts; a running one "
            + "stops after its current step, saves its training state and records the run as interrupted, so that the "
            + "next `sprout run` (or `sprout run --slurm`) goes on from there. Exits 1 when scancel fails or a config is "
            + "invalid, else 0 (also when there was nothing to cancel)."
    )

    @OptionGroup var batch: BatchOptions

    func run() throws {
        let view = SlurmView.settled(out: batch.outFolder)
        let (plan, invalid) = try batch.readPlan()
        let tasks = plan.runs.compactMap { run in view.activeTask(of: run.name).map { (run: run, task: $0) } }
        guard !tasks.isEmpty else {
            // Slurm that could not be asked (the warning said why) is no answer: nothing is known to be cancelled.
            if !view.problems.isEmpty {
                DiagnosticOutput.printError("error: nothing cancelled: Slurm could not be asked which tasks are pending or running")
                throw ExitCode(1)
            }
            print("nothing to cancel: no run of these configs has a pending or running Slurm task")
            if invalid > 0 { throw ExitCode(1) }
            return
        }
        do { try SlurmClient().cancel(tasks.map(\.task.id)) } catch {
            DiagnosticOutput.printError("error: \(error)")
            throw ExitCode(1)
        }
        for (run, task) in tasks {
            let was = task.state.map { $0.description } ?? "?"
            print("\(run.name): cancelled Slurm job \(task.id) (it was \(was))")
        }
        print("\(DiagnosticOutput.count(tasks.count, "task")) cancelled; `sprout status` shows how each run ended")
        if invalid > 0 { throw ExitCode(1) }
    }
}
