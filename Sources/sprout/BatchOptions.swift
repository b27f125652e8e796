import ArgumentParser

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
}
