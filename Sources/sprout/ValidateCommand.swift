import ArgumentParser
import SproutConfig

/// `sprout validate PATH...`: every problem of every config, then a summary line.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check configs without training: every problem in one pass.",
        discussion: "Directories are searched recursively for *.yaml and *.yml files. Exits 0 when no config has an error, 1 otherwise (or on any warning with --strict)."
    )

    @Argument(help: ArgumentHelp("Config files or directories, and overrides of their settings: key.path=value, "
                                 + "+key.path=value (add), ~key.path (remove).", valueName: "config-or-override"))
    var arguments: [String]

    @Flag(help: "Treat warnings as errors.")
    var strict = false

    @Flag(name: [.customLong("sweep"), .customShort("m")],
          help: "Sweep every override whose value has commas outside brackets (lr=0.1,0.01): one run per value.")
    var sweep = false

    func run() throws {
        let split = try ConfigArguments(arguments, sweep: sweep)
        guard !split.paths.isEmpty else { throw ValidationError("name at least one config file or directory") }
        let expansion = ConfigPaths.expand(split.paths)
        let files = expansion.files.map(\.path), problems = expansion.problems
        DiagnosticOutput.print(problems, source: "", file: "")
        var errors = problems.count, warnings = 0, acknowledged = 0
        for file in files {
            let result = ConfigLoader.load(path: file, overrides: split.overrides)
            DiagnosticOutput.print(result)
            errors += result.diagnostics.filter { $0.severity == .error }.count
            warnings += result.diagnostics.filter { $0.severity == .warning }.count
            acknowledged += result.acknowledged
        }
        let summary = "validated \(DiagnosticOutput.count(files.count, "file")): "
            + "\(DiagnosticOutput.count(errors, "error")), \(DiagnosticOutput.count(warnings, "warning"))"
            + (acknowledged > 0 ? " (\(acknowledged) expected by expect_warnings)" : "")
        DiagnosticOutput.printError(summary)
        if errors > 0 || (strict && warnings > 0) { throw ExitCode(1) }
    }
}
