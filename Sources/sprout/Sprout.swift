import ArgumentParser
import SproutRuns

/// `sprout`: check and train declarative neural-network experiments.
///
/// Exit status: 0 success; 1 a config invalid or a run failed; 64 bad command-line usage (ArgumentParser's own
/// validation failures already use 64, EX_USAGE).
@main
struct Sprout: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sprout",
        abstract: "Train neural networks described in YAML, and see why their weights must start random.",
        version: SproutVersion.current,
        subcommands: [RunCommand.self, StatusCommand.self, HistoryCommand.self, DiffCommand.self, GCCommand.self,
                      BenchCommand.self, ValidateCommand.self, ShowCommand.self, SummarizeCommand.self, ParseCommand.self,
                      SchemaCommand.self, WorkerCommand.self]
    )
}
