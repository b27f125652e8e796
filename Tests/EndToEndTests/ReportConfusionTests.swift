import Foundation
import Testing

/// `sprout report` on a run with a test split, trained by the binary: the page's confusion matrix is run.json's
/// `test.confusion_matrix` cell for cell (both read here independently: the page as HTML text, run.json with
/// JSONDecoder), under run.json's class names; the test line, the table's `test acc` cell and the notes on the best
/// epoch and the restored weights say what run.json says; and the page, opened in headless Chromium, draws every
/// chart with nothing on the console.
@Suite struct ReportConfusionTests {
    /// Iris with a test split, early stopping that restores the best epoch, and a best checkpoint.
    static let config = """
        name: iris-test
        seed: 1
        data: {source: iris, test: 0.2, validation: 0.2, normalize: standardize}
        model:
          layers: [{name: hidden, type: dense, units: 8}, tanh, {name: out, type: dense, units: 3}]
        train:
          loss: cross_entropy
          optimizer: {type: adam, lr: 0.01}
          epochs: 5
          batch_size: 16
          early_stopping: {metric: val_loss, patience: 10, restore_best: true}
        log: {checkpoints: {best: auto}}

        """

    /// run.json's keys this test reads.
    struct Record: Decodable {
        struct Test: Decodable {
            struct ClassRow: Decodable { var `class`: String }
            var examples: Int
            var epoch: Int
            var accuracy: Double
            var confusion_matrix: [[Int]]
            var per_class: [ClassRow]
        }
        struct Best: Decodable { var epoch: Int; var metric: String; var value: Double }
        var test: Test
        var best: Best
        var restored_best: Int
    }

    /// The page's confusion matrix: each body row's counts, and the column headers (class names as the HTML has them).
    static func confusion(in page: String) throws -> (counts: [[Int]], columns: [String]) {
        let start = try #require(page.range(of: "<table class=\"confusion\">"))
        let end = try #require(page.range(of: "</table>", range: start.upperBound..<page.endIndex))
        let table = String(page[start.upperBound..<end.lowerBound])
        let body = try #require(table.components(separatedBy: "<tbody>").last)
        let cell = try NSRegularExpression(pattern: "<td[^>]*>([0-9]+)</td>")
        let counts = body.components(separatedBy: "<tr>").dropFirst().map { row in
            cell.matches(in: row, range: NSRange(row.startIndex..., in: row)).compactMap { match in
                Range(match.range(at: 1), in: row).flatMap { Int(row[$0]) }
            }
        }
        let columns = table.components(separatedBy: "<th scope=\"col\">").dropFirst().map { String($0.prefix { $0 != "<" }) }
        return (counts, columns)
    }

    /// The name as the page escapes it (`ReportEscape.html`, by hand).
    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;")
    }

    @Test func thePageShowsRunJSONsConfusionMatrix() throws {
        let scratch = try TemporaryDirectory()
        try scratch.write("configs/iris-test.yaml", Self.config)
        let runs = scratch.url.appendingPathComponent("runs").path
        let trained = try SproutBinary.run(["run", scratch.url.appendingPathComponent("configs").path, "--out", runs,
                                            "--quiet"], timeout: 300)
        #expect(trained.status == 0, "\(trained.stderr)")
        let report = try SproutBinary.run(["report", runs])
        #expect(report.status == 0, "\(report.stderr)")
        let page = try String(contentsOfFile: runs + "/report.html", encoding: .utf8)
        let record = try JSONDecoder().decode(Record.self, from: Data(contentsOf: URL(fileURLWithPath: runs + "/iris-test/run.json")))

        let matrix = record.test.confusion_matrix
        #expect(matrix.count == 3 && matrix.allSatisfy { $0.count == 3 })
        #expect(matrix.flatMap { $0 }.reduce(0, +) == record.test.examples)
        let shown = try Self.confusion(in: page)
        #expect(shown.counts == matrix)
        #expect(shown.columns == record.test.per_class.map { Self.escaped($0.class) })
        let correct = (0..<matrix.count).reduce(0) { $0 + matrix[$1][$1] }
        #expect(page.contains(", accuracy \(String(format: "%.4f", record.test.accuracy)) (\(correct) of "
            + "\(record.test.examples)), weights of epoch \(record.test.epoch).</p>"))
        #expect(record.test.epoch == record.restored_best, "restore_best: the test evaluates the restored weights")
        #expect(page.contains(">test acc</th>"))
        #expect(page.contains("<td class=\"number\" data-sort=\"\(record.test.accuracy)\">"
            + "\(String(format: "%.4f", record.test.accuracy))</td>"))
        #expect(page.contains("<p class=\"notes\">best epoch \(record.best.epoch) (\(record.best.metric) = "
            + "\(String(format: "%.4g", record.best.value))) · final weights = epoch \(record.restored_best) "
            + "(restore_best)</p>"))

        // In the browser: every chart drawn, none failed, nothing on the console; the matrix is in the DOM as written.
        let browser = try #require(ReportTests.chromium, "chromium-headless-shell is not installed (make test installs it)")
        let (dom, console) = try ReportTests.dumpDOM("file://\(runs)/report.html#all", browser: browser, scratch: scratch)
        #expect(console.isEmpty, "the page logged: \(console)")
        let canvases = ReportTests.chartCount(page)
        #expect(canvases > 0 && dom.contains("data-charts-drawn=\"\(canvases)\""))
        #expect(!dom.contains("data-charts-failed=\""))
        #expect(try Self.confusion(in: dom).counts == matrix)
    }
}
