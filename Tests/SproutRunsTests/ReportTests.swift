import Foundation
import SproutRuns
import Testing

/// The report's escaping: names from configs (runs, nodes, sweep variants, initializers) end up inert in the page,
/// and the embedded JSON decodes back to the same values.
@Suite struct ReportTests {
    static let hostile = "</script><script>alert(1)</script> & \"quoted\" 'single' <!-- <b>"

    /// A run named by `hostile`, with a node, a sweep variant and a test class of that name and a non-finite loss.
    static func hostileData() -> ReportData {
        var metrics = ReportData.Metrics()
        metrics.epoch = [0, 1, 2]
        metrics.trainLoss = [0.6931471805599453, 0.1 + 0.2, .nan]
        metrics.trainAccuracy = [0.5, 0.75, nil]
        metrics.validationLoss = [nil, .infinity, -.infinity]
        metrics.validationAccuracy = [nil, nil, nil]
        var layer = ReportData.Layer(node: hostile)
        layer.epoch = [0, 2]
        layer.activationStd = [0.125, nil]
        layer.distinctUnits = [1, 4]
        let run = ReportData.Run(path: "sweep/" + hostile, status: "diverged", initializer: hostile, epochs: 3,
                                 epochsCompleted: 2, seconds: 1.5, distinctUnits: 4, metrics: metrics, layers: [layer],
                                 previous: ReportData.Previous(id: hostile, status: "completed", changes: [hostile],
                                                               metrics: metrics),
                                 test: hostileEvaluation())
        return ReportData(runs: [run], sweeps: [ReportData.Sweep(path: "sweep", runs: [0], variants: [hostile])])
    }

    /// A test evaluation whose first class (a CSV target's text) is named by `hostile`: it heads a row and a column
    /// of the confusion matrix and a row of the per-class table.
    static func hostileEvaluation() -> Evaluation? {
        let object: [String: Any] = [
            "examples": 3, "loss": 0.5, "epoch": 2, "confusion_matrix": [[1, 0], [1, 1]],
            "per_class": [hostile, "b"].map { ["class": $0, "precision": 0, "recall": 0, "f1": 0, "support": 0] as [String: Any] },
        ]
        let json = try? JSONSerialization.data(withJSONObject: object)
        return json.flatMap { try? JSONDecoder().decode(Evaluation.self, from: $0) }
    }

    @Test func htmlEscapingLeavesNoMarkup() {
        #expect(ReportEscape.html(Self.hostile) == "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; "
            + "&quot;quoted&quot; &#39;single&#39; &lt;!-- &lt;b&gt;")
        #expect(ReportEscape.html("plain café ✓") == "plain café ✓")
    }

    /// Each escaped character by hand, among multi-byte neighbours (é is C3 A9, ✓ is E2 9C 93: a lead byte E2
    /// that is not the separators').
    @Test func scriptJSONEscapesTheFiveCharactersAndNothingElse() {
        #expect(ReportEscape.scriptJSON("\"a<b>c&d\u{2028}e\u{2029}f é ✓ \\u\"")
            == "\"a\\u003cb\\u003ec\\u0026d\\u2028e\\u2029f é ✓ \\u\"")
        #expect(ReportEscape.scriptJSON("\u{2028}") == "\\u2028")
        #expect(ReportEscape.scriptJSON("") == "")
    }

    @Test func embeddedJSONHasNoAngleBracketsOrAmpersandsAndDecodesBack() throws {
        let data = Self.hostileData()
        let json = try ReportEscape.embeddedJSON(data)
        #expect(!json.contains("<") && !json.contains(">") && !json.contains("&"))
        #expect(json.contains("\\u003c/script\\u003e"))
        let decoded = try ReportEscape.decoder().decode(ReportData.self, from: Data(json.utf8))
        // NaN is not equal to itself: compare the non-finite cells by their text, the rest exactly.
        #expect(decoded.runs[0].path == data.runs[0].path)
        #expect(decoded.runs[0].layers == data.runs[0].layers)
        #expect(decoded.sweeps == data.sweeps)
        #expect(decoded.runs[0].metrics.trainLoss.map(MetricsRow.format) == ["0.6931471805599453", "0.30000000000000004", "nan"])
        #expect(decoded.runs[0].metrics.validationLoss.map { $0.map(MetricsRow.format) } == [nil, "inf", "-inf"])
        #expect(decoded.runs[0].metrics.trainAccuracy == [0.5, 0.75, nil])
        #expect(decoded.runs[0].initializer == Self.hostile)
    }

    /// The whole page: the hostile name appears nowhere unescaped, so the only `<script` tags are the page's own
    /// three (data, Chart.js, the page's script) and the only `</script>` their ends.
    @Test func aHostileNameCannotOpenOrCloseAnElement() throws {
        let page = try ReportPage.html(Self.hostileData(), sources: [Self.hostile], chartJS: "/* Chart.js */")
        #expect(!page.contains(Self.hostile))
        #expect(!page.contains("<script>alert"))
        #expect(!page.contains("<b>"))
        #expect(page.components(separatedBy: "<script").count - 1 == 3)
        #expect(page.components(separatedBy: "</script>").count - 1 == 3)
        #expect(!page.contains("<!--"))
        let table = try #require(page.range(of: "</table>").map { page[..<$0.lowerBound] })
        #expect(table.components(separatedBy: "<tr>").count - 1 == 2)  // the header and one run
        // The run's charts (loss, accuracy, distinct units, activation std; no depth view: one node) and the sweep's
        // (train loss, val loss, train accuracy, no val accuracy was logged; distinct units), a canvas each.
        #expect(page.contains("<section class=\"run\" id=\"run-0\" data-index=\"0\" data-charts=\"loss accuracy "
            + "distinct_units activation_std\">"))
        #expect(page.contains("<section class=\"sweep\" id=\"sweep-0\" data-index=\"0\" data-charts=\"sweep:train_loss "
            + "sweep:val_loss sweep:train_accuracy sweep_distinct_units\">"))
        // The previous run's line names its entry and changes, escaped like every other name.
        #expect(page.contains("<p class=\"previous\">Dashed: the previous run, <code>&lt;/script&gt;"))
        // The hostile class heads the confusion matrix's first column and row, and the per-class table's first row.
        let escaped = ReportEscape.html(Self.hostile)
        #expect(page.contains("<tr><th class=\"axis\">true</th><th scope=\"col\">\(escaped)</th><th scope=\"col\">b</th></tr>"))
        #expect(page.components(separatedBy: "<tr><th scope=\"row\">\(escaped)</th><td class=\"number\"").count - 1 == 2)
    }

    @Test func theEmbeddedDataIsReadBackFromThePage() throws {
        let data = Self.hostileData()
        let page = try ReportPage.html(data, sources: ["runs"], chartJS: "")
        let start = try #require(page.range(of: "<script type=\"application/json\" id=\"sprout-data\">"))
        let end = try #require(page.range(of: "</script>", range: start.upperBound..<page.endIndex))
        let decoded = try ReportEscape.decoder().decode(ReportData.self, from: Data(page[start.upperBound..<end.lowerBound].utf8))
        #expect(decoded.runs.count == 1 && decoded.runs[0].layers == data.runs[0].layers)
    }

    @Test func aMissingChartLibraryNamesTheFileAndThePackage() {
        #expect {
            try ChartLibrary.read(from: "/nonexistent/chart.min.js")
        } throws: { error in
            "\(error)" == "cannot read /nonexistent/chart.min.js: No such file or directory; the report inlines "
                + "Chart.js from Debian's libjs-chart.js package (apt-get install libjs-chart.js)"
        }
    }
}
