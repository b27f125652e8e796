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
        subcommands: [RunCommand.self, StatusCommand.self, CancelCommand.self, HistoryCommand.self, DiffCommand.self, GCCommand.self,
                      BenchCommand.self, ValidateCommand.self, ShowCommand.self, EvaluateCommand.self, PredictCommand.self, SummarizeCommand.self, ReportCommand.self,
                      ParseCommand.self, SchemaCommand.self, WorkerCommand.self, SlurmTaskCommand.self]
    )

    /// A batch's worker, started with the arguments the batch writes, goes straight to its work: ArgumentParser
    /// builds the option set of every command by reflection before it parses anything, a few milliseconds of each
    /// process's start, and a batch starts a process per run (docs/performance.md, "Per-run overhead"). Every other
    /// command line (`sprout worker --help` too) is parsed by ArgumentParser as usual.
    static func main() {
        if let parent = WorkerCommand.batchArguments(CommandLine.arguments) {
            do { try WorkerCommand.work(parent: parent) } catch { exit(withError: error) }
            exit()
        }
        main(nil)
    }
}
