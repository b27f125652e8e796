import ArgumentParser
import Foundation
import SproutRuns

/// `sprout report [PATH...] [-o FILE]`: one self-contained HTML page of the runs under the folders (docs/report.md).
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write an HTML report of the runs under each folder: the runs table, and charts of every run and sweep.",
        discussion: "One self-contained file (Chart.js from Debian's libjs-chart.js inlined; no network), written "
            + "atomically. Every folder holding a run.json is a run, at any depth, through the runs' links. The page draws "
            + "the charts near the view as it scrolls; open it as report.html#all to draw every chart at once (docs/report.md). "
            + "Exits 1 when "
            + "Chart.js is missing, the file cannot be written, a PATH holds no run or a run's files cannot be read (each "
            + "problem is reported; the report still shows the other runs)."
    )

    @Argument(help: "Folders holding run directories (what `sprout run` wrote).")
    var paths: [String] = ["runs"]

    @Option(name: .shortAndLong, help: "The HTML file to write (default: report.html in the first PATH).")
    var output: String?

    func run() throws {
        let chartJS: String
        do {
            chartJS = try ChartLibrary.read()
        } catch {
            DiagnosticOutput.printError("error: \(error)")
            throw ExitCode(1)
        }
        var problems: [String] = []
        let data = ReportData.read(folders: paths, problems: &problems)
        // A page with no run would say nothing; the problems say why there is none.
        if !data.runs.isEmpty {
            let file = output ?? ((paths.first ?? "runs") as NSString).appendingPathComponent("report.html")
            do {
                try AtomicFile.write(try ReportPage.html(data, sources: paths, chartJS: chartJS), to: file)
                print("report of \(data.runs.count == 1 ? "1 run" : "\(data.runs.count) runs") in \(file)")
            } catch {
                problems.append("\(error)")
            }
        }
        for problem in problems { DiagnosticOutput.printError("error: \(problem)") }
        if !problems.isEmpty { throw ExitCode(1) }
    }
}
