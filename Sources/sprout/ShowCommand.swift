import Foundation
import ArgumentParser
import SproutConfig
import SproutRuns
import SproutTraining

/// `sprout show CONFIG`: the config as Sprout understands it, every default filled in, and the model's tables;
/// with `--probe`, the signal at initialization instead (`ProbeOutput`).
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print a config with every default filled in, and its model: nodes, widths, parameters, initializers.",
        discussion: "The resolved config is itself a valid config describing the same experiment (for a sweep: its first run, "
            + "and the list of all runs). With --probe, runs one forward and one backward pass on the run's first "
            + "training batch at initialization (no update) and prints each node's activation and gradient spread, "
            + "marking where the signal vanishes or explodes (docs/inspecting.md). Exits 1 when the config has errors "
            + "or its data cannot be read."
    )

    @Argument(help: ArgumentHelp("The config file, then any overrides of its settings: key.path=value, "
                                 + "+key.path=value (add), ~key.path (remove).", valueName: "config-and-overrides"))
    var arguments: [String]

    @Flag(name: [.customLong("sweep"), .customShort("m")],
          help: "Sweep every override whose value has commas outside brackets (lr=0.1,0.01): one run per value.")
    var sweep = false

    @Flag(help: "Probe the initialization: activation and gradient spread per node on the first training batch.")
    var probe = false

    @Flag(help: "Print the config as written after extends and overrides, each value with the file:line it comes from.")
    var origins = false

    @Option(help: "With --probe, the sweep run to probe, by its variant name (default: the first run).")
    var variant: String?

    func validate() throws {
        if variant != nil && !probe { throw ValidationError("--variant needs --probe") }
        if origins && probe { throw ValidationError("--origins and --probe print different things: choose one") }
    }

    func run() throws {
        let split = try ConfigArguments(arguments, sweep: sweep)
        guard split.paths.count == 1, let file = split.paths.first else {
            throw ValidationError("name one config file (and any overrides), found \(split.paths.count) paths: \(split.paths.joined(separator: " "))")
        }
        let config = ConfigLoader.load(path: file, overrides: split.overrides)
        DiagnosticOutput.print(config)
        guard let spec = config.spec else { throw ExitCode(1) }
        if origins, let merged = config.merged {
            print("# \(file) as written, after extends and overrides; each value's file:line on its right. Defaults are "
                  + "not listed (sprout show without --origins fills them in).")
            print(ConfigOrigins.text(merged), terminator: "")
            return
        }
        if probe {
            try ProbeOutput.run(file: file, runs: config.runs, variant: variant)
            return
        }
        print(ResolvedConfig.header(spec) + ResolvedConfig.yaml(spec), terminator: "")
        print("")
        print(ModelReport.text(for: spec.model).split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "#" : "# " + $0 }.joined(separator: "\n"))
        if config.runs.count > 1 {
            print("#\n# The sweep makes \(config.runs.count) runs; above is the first, \(spec.runPath). All of them:")
            // Where `sprout run` puts them: the config's folder below its configs root, below the default output.
            let out = ConfigPaths.defaultOut(for: [file])
            let folder = ConfigPaths.folder(of: file, argument: (ConfigPaths.absolute(file) as NSString).deletingLastPathComponent)
            for run in config.runs {
                print("#   " + [out, folder, run.runPath].filter { !$0.isEmpty }.joined(separator: "/"))
            }
        }
    }
}
