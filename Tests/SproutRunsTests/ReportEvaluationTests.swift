import Foundation
import SproutRuns
import Testing

/// A run's test evaluation in the report's HTML: the confusion matrix's cells, shades and class names (escaped), the
/// per-class scores, the runs table's test column, and the notes on the best checkpoint, the restored epoch and the
/// resumes, each written out by hand.
@Suite struct ReportEvaluationTests {
    /// Class names as a CSV target might hold them: one plain, one hostile, one with `&` and quotes.
    static let names = ["cat", "</td><script>alert(1)</script>", "dog & \"fox\""]

    /// run.json's `test` for the 3-class matrix [[5,1,0],[0,4,2],[1,0,6]], read as run.json is read: the scores are
    /// recomputed from the matrix, so per_class's numbers here are placeholders; its names are what is kept.
    static func evaluation() throws -> Evaluation {
        let perClass = names.map { name in
            ["class": name, "precision": 0, "recall": 0, "f1": 0, "support": 0] as [String: Any]
        }
        let object: [String: Any] = [
            "examples": 19, "loss": 0.5, "epoch": 7, "accuracy": 0, "mae": NSNull(),
            "confusion_matrix": [[5, 1, 0], [0, 4, 2], [1, 0, 6]], "per_class": perClass,
            "macro_avg": ["precision": 0, "recall": 0, "f1": 0],
        ]
        return try JSONDecoder().decode(Evaluation.self, from: JSONSerialization.data(withJSONObject: object))
    }

    /// A classification run with its test evaluation, best checkpoint, restored epoch and two resumes; a regression
    /// run with a test evaluation; a run without one.
    static func data() throws -> ReportData {
        let classified = ReportData.Run(path: "iris", status: "completed", epochs: 10, epochsCompleted: 10,
                                        test: try evaluation(),
                                        best: RunRecord.Best(epoch: 7, metric: "val_loss", value: 0.08125),
                                        restoredBest: 7, resumes: 2)
        let regression = ReportData.Run(path: "sine", status: "completed", epochs: 5, epochsCompleted: 5,
                                        test: Evaluation(examples: 40, loss: 0.03125, epoch: 5, meanAbsoluteError: 0.125),
                                        resumes: 1)
        return ReportData(runs: [classified, regression, ReportData.Run(path: "plain", status: "completed")], sweeps: [])
    }

    /// The text between the first `start` after `after` and the `end` that follows it.
    static func slice(_ page: String, from start: String, to end: String, after: String = "") throws -> Substring {
        let anchor = try #require(page.range(of: after.isEmpty ? start : after))
        let open = try #require(page.range(of: start, range: anchor.lowerBound..<page.endIndex))
        let close = try #require(page.range(of: end, range: open.upperBound..<page.endIndex))
        return page[open.lowerBound..<close.upperBound]
    }

    /// The matrix's cells by hand: row sums 6, 6, 7, each cell shaded by its share of its row (5/6 = 0.833 ...),
    /// white text above one half; the class names escaped, in class order, as column and row headers.
    @Test func theConfusionMatrixIsATableOfCountsShadedByRow() throws {
        let page = try ReportPage.html(Self.data(), sources: ["runs"], chartJS: "")
        let table = try Self.slice(page, from: "<table class=\"confusion\">", to: "</table>")
        func cell(_ count: Int, _ share: String, white: Bool = false) -> String {
            "<td class=\"number\" style=\"background: rgba(31, 119, 180, \(share))\(white ? "; color: #fff" : "")\">\(count)</td>"
        }
        let cat = "cat", hostile = "&lt;/td&gt;&lt;script&gt;alert(1)&lt;/script&gt;", dog = "dog &amp; &quot;fox&quot;"
        let expected = [
            "<thead><tr><th></th><th class=\"axis\" colspan=\"3\">predicted</th></tr>",
            "<tr><th class=\"axis\">true</th><th scope=\"col\">\(cat)</th><th scope=\"col\">\(hostile)</th>"
                + "<th scope=\"col\">\(dog)</th></tr></thead>",
            "<tbody>",
            "<tr><th scope=\"row\">\(cat)</th>" + cell(5, "0.833", white: true) + cell(1, "0.167") + cell(0, "0.000") + "</tr>",
            "<tr><th scope=\"row\">\(hostile)</th>" + cell(0, "0.000") + cell(4, "0.667", white: true) + cell(2, "0.333") + "</tr>",
            "<tr><th scope=\"row\">\(dog)</th>" + cell(1, "0.143") + cell(0, "0.000") + cell(6, "0.857", white: true) + "</tr>",
            "</tbody>",
            "</table>",
        ]
        let lines = table.split(separator: "\n").map(String.init)
        #expect(Array(lines.suffix(expected.count)) == expected)
        #expect(page.components(separatedBy: "<table class=\"confusion\">").count - 1 == 1, "only the classifier has one")
        #expect(!page.contains("<script>alert") && !page.contains(Self.names[1]))
    }

