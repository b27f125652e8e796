import ArgumentParser
import Foundation
import SproutConfig
import SproutRun

/// `sprout status [PATH...]`: where every run of the configs stands, without running anything.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show which runs are up to date, stale, failed, interrupted or never run, without running anything.",
        discussion: "Reads each config (default: configs/) and its runs' run.json below --out. up-to-date: completed from "
            + "the same inputs; stale: completed or diverged, but the config, a data file or Sprout changed since (says "
            + "which); diverged; failed; interrupted; killed (its process died without recording an end); running (a live "
            + "process is training it); never-run. Exits 1 when a config is invalid, else 0."
    )

    @Argument(help: "Config files or directories (default: configs).")
    var paths: [String] = []

    @Option(help: "Where the run directories are (default: runs/ beside the configs folder).")
    var out: String?

    func run() throws {
        let paths = self.paths.isEmpty ? ["configs"] : self.paths
        let out = self.out ?? ConfigPaths.defaultOut(for: paths)
        let expansion = ConfigPaths.expand(paths, out: out)
        DiagnosticOutput.print(expansion.problems, source: "", file: "")
        let plan = BatchPlan.make(expansion.files, out: out)
        for result in plan.loaded where result.hasErrors {
            DiagnosticOutput.print(result.diagnostics.filter { $0.severity == .error }, source: result.source, file: result.path)
        }
        let width = plan.runs.map(\.name.count).max() ?? 0
        for run in plan.runs {
            let state = run.problem.map { "cannot be fingerprinted: \($0)" } ?? run.state.description
            print(run.name.padding(toLength: max(width, run.name.count), withPad: " ", startingAt: 0) + "  " + state)
        }
        for result in plan.loaded where result.hasErrors { print("\(result.path)  invalid (not run)") }
        for (config, reason) in plan.refused { print("\(config)  refused: \(reason)") }
        var counts: [String: Int] = [:]
        for run in plan.runs { counts[run.state.word, default: 0] += 1 }
        let order = ["up-to-date", "stale", "diverged", "failed", "interrupted", "killed", "running", "never-run", "unreadable"]
        var parts = order.compactMap { word in counts[word].map { "\($0) \(word)" } }
        let invalid = plan.invalidCount + expansion.problems.count
        if invalid > 0 { parts.append("\(DiagnosticOutput.count(invalid, "config")) invalid") }
        print("\(DiagnosticOutput.count(plan.runs.count, "run")): " + (parts.isEmpty ? "none" : parts.joined(separator: ", ")))
        if invalid > 0 { throw ExitCode(1) }
    }
}
