import ArgumentParser
import SproutRuns

/// The options `sprout run` and `sprout status` share: which configs, and where their runs are.
struct BatchOptions: ParsableArguments {
    @Argument(help: "Config files or directories (default: configs).")
    var paths: [String] = []

    @Option(help: "Where run directories and summary.csv go (default: runs/ beside the configs folder).")
    var out: String?

    /// The paths given, or configs/.
    var configPaths: [String] { paths.isEmpty ? ["configs"] : paths }

    /// The output folder given, or runs/ beside the configs folder.
    var outFolder: String { out ?? ConfigPaths.defaultOut(for: configPaths) }

    /// The batch's plan, read-only (status, history): the configs found and loaded, their problems and errors
    /// printed (warnings are `sprout run`'s and `sprout validate`'s). `invalid`: configs or paths that cannot run.
    func readPlan() -> (plan: BatchPlan, invalid: Int) {
        let expansion = ConfigPaths.expand(configPaths, out: outFolder)
        DiagnosticOutput.print(expansion.problems, source: "", file: "")
        let plan = BatchPlan.make(expansion.files, out: outFolder)
        for result in plan.loaded where result.hasErrors {
            DiagnosticOutput.print(result.diagnostics.filter { $0.severity == .error }, source: result.source, file: result.path)
        }
        return (plan, plan.invalidCount + expansion.problems.count)
    }
}
