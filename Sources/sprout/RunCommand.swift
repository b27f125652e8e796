import ArgumentParser
import Foundation
import SproutConfig
import SproutRun

/// `sprout run [PATH...]`: every config found, validated first; the runs that are not up to date trained side by
/// side in worker processes; runs/summary.csv kept current throughout.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Train every config given (directories: every *.yaml/*.yml inside, recursively; default configs/).",
        discussion: "Each run writes <out>/<folder>/<name>/ (a sweep: <out>/<folder>/<name>/<variant>/): config.yaml, "
            + "run.json, metrics.csv, layers.csv, checkpoints. A run that completed from the same inputs (run.json's "
            + "fingerprint) is up to date and not run again; --force reruns. Invalid configs are reported and skipped. "
            + "Ctrl-C or SIGTERM stops every running run after its current step (recorded as interrupted). Exits 1 when "
            + "any config is invalid or any run failed or diverged; 128 + the signal number (130, 143) when stopped."
    )

    @Argument(help: "Config files or directories (default: configs).")
    var paths: [String] = []

    @Option(help: "Where run directories and summary.csv go (default: runs/ beside the configs folder).")
    var out: String?

    @Option(name: .shortAndLong, help: "Runs trained side by side, each in its own process (default: the number of cores).")
    var jobs: Int?

    @Flag(help: "Rerun runs that are up to date.")
    var force = false

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
    private var keepGoing: Bool { policy == .keepGoing }

    @Flag(name: .shortAndLong, help: "Print only a line per finished run and the summary.")
    var quiet = false

    mutating func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        StopRequest.installHandlers()
        StandardStreams.ignoreBrokenPipes()
        StopRequest.forwardTerminalStops()
        let paths = self.paths.isEmpty ? ["configs"] : self.paths
        let out = self.out ?? ConfigPaths.defaultOut(for: paths)
        let console = BatchConsole(quiet: quiet)
        let expansion = ConfigPaths.expand(paths, out: out)
        DiagnosticOutput.print(expansion.problems, source: "", file: "")
        let plan = BatchPlan.make(expansion.files, out: out, force: force)
        var toRun: [PlannedRun] = [], current: [PlannedRun] = [], busy: [PlannedRun] = []
        for run in plan.runs {
            if case .running = run.state {
                busy.append(run)
            } else if force || run.state.needsRun || run.problem != nil {
                toRun.append(run)
            } else {
                current.append(run)
            }
        }
        // Errors always; warnings only for configs with something to train (a config whose runs are all up to
        // date was warned about when it ran, and repeating it on every rerun would bury what is new).
        let training = Set(toRun.map(\.config))
        for result in plan.loaded {
            let shown = result.hasErrors || training.contains(result.path)
                ? result.diagnostics : result.diagnostics.filter { $0.severity == .error }
            DiagnosticOutput.print(shown, source: result.source, file: result.path)
            if result.hasErrors { DiagnosticOutput.printError("\(result.path): not run: the config has errors") }
        }
        for (config, reason) in plan.refused { DiagnosticOutput.printError("\(config): error: not run: \(reason)") }
        let invalid = plan.invalidCount + expansion.problems.count
        if !keepGoing && invalid > 0 {
            DiagnosticOutput.printError("nothing run (--fail-fast): \(DiagnosticOutput.count(invalid, "config")) invalid")
            throw ExitCode(1)
        }

        let summary = BatchSummary(plan: plan)
        let trainingNames = Set(toRun.map(\.name))
        for run in plan.runs {
            if case .running(let pid) = run.state {
                console.complain("\(run.name): not run: process \(pid) is training it now")
                summary.record(run, status: "not-run", note: run.state.description)
            } else if !trainingNames.contains(run.name) {
                summary.record(run, note: run.state.description)
                if !quiet { console.say("\(run.name): \(run.state.description)") }
            }
        }
        do { try summary.write() } catch {
            DiagnosticOutput.printError("error: \(error)")
            throw ExitCode(1)
        }
        let runner = try BatchRunner(runs: toRun, jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount,
                                     failFast: !keepGoing, console: console, summary: summary)
        runner.run()

        // The report: what ran and how it ended, what was already current, where to look.
        let statuses = runner.finished.map(\.status) + current.map { $0.state == .diverged ? "diverged" : "up-to-date" }
        func count(_ status: String) -> Int { statuses.filter { $0 == status }.count }
        var parts = ["completed", "diverged", "failed", "interrupted"].compactMap { status -> String? in
            let n = count(status)
            return n > 0 ? "\(n) \(status)" : nil
        }
        if count("up-to-date") > 0 { parts.append("\(count("up-to-date")) up to date") }
        if !runner.notStarted.isEmpty { parts.append("\(runner.notStarted.count) not started") }
        if !busy.isEmpty { parts.append("\(busy.count) being run elsewhere") }
        if invalid > 0 { parts.append("\(DiagnosticOutput.count(invalid, "config")) invalid") }
        let runs = DiagnosticOutput.count(plan.runs.count, "run")
        let shownOut = ConfigPaths.display(ConfigPaths.absolute(out))
        StandardStreams.out("\(runs): \(parts.isEmpty ? "nothing to do" : parts.joined(separator: ", ")); "
              + "summary in \((shownOut as NSString).appendingPathComponent("summary.csv"))\n")
        if !runner.finished.isEmpty && !quiet {
            StandardStreams.out("each run's metrics.csv and layers.csv are in its folder under \(shownOut)/; "
                  + "`sprout summarize \(shownOut)` puts them side by side\n")
        }
        if let signal = runner.stoppedBy { throw ExitCode(128 + signal) }
        let failed = invalid + count("failed") + count("diverged") + count("interrupted")
        if failed > 0 { throw ExitCode(1) }
    }
}
