import ArgumentParser
import Foundation
import SproutConfig
import SproutRuns

/// `sprout run [PATH...]`: every config found, validated first; the runs that are not up to date trained side by
/// side in worker processes; runs/summary.csv kept current throughout.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Train every config given (directories: every *.yaml/*.yml inside, recursively; default configs/).",
        discussion: "Each run trains into its own entry of the store, <out>/.store/<name>/<id>/, and <out>/<folder>/<name> "
            + "(a sweep: <out>/<folder>/<name>/<variant>) becomes a link to it: config.yaml, run.json, metrics.csv, "
            + "layers.csv, checkpoints. Nothing is overwritten. A run that completed from the same inputs (run.json's "
            + "fingerprint) is up to date and not run again; one whose inputs match an earlier run in the store is restored "
            + "from it without training; --force trains anyway. A run that stopped (Ctrl-C, SIGTERM, a killed worker) after "
            + "saving its training state goes on from it, bit for bit as if never stopped; --restart trains it from "
            + "scratch instead. Two configs with one `name:` both run: the one whose file is named so keeps it, the "
            + "other runs under its file's name, and says so in a note (docs/batches.md). Overrides after the configs "
            + "(train.optimizer.lr=0.01, +key=value, ~key; --sweep for a=1,2) change every config's settings, and their runs "
            + "go to <name>@<overrides> beside the config's own (docs/config.md). Invalid configs are reported "
            + "and skipped. Ctrl-C or SIGTERM "
            + "stops every running run after its current step (recorded as interrupted). Exits 1 when any config is "
            + "invalid or any run failed or diverged; 128 + the signal number (130, 143) when stopped."
    )

    @OptionGroup var batch: BatchOptions

    @OptionGroup(title: "Slurm") var slurm: SlurmArguments

    @Option(name: .shortAndLong, help: "Runs trained side by side, each in its own process (default: the number of cores).")
    var jobs: Int?

    @Flag(help: ArgumentHelp("Rerun runs that are up to date (each into a new entry, from scratch), and replace runs "
                             + "that another config named after its file wrote where this one would be refused."))
    var force = false

    @Flag(help: ArgumentHelp("Train runs that stopped with their training state saved from scratch, into a new entry, "
                             + "instead of resuming them."))
    var restart = false

    /// What one invalid config or failed run does to the rest of the batch.
    enum FailurePolicy: EnumerableFlag {
        case keepGoing, failFast

        static func help(for value: FailurePolicy) -> ArgumentHelp? {
            switch value {
            case .keepGoing: return "Run every valid config whatever happens to the others (the default)."
            case .failFast: return "Stop at the first invalid config, or at the first failed or diverged run (the running ones are interrupted)."
            }
        }
    }

    @Flag(exclusivity: .chooseLast) var policy: FailurePolicy = .keepGoing

    @Flag(name: .shortAndLong, help: "Print only a line per finished run and the summary.")
    var quiet = false

    mutating func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if let flag = slurm.givenWithoutSlurm { throw ValidationError("\(flag) is a Slurm option: it needs --slurm") }
        if slurm.slurm {
            _ = try slurm.options()
            if jobs != nil { throw ValidationError("--jobs has no effect with --slurm: --max-parallel limits the tasks at once") }
        }
    }

    func run() throws {
        StopRequest.installHandlers()
        StandardStreams.ignoreBrokenPipes()
        StopRequest.forwardTerminalStops()
        let out = batch.outFolder
        let (paths, overrides) = try batch.configArguments()
        let slurmOptions = slurm.slurm ? try slurm.options() : nil
        // A dry run changes nothing, not even a record Slurm would settle.
        let view = slurm.dryRun ? SlurmView.read(out: out) : SlurmView.settled(out: out)
        let expansion = ConfigPaths.expand(paths, out: out)
        DiagnosticOutput.print(expansion.problems, source: "", file: "")
        let plan = BatchPlan.make(expansion.files, out: out, force: force, overrides: overrides)
        var partition = plan.partition(force: force)
        let held = view.hold(&partition)
        printDiagnostics(plan, training: Set(partition.toRun.map(\.config)),
                         moving: Set((partition.toRun + partition.toRestore).map(\.config)))
        let invalid = plan.invalidCount + expansion.problems.count
        if policy == .failFast && invalid > 0 {
            DiagnosticOutput.printError("nothing run (--fail-fast): \(DiagnosticOutput.count(invalid, "config")) invalid")
            throw ExitCode(1)
        }
        let console = BatchConsole(quiet: quiet)
        if let slurmOptions {
            try submit(plan, partition: partition, held: held, options: slurmOptions, invalid: invalid, console: console)
            return
        }
        let restored = restoreFromStore(&partition, console: console)
        let summary = try startSummary(plan, partition: partition, restored: restored, console: console)
        SlurmView.record(held, in: summary)
        let toTrain = resumingOrRestarting(partition.toRun, console: console)
        let runner = try BatchRunner(runs: Self.withProvenance(toTrain), jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount,
                                     failFast: policy == .failFast, console: console, summary: summary)
        runner.run()
        finishSummary(summary)
        let scheduler = runner.scheduler
        var outcome = BatchOutcome(finished: scheduler.finished.map(\.status), current: partition.current,
                                   notStarted: scheduler.notStarted.count, busy: partition.busy.count, invalid: invalid,
                                   runs: plan.runs.count)
        outcome.restored = restored.map { SummaryStatus($0.record.status) }
        printReport(outcome, out: out, trained: !scheduler.finished.isEmpty)
        if let signal = scheduler.stoppedBy { throw ExitCode(128 + signal) }
        if outcome.failed { throw ExitCode(1) }
    }

    /// Errors always; warnings only for configs with something to train (a config whose runs are all up to date
    /// was warned about when it ran, and repeating it on every rerun would bury what is new). Likewise the plan's
    /// notes (a config that runs under its file's name since another config has its `name:`): for configs with a
    /// run to train or restore, whose directory is about to change (`sprout status` shows them always).
    private func printDiagnostics(_ plan: BatchPlan, training: Set<String>, moving: Set<String>) {
        for result in plan.loaded {
            let shown = result.hasErrors || training.contains(result.path)
                ? result.diagnostics : result.diagnostics.filter { $0.severity == .error }
            DiagnosticOutput.print(result, shown)
            if result.hasErrors { DiagnosticOutput.printError("\(result.path): not run: the config has errors") }
        }
        for (config, note) in plan.notes where moving.contains(config) {
            DiagnosticOutput.printError("\(config): note: \(note)")
        }
        for (config, reason) in plan.refused { DiagnosticOutput.printError("\(config): error: not run: \(reason)") }
    }

    /// The runs with where they come from: their configs' git state (two git processes per repository, not per
    /// run), this command line, the host.
    /// The runs to train, those that stopped with their training state saved either going on from it (said on the
    /// console) or, with --restart or --force, trained from scratch into a new entry.
    func resumingOrRestarting(_ runs: [PlannedRun], console: BatchConsole) -> [PlannedRun] {
        runs.map { run in
            var run = run
            if let problem = run.resumeProblem, !restart, !force {
                console.complain("\(run.name): \(problem); training it from scratch into a new entry")
            }
            guard run.resumeEntry != nil, case .resumable(let entry, let epoch, let step) = run.state else { return run }
            if restart || force {
                run.resumeEntry = nil
            } else if !quiet {
                console.say("\(run.name): resuming after epoch \(epoch) (step \(step)) from its training state in \(entry)")
            }
            return run
        }
    }

    static func withProvenance(_ runs: [PlannedRun]) -> [PlannedRun] {
        let git = GitState.of(configs: runs.map(\.config))
        let host = Provenance.hostName
        return runs.map { run in
            var run = run
            run.provenance = Provenance(git: git[run.config], command: CommandLine.arguments, host: host)
            return run
        }
    }

    /// The run cache: each run that completed before from the inputs its config has now gets its path pointed back
    /// at that run, in this process, without a worker. A run whose entry is gone since the plan joins the runs to
    /// train; one that another process holds joins the busy ones.
    func restoreFromStore(_ partition: inout BatchPlan.Partition,
                                  console: BatchConsole) -> [(run: PlannedRun, record: RunRecord)] {
        var restored: [(PlannedRun, RunRecord)] = []
        for run in partition.toRestore {
            do {
                guard let (entry, record) = try RunStore(out: run.out).restore(run) else {
                    partition.toRun.append(run)
                    continue
                }
                restored.append((run, record))
                let logNote = record.inputs.log == run.fingerprint?.log ? ""
                    : "; its log settings differ from the config's (--force trains it again with them)"
                if !quiet {
                    console.say("\(run.name): restored from the store (\(entry.id), trained \(RunRecord.timestamp(record.started)))\(logNote)")
                }
            } catch RunError.busy {
                partition.busy.append(run)
                console.complain("\(run.name): not restored: another process is training it now")
            } catch {
                // The worker meets the same problem and records it as the run's failure.
                partition.toRun.append(run)
            }
        }
        return restored
    }

    /// summary.csv before anything trains: the runs already current, restored or busy say so, the others `not-run`.
    func startSummary(_ plan: BatchPlan, partition: BatchPlan.Partition, restored: [(run: PlannedRun, record: RunRecord)],
                              console: BatchConsole) throws -> BatchSummary {
        let summary = BatchSummary(plan: plan)
        let training = Set(partition.toRun.map(\.name))
        let restoredNames = Set(restored.map(\.run.name)), busyNames = Set(partition.busy.map(\.name))
        for run in plan.runs {
            if restoredNames.contains(run.name) {
                summary.record(run, note: "restored from the store")
            } else if case .running(let pid) = run.state {
                console.complain("\(run.name): not run: process \(pid) is training it now")
                summary.record(run, status: .notRun, note: run.state.description, elsewhere: true)
            } else if busyNames.contains(run.name) {
                // Found busy when restoring it (restoreFromStore said so).
                summary.record(run, status: .notRun, note: "another process is training it now", elsewhere: true)
            } else if !training.contains(run.name) {
                summary.record(run, note: run.state.description)
                if !quiet { console.say("\(run.name): \(run.state.description)") }
            }
        }
        do { try summary.write() } catch {
            DiagnosticOutput.printError("error: \(error)")
            throw ExitCode(1)
        }
        return summary
    }

    /// summary.csv as the batch ends: every run below the output folder as its run.json says, those another batch
    /// trained meanwhile included.
    private func finishSummary(_ summary: BatchSummary) {
        summary.refresh()
        do { try summary.write() } catch { DiagnosticOutput.printError("error: \(error)") }
    }

    /// The batch's last lines: what ran and how it ended, what was already current, where to look (summary.csv,
    /// and the HTML report of every run below the output folder, written now: `writeHTMLReport`).
    func printReport(_ outcome: BatchOutcome, out: String, trained: Bool) {
        let shownOut = ConfigPaths.display(ConfigPaths.absolute(out))
        let written = Self.writeHTMLReport(out: out).map { ConfigPaths.display(ConfigPaths.absolute($0)) }
        let report = written.map { ", report in \($0)" } ?? ""
        StandardStreams.out("\(outcome.counts); summary in \((shownOut as NSString).appendingPathComponent("summary.csv"))\(report)\n")
        if trained && !quiet {
            let open = written.map { "open \($0) in a browser for the charts; " } ?? ""
            StandardStreams.out("\(open)each run's metrics.csv and layers.csv are in its folder under \(shownOut)/\n")
        }
    }

    /// `<out>/report.html` (`sprout report`'s page) of every run below the output folder, this batch's and the
    /// others'; its path, or nil when there is no run or it cannot be written. A report that cannot be written
    /// (Chart.js not installed, the disk) is a warning: the runs themselves are what the batch is for.
    static func writeHTMLReport(out: String) -> String? {
        var problems: [String] = []
        let data = ReportData.read(folders: [out], problems: &problems)
        guard !data.runs.isEmpty else { return nil }
        let file = (out as NSString).appendingPathComponent("report.html")
        do {
            try AtomicFile.write(try ReportPage.html(data, sources: [out], chartJS: try ChartLibrary.read()), to: file)
            return file
        } catch {
            DiagnosticOutput.printError("warning: no report written: \(error)")
            return nil
        }
    }
}
