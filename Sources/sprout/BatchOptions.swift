import ArgumentParser
import SproutConfig
import SproutRuns

/// The options `sprout run` and `sprout status` share: which configs, and where their runs are.
struct BatchOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("Config files or directories (default: configs), and overrides of their settings: "
                                 + "key.path=value, +key.path=value (add), ~key.path (remove).", valueName: "config-or-override"))
    var arguments: [String] = []

    @Option(help: "Where run directories and summary.csv go (default: runs/ beside the configs folder).")
    var out: String?

    @Flag(name: [.customLong("sweep"), .customShort("m")],
          help: "Sweep every override whose value has commas outside brackets (lr=0.1,0.01): one run per value.")
    var sweep = false

    /// The paths given (or configs/) and the overrides; a mistake in an override ends the command (exit 1).
    func configArguments() throws -> (paths: [String], overrides: ConfigOverrides) {
        let split = try ConfigArguments(arguments, sweep: sweep)
        return (split.paths.isEmpty ? ["configs"] : split.paths, split.overrides)
    }

    /// The paths given, or configs/ (overrides left out).
    var configPaths: [String] {
        let paths = arguments.filter { !ConfigOverride.looksLikeOverride($0) }
        return paths.isEmpty ? ["configs"] : paths
    }

    /// The output folder given, or runs/ beside the configs folder.
    var outFolder: String { out ?? ConfigPaths.defaultOut(for: configPaths) }

    /// The batch's plan, read-only (status, history): the configs found and loaded, their problems and errors
    /// printed (warnings are `sprout run`'s and `sprout validate`'s). `invalid`: configs or paths that cannot run.
    func readPlan() throws -> (plan: BatchPlan, invalid: Int) {
        let (paths, overrides) = try configArguments()
        let expansion = ConfigPaths.expand(paths, out: outFolder)
        DiagnosticOutput.print(expansion.problems, source: "", file: "")
        let plan = BatchPlan.make(expansion.files, out: outFolder, overrides: overrides)
        for result in plan.loaded where result.hasErrors {
            DiagnosticOutput.print(result, result.diagnostics.filter { $0.severity == .error })
        }
        return (plan, plan.invalidCount + expansion.problems.count)
    }
}
