import Foundation

/// `sprout report`'s page: one self-contained HTML file (docs/report.md). The runs table, each run's notes and test
/// evaluation (`notes`, `evaluation`) and the charts' frames (headings, one `<canvas>` per `ReportChart`) are written
/// here, every name through `ReportEscape.html`, so the tables read without script; the data goes in once as JSON
/// (`ReportEscape.embeddedJSON`), Chart.js and the page's script (`ReportPage.script`) follow it inline, and the
/// script draws every canvas from the data.
package enum ReportPage {
    /// The table's columns: header, and whether its cells sort as numbers. `test acc` when a run has a
    /// classification test evaluation, `test loss` when a run has a regression one (`testColumns`).
    static func columns(_ data: ReportData) -> [(title: String, numeric: Bool)] {
        let test = testColumns(data)
        return [("run", false), ("status", false), ("initializer", false), ("epochs", true), ("train loss", true),
                ("val loss", true), ("train accuracy", true), ("val accuracy", true)]
            + (test.accuracy ? [("test acc", true)] : []) + (test.loss ? [("test loss", true)] : [])
            + [("distinct units", true), ("seconds", true)]
    }

    /// Which test columns the table has: accuracy when some run's test evaluation is a classification's, loss when
    /// some run's is a regression's (a run without a test split leaves its cells empty).
    static func testColumns(_ data: ReportData) -> (accuracy: Bool, loss: Bool) {
        (data.runs.contains { $0.test?.scores != nil }, data.runs.contains { $0.test != nil && $0.test?.scores == nil })
    }

    /// The page for `data`; `sources` (the folders reported) are named in its first line; `chartJS` is the library's
    /// text (`ChartLibrary.read`).
    package static func html(_ data: ReportData, sources: [String], chartJS: String) throws -> String {
        let runs = data.runs.count == 1 ? "1 run" : "\(data.runs.count) runs"
        var page = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Sprout report: \(runs)</title>
        <style>\(style)</style>
        </head>
        <body>
        <h1>Sprout report</h1>
        <p>\(runs) from \(sources.map { "<code>\(ReportEscape.html($0))</code>" }.joined(separator: ", ")). Click a
        column's header to sort the table by it.</p>

        """
        page += table(data)
        if !data.sweeps.isEmpty {
            page += "<h2>Sweeps</h2>\n"
            for index in data.sweeps.indices {
                page += "<section class=\"sweep\" id=\"sweep-\(index)\"\(charts(ReportChart.charts(sweep: index, of: data)))>\n"
                page += "<h3>\(ReportEscape.html(data.sweeps[index].path))</h3>\n</section>\n"
            }
        }
        page += "<h2>Runs</h2>\n"
        for (index, run) in data.runs.enumerated() {
            let facts = [run.status, run.initializer ?? "", "\(run.epochsCompleted) of \(run.epochs) epochs"]
                .filter { !$0.isEmpty }.map(ReportEscape.html).joined(separator: " · ")
            page += "<section class=\"run\" id=\"run-\(index)\"\(charts(ReportChart.charts(run: index, of: data)))>\n"
            page += "<h3>\(ReportEscape.html(run.path))</h3>\n<p>\(facts)</p>\n"
            page += notes(run)
            if let previous = run.previous { page += Self.previous(previous) }
            if let test = run.test { page += evaluation(test) }
            page += "</section>\n"
        }
        page += "<script type=\"application/json\" id=\"sprout-data\">\(try ReportEscape.embeddedJSON(data))</script>\n"
        page += "<script>\n\(chartJS)\n</script>\n<script>\n\(script)\n</script>\n</body>\n</html>\n"
        return page
    }

    /// The runs table: a row per run, its link to the run's charts, each number's exact value in `data-sort`.
    static func table(_ data: ReportData) -> String {
        let header = columns(data).enumerated().map { index, column in
            "<th data-column=\"\(index)\" data-numeric=\"\(column.numeric)\">\(ReportEscape.html(column.title))</th>"
        }.joined()
        let test = testColumns(data)
        var rows = ""
        for (index, run) in data.runs.enumerated() {
            let final = run.final
            let regression = run.test.flatMap { $0.scores == nil ? $0.loss : nil }
            let testCells = (test.accuracy ? [number(run.test?.scores?.accuracy, format: "%.4f")] : [])
                + (test.loss ? [number(regression, format: "%.4g")] : [])
            let cells = [
                "<td data-sort=\"\(ReportEscape.html(run.path))\"><a href=\"#run-\(index)\">\(ReportEscape.html(run.path))</a></td>",
                text(run.status), text(run.initializer ?? ""),
                number(Double(run.epochsCompleted), shown: "\(run.epochsCompleted)"),
                number(final?.trainLoss, format: "%.4g"), number(final?.validationLoss, format: "%.4g"),
                number(final?.trainAccuracy, format: "%.4f"), number(final?.validationAccuracy, format: "%.4f"),
            ] + testCells + [
                number(run.distinctUnits.map(Double.init), format: "%.0f"), number(run.seconds, format: "%.2f"),
            ]
            rows += "<tr>" + cells.joined() + "</tr>\n"
        }
        return "<table id=\"runs\">\n<thead><tr>\(header)</tr></thead>\n<tbody>\n\(rows)</tbody>\n</table>\n"
    }

    static func text(_ value: String) -> String {
        "<td data-sort=\"\(ReportEscape.html(value))\">\(ReportEscape.html(value))</td>"
    }

    /// A number's cell: shown rounded, sorted by its exact value (metrics.csv's text); empty when there is none.
    static func number(_ value: Double?, format: String = "%g", shown: String? = nil) -> String {
        guard let value else { return "<td class=\"number\" data-sort=\"\"></td>" }
        let text = shown ?? Self.shown(value, format: format)
        return "<td class=\"number\" data-sort=\"\(MetricsRow.format(value))\">\(ReportEscape.html(text))</td>"
    }

    /// The line naming the run the dashed lines are: the store's previous entry, and what differs from it.
    static func previous(_ previous: ReportData.Previous) -> String {
        let changes = previous.changes.isEmpty ? "the same inputs" : previous.changes.joined(separator: "; ")
        return "<p class=\"previous\">Dashed: the previous run, <code>\(ReportEscape.html(previous.id))</code> "
            + "(\(ReportEscape.html(previous.status))); changed since: \(ReportEscape.html(changes)).</p>\n"
    }

    /// A section's charts, as its attributes: `data-index` (into the data's runs or sweeps) and `data-charts`, the
    /// charts' tokens (`loss accuracy ...`, `sweep:train_loss ...`). The script makes each chart's figure and canvas
    /// when the section comes near the view: a page of a thousand runs holds six thousand charts, and their elements
    /// alone, parsed and laid out, would double the time it takes to open.
    static func charts(_ charts: [ReportChart]) -> String {
        guard let index = charts.first?.index else { return "" }
        return " data-index=\"\(index)\" data-charts=\"\(ReportEscape.html(charts.map(\.token).joined(separator: " ")))\""
    }
}
