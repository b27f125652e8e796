import ArgumentParser
import Foundation
import SproutRuns

/// `sprout history CONFIG`: every run the store keeps of a config's runs, newest first (docs/runs.md, "History").
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "List the runs the store keeps of each config's runs, newest first: when, git commit, status, final metrics, what changed.",
        discussion: "For each run of the configs given (a sweep has several): one line per run in the store, newest first; "
            + "`*` marks the one the run's path points at (the run of the config as it is now). `git` is the commit of the "
            + "config's repository when it trained, `+` when the config differed from that commit. The last column names "
            + "what differs from the run on the line below (the config's keys and values, data files), `same inputs` for a "
            + "forced rerun. --format csv prints the same as one table."
    )

    @OptionGroup var batch: BatchOptions

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, csv }

    @Option(help: "text (to read) or csv (for scripts).")
    var format = Format.text

    func run() throws {
        let (plan, invalid) = try batch.readPlan()
        let store = RunStore(out: batch.outFolder)
        var table: [[String]] = []
        for run in plan.runs {
            let lines = Self.lines(of: run, in: store)
            if format == .text {
                print("\(run.name) (\(run.config)): \(DiagnosticOutput.count(lines.count, "run")) kept")
                if !lines.isEmpty { print(Self.aligned(lines.map(\.text)).joined(separator: "\n")) }
            }
            table += lines.map { [run.config, run.name] + $0.csv }
        }
        if format == .csv {
            let header = ["config", "run", "current", "entry", "started", "status", "git_commit", "git_dirty",
                          "epochs_completed", "train_loss", "train_accuracy", "val_loss", "val_accuracy", "changes"]
            print(([header] + table).map { $0.map(CSVWriter.escape).joined(separator: ",") }.joined(separator: "\n"))
        }
        if invalid > 0 { throw ExitCode(1) }
    }

    /// The name's entries, newest first, each as a text row and a CSV row.
    static func lines(of run: PlannedRun, in store: RunStore) -> [(text: [String], csv: [String])] {
        let current = store.current(of: run.name)?.id
        var stored = store.entries(of: run.name).compactMap { entry in (try? StoredRun.read(entry.path)).map { (entry.id, $0) } }
        // A run directory from before the store sits where the link will go until the next run moves it in.
        if current == nil, RunStore.isRealFolder(run.directory), let unstored = try? StoredRun.read(run.directory) {
            stored.append(("(not yet in the store)", unstored))
        }
        var result: [(text: [String], csv: [String])] = []
        for (index, (id, run)) in stored.enumerated().reversed() {
            let changes = index > 0 ? stored[index - 1].1.changes(to: run) : []
            let what = index == 0 ? "first run kept" : changes.isEmpty ? "same inputs" : changes.joined(separator: "; ")
            let record = run.record, final = record.final
            let mark = id == current || id.hasPrefix("(") ? "*" : " "
            let when = String(RunRecord.timestamp(record.started).prefix(16)).replacingOccurrences(of: "T", with: " ")
            let status = SummaryStatus(recorded: record).rawValue
            func number(_ value: Double?) -> String { value.map { String(format: "%.4g", $0) } ?? "-" }
            result.append((
                text: [mark, id, when, status, record.git?.short ?? "-", "loss \(number(final?.trainLoss))",
                       "acc \(number(final?.trainAccuracy))", final?.validationLoss.map { "val \(number($0))" } ?? "", what],
                csv: [mark == "*" ? "yes" : "", id, RunRecord.timestamp(record.started), status, record.git?.commit ?? "",
                      record.git.map { $0.dirty ? "true" : "false" } ?? "", String(record.epochsCompleted),
                      final.map { MetricsRow.format($0.trainLoss) } ?? "", final?.trainAccuracy.map(MetricsRow.format) ?? "",
                      final?.validationLoss.map(MetricsRow.format) ?? "", final?.validationAccuracy.map(MetricsRow.format) ?? "",
                      changes.joined(separator: "; ")]))
        }
        return result
    }

    /// Columns padded to their widest cell, two spaces apart, indented.
    static func aligned(_ rows: [[String]]) -> [String] {
        let columns = rows.map(\.count).max() ?? 0
        let width = (0..<columns).map { column in rows.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0 }
        return rows.map { row in
            "  " + row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell.padding(toLength: width[column], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
    }
}
