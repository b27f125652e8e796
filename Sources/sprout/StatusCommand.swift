import ArgumentParser
import Foundation
import SproutConfig
import SproutRuns

/// `sprout status [PATH...]`: where every run of the configs stands, without running anything.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show which runs are up to date, stale, failed, interrupted or never run, without running anything.",
        discussion: "Reads each config (default: configs/) and its runs' run.json below --out. up-to-date: completed from "
            + "the same inputs; restorable: the store holds a run of the same inputs, which `sprout run` brings back without "
            + "training; stale: completed or diverged, but the config, a data file or Sprout changed since (says which, key "
            + "by key); diverged; failed; interrupted; killed (its process died without recording an end); running (a live "
            + "process is training it); never-run. Ends with the store's size. Exits 1 when a config is invalid, else 0."
    )

    @OptionGroup var batch: BatchOptions

    func run() throws {
        let view = SlurmView.settled(out: batch.outFolder)
        let (plan, invalid) = try batch.readPlan()
        let width = plan.runs.map(\.name.count).max() ?? 0
        for run in plan.runs {
            var state = run.problem.map { "cannot be fingerprinted: \($0)" } ?? run.state.description
            if let problem = run.resumeProblem { state += "; \(problem), so `sprout run` trains it from scratch" }
            if let task = view.relevantTask(of: run.name, directory: run.directory) {
                state += "; " + Self.describe(task, directory: run.directory)
            }
            print(run.name.padding(toLength: max(width, run.name.count), withPad: " ", startingAt: 0) + "  " + state)
        }
        for (config, note) in plan.notes { print("\(config)  note: \(note)") }
        for result in plan.loaded where result.hasErrors { print("\(result.path)  invalid (not run)") }
        for (config, reason) in plan.refused { print("\(config)  refused: \(reason)") }
        print(Self.counts(plan.runs, invalid: invalid))
        let store = RunStore(out: batch.outFolder)
        let usage = store.usage()
        if usage.runs > 0 {
            print("store: \(DiagnosticOutput.count(usage.runs, "run")), \(RunStore.size(usage.bytes)) in "
                  + "\(ConfigPaths.display(ConfigPaths.absolute(store.root))) (`sprout gc --keep N` removes older runs)")
        }
        if !view.isEmpty {
            SlurmSummary.refresh(plan, view: view) { run in
                view.relevantTask(of: run.name, directory: run.directory).map { Self.describe($0, directory: run.directory) }
                    ?? run.state.description
            }
        }
        if invalid > 0 { throw ExitCode(1) }
    }

    /// `Slurm job 12_3: failed (exit code 1), its log: runs/.slurm/…/logs/12_3.out`: the log named when the task
    /// ended other than completed, where its own words are.
    /// A run the task stopped (its record is the task's, interrupted) says what stopped it (`Slurm's time limit
    /// --time 1:00:00`, SIGTERM from scancel or preemption) rather than Slurm's FAILED for the exit status 128 + N.
    static func describe(_ task: SlurmView.Task, directory: String) -> String {
        if let record = try? RunRecord.read(directory: directory), record.status == .interrupted,
           record.slurm?.jobID == task.submission.jobID, record.slurm?.task == task.index, task.state?.isActive == false {
            let stopped = "Slurm job \(task.id): stopped by \(record.interruptedBy ?? "a signal")"
            switch task.state {
            case .ended(.cancelled): return stopped + " (cancelled)"
            case .ended(.timeout): return stopped + " at its time limit (TIMEOUT)"
            case .ended(.preempted): return stopped + " (preempted)"
            default: return stopped
            }
        }
        guard case .ended(let ending) = task.state, ending != .completed else { return task.description }
        let why = task.ending.map(\.message).flatMap { $0.isEmpty ? nil : ": " + $0 } ?? ""
        return task.description + why + ", its log: " + ConfigPaths.display(task.log)
    }


    /// `5 runs: 3 up-to-date, 2 stale, 1 config invalid`.
    static func counts(_ runs: [PlannedRun], invalid: Int) -> String {
        var parts = RunState.Kind.allCases.compactMap { kind -> String? in
            let n = runs.filter { $0.state.kind == kind }.count
            return n > 0 ? "\(n) \(kind.rawValue)" : nil
        }
        if invalid > 0 { parts.append("\(DiagnosticOutput.count(invalid, "config")) invalid") }
        return "\(DiagnosticOutput.count(runs.count, "run")): " + (parts.isEmpty ? "none" : parts.joined(separator: ", "))
    }
}