    /// Precision = TP / column sum (6, 5, 8), recall = TP / row sum (6, 6, 7), F1 their harmonic mean, by hand to
    /// four places; the macro average their plain mean, its support all 19 examples. The line above: the numbers
    /// and the tested epoch.
    @Test func thePerClassScoresAndTheTestLine() throws {
        let page = try ReportPage.html(Self.data(), sources: ["runs"], chartJS: "")
        let table = try Self.slice(page, from: "<table class=\"scores\">", to: "</table>")
        func row(_ name: String, _ numbers: [String], _ support: Int, macro: Bool = false) -> String {
            "<tr\(macro ? " class=\"macro\"" : "")><th scope=\"row\">\(name)</th>"
                + numbers.map { "<td class=\"number\">\($0)</td>" }.joined() + "<td class=\"number\">\(support)</td></tr>"
        }
        let rows = table.split(separator: "\n").filter { $0.hasPrefix("<tr") }.map(String.init)
        #expect(rows == [
            row("cat", ["0.8333", "0.8333", "0.8333"], 6),
            row("&lt;/td&gt;&lt;script&gt;alert(1)&lt;/script&gt;", ["0.8000", "0.6667", "0.7273"], 6),
            row("dog &amp; &quot;fox&quot;", ["0.7500", "0.8571", "0.8000"], 7),
            row("macro avg", ["0.7944", "0.7857", "0.7869"], 19, macro: true),
        ])
        #expect(page.contains("<p><strong>Test:</strong> 19 examples, loss 0.5, accuracy 0.7895 (15 of 19), "
            + "weights of epoch 7.</p>"))
        #expect(page.contains("<p><strong>Test:</strong> 40 examples, loss 0.03125, mae 0.125, weights of epoch 5.</p>"))
    }

    /// The runs table gets `test acc` (a classifier's test) and `test loss` (a regression's) after val accuracy,
    /// each sorted by the exact value; a run without a test split leaves both empty.
    @Test func theRunsTableHasTheTestColumns() throws {
        let page = try ReportPage.html(Self.data(), sources: ["runs"], chartJS: "")
        #expect(page.contains("<th data-column=\"7\" data-numeric=\"true\">val accuracy</th>"
            + "<th data-column=\"8\" data-numeric=\"true\">test acc</th><th data-column=\"9\" data-numeric=\"true\">test loss</th>"
            + "<th data-column=\"10\" data-numeric=\"true\">distinct units</th>"))
        let empty = "<td class=\"number\" data-sort=\"\"></td>"
        let rows = try Self.slice(page, from: "<tbody>", to: "</tbody>").split(separator: "\n").dropFirst().dropLast()
            .map { $0.components(separatedBy: "<td").dropFirst().map { "<td" + $0 } }
        #expect(rows.count == 3 && rows.allSatisfy { $0.count == 12 })
        #expect(rows[0][8] == "<td class=\"number\" data-sort=\"\(15.0 / 19.0)\">0.7895</td>" && rows[0][9] == empty)
        #expect(rows[1][8] == empty && rows[1][9] == "<td class=\"number\" data-sort=\"0.03125\">0.03125</td>")
        #expect(rows[2][8] == empty && rows[2][9] == empty)
        // No test split anywhere: the table as before, no test column.
        let plain = try ReportPage.html(ReportData(runs: [ReportData.Run(path: "plain", status: "completed")], sweeps: []),
                                        sources: ["runs"], chartJS: "")
        #expect(!plain.contains(">test acc<") && !plain.contains(">test loss<") && !plain.contains("class=\"test\""))
    }

    @Test func theNotesNameTheBestEpochTheRestoredWeightsAndTheResumes() throws {
        let page = try ReportPage.html(Self.data(), sources: ["runs"], chartJS: "")
        #expect(page.contains("<h3>iris</h3>\n<p>completed · 10 of 10 epochs</p>\n<p class=\"notes\">best epoch 7 "
            + "(val_loss = 0.08125) · final weights = epoch 7 (restore_best) · resumed 2 times</p>\n"))
        #expect(page.contains("<h3>sine</h3>\n<p>completed · 5 of 5 epochs</p>\n<p class=\"notes\">resumed 1 time</p>\n"))
        #expect(page.contains("<h3>plain</h3>\n<p>completed · 0 of 0 epochs</p>\n</section>"))
    }

    /// The embedded data carries the evaluation and the notes' values, and reads back to the same run.
    @Test func theEmbeddedDataReadsBack() throws {
        let data = try Self.data()
        let json = try ReportEscape.embeddedJSON(data)
        #expect(json.contains("\"confusion_matrix\":[[5,1,0],[0,4,2],[1,0,6]]"))
        #expect(json.contains("\"restored_best\":7") && json.contains("\"resumes\":2"))
        let decoded = try ReportEscape.decoder().decode(ReportData.self, from: Data(json.utf8))
        #expect(decoded == data)
    }
}
