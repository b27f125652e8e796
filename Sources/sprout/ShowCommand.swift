import ArgumentParser
import SproutConfig
import SproutRun

/// `sprout show CONFIG`: the config as Sprout understands it, every default filled in, and the model's tables.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print a config with every default filled in, and its model: nodes, widths, parameters, initializers.",
        discussion: "The resolved config is itself a valid config describing the same experiment (for a sweep: its first run, "
            + "and the list of all runs). Exits 1 when the config has errors."
    )

    @Argument(help: "The config file.")
    var file: String

    func run() throws {
        let config = ConfigLoader.load(path: file)
        DiagnosticOutput.print(config.diagnostics, source: config.source, file: file)
        guard let spec = config.spec else { throw ExitCode(1) }
        print(ResolvedConfig.yaml(spec), terminator: "")
        print("")
        print(ModelReport.text(for: spec.model).split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "#" : "# " + $0 }.joined(separator: "\n"))
        if config.runs.count > 1 {
            print("#\n# The sweep makes \(config.runs.count) runs; above is the first, \(spec.runPath). All of them:")
            for run in config.runs { print("#   runs/\(run.runPath)") }
        }
    }
}
