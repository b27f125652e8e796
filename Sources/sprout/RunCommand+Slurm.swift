import ArgumentParser
import Foundation
import SproutConfig
import SproutRuns

extension RunCommand {
    /// `sprout run --slurm`: the plan as for a local batch (invalid configs reported, cached runs restored here, up to
    /// date ones left alone, runs with a live Slurm task held), then the runs to train written as a submission
    /// (`SlurmSubmission`: their orders, the job script) and submitted as one job array; returns once sbatch has
    /// answered. `--dry-run` prints what would be submitted and changes nothing.
    func submit(_ plan: BatchPlan, partition: BatchPlan.Partition, held: [(run: PlannedRun, task: SlurmView.Task)],
                options: SlurmOptions, invalid: Int, console: BatchConsole) throws {
        var partition = partition
        let out = plan.out
        if slurm.dryRun {
            for run in partition.toRestore { StandardStreams.out("\(run.name): would be restored from the store, not submitted\n") }
        }
        // Checked before anything is restored or written.
        let threads = partition.toRun.map { max(1, $0.spec.train.threads) }.max() ?? 1
        if let cpus = options.cpusPerTask, cpus < threads,
           let run = partition.toRun.first(where: { $0.spec.train.threads > cpus }) {
            throw ValidationError("--cpus-per-task \(cpus) is fewer than the \(run.spec.train.threads) train.threads of \(run.name)")
        }
        let cpus = options.cpusPerTask ?? threads
        let restored = slurm.dryRun ? [] : restoreFromStore(&partition, console: console)
        let toTrain = Self.withProvenance(resumingOrRestarting(partition.toRun, console: console))
        var unplanned: [PlannedRun] = []
        let runs = toTrain.filter { run in
            guard run.fingerprint == nil else { return true }
            unplanned.append(run)
            DiagnosticOutput.printError("\(run.name): error: not submitted: \(run.problem ?? "it cannot be fingerprinted")")
            return false
        }
        let summary = slurm.dryRun ? nil : try startSummary(plan, partition: partition, restored: restored, console: console)
        if let summary { SlurmView.record(held, in: summary) }
        guard !runs.isEmpty else {
            var outcome = BatchOutcome(finished: [], current: partition.current, notStarted: 0, busy: partition.busy.count,
                                       invalid: invalid, runs: plan.runs.count)
            outcome.restored = restored.map { SummaryStatus($0.record.status) }
            if let summary { try writeSummary(summary, out: out) }
            StandardStreams.out("nothing to submit to Slurm; \(outcome.counts)\n")
            if outcome.failed || !unplanned.isEmpty { throw ExitCode(1) }
            return
        }
        let submitter = try SlurmSubmitter(runs: runs, out: out, options: options, cpus: cpus, fromScratch: restart || force)
        let submission = try submitter.prepare(dryRun: slurm.dryRun)
        guard !slurm.dryRun else {
            if invalid > 0 || !unplanned.isEmpty { throw ExitCode(1) }
            return
        }
        let jobID = try submitter.send()
        if let summary {
            // Followed as another process's rows: a task that already ended is shown as its run.json says.
            for (index, run) in runs.enumerated() {
                summary.record(run, status: .notRun, note: "submitted to Slurm as job \(jobID)_\(index)", elsewhere: true)
            }
            try writeSummary(summary, out: out)
        }
        let throttle = options.maxParallel.map { ", at most \($0) at once" } ?? ""
        StandardStreams.out("submitted \(DiagnosticOutput.count(runs.count, "run")) to Slurm as job array \(jobID) "
                            + "(\(runs.count == 1 ? "task 0" : "tasks 0-\(runs.count - 1)")\(throttle)); `sprout status` follows "
                            + "\(runs.count == 1 ? "it" : "them"); the runs appear in "
                            + "\(ConfigPaths.display(ConfigPaths.absolute(out)))/ as they train, the tasks' logs in "
                            + "\(ConfigPaths.display(submission.path("logs")))\n")
        if invalid > 0 || !unplanned.isEmpty { throw ExitCode(1) }
    }

    /// summary.csv under the output folder's Slurm lock (`SlurmSummary`), which the array's last task takes too.
    private func writeSummary(_ summary: BatchSummary, out: String) throws {
        do { try SlurmSummary.locked(out: out) { try summary.write() } } catch {
            DiagnosticOutput.printError("error: \(error)")
            throw ExitCode(1)
        }
    }
}
