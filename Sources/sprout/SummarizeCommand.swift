import ArgumentParser
import Foundation
import SproutRuns

extension RunOverview.Format: ExpressibleByArgument {}

/// `sprout summarize DIR...`: one table row per run directory found under the folders (docs/inspecting.md).
struct SummarizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summarize",
        abstract: "Print a table of the runs under each folder: initializer, status, epochs, accuracies, distinct units, loss.",
        discussion: "Every folder holding a run.json is a run, at any depth, sorted by its path relative to DIR (with several "
            + "DIRs, DIR/path). The same runs always give the same bytes. Exits 1 when a DIR holds no run or a run's files "
            + "cannot be read (each problem is reported; the other runs are still shown)."
    )

    @Argument(help: "Folders holding run directories (what `sprout run` wrote).")
    var directories: [String]

    @Option(help: "markdown (a table to read or paste) or csv (exact numbers, for scripts).")
    var format = RunOverview.Format.markdown

    func run() throws {
        var rows: [RunOverview] = []
        var problems: [String] = []
        for directory in directories {
            guard let found = RunDirectories.find(under: directory) else {
                problems.append("\(directory): not a readable folder")
                continue
            }
            if found.isEmpty { problems.append("\(directory): no runs found (no folder below holds a run.json)") }
            for path in found {
                let shown = directories.count > 1 ? (path.isEmpty ? directory : "\(directory)/\(path)") : path
                let runDirectory = path.isEmpty ? directory : (directory as NSString).appendingPathComponent(path)
                if let row = RunOverview.read(runDirectory, path: shown, problems: &problems) { rows.append(row) }
            }
        }
        if !rows.isEmpty { print(RunOverview.table(rows, format: format), terminator: "") }
        for problem in problems { DiagnosticOutput.printError("error: \(problem)") }
        if !problems.isEmpty { throw ExitCode(1) }
    }
}
