import Foundation
import Testing

/// `sprout report` on runs the binary trained: the data embedded in the page equals the CSV files it came from (read
/// here independently, as text), the table has a row per run, a sweep is grouped by its variants, and the page
/// draws every chart in a real browser (Debian's chromium-headless-shell, which `make test` installs).
@Suite struct ReportTests {
    /// A tiny xor config with a validation split; `extra` adds a sweep.
    static func config(extra: String = "") -> String {
        """
        data: {source: xor, samples: 16, noise: 0.1, validation: 0.25}
        model:
          layers:
            - {name: hidden, type: dense, units: 4}
            - relu
            - {name: out, type: dense, units: 2}
        train:
          loss: cross_entropy
          optimizer: {type: sgd, lr: 0.1}
          epochs: 3
          batch_size: 4
        \(extra)
        """
    }

    /// The embedded data, the keys this test reads (decoded with JSONDecoder: JSONSerialization rounds some doubles
    /// on Linux, and the values must be the CSV files' to the last digit).
    struct Data: Decodable {
        struct Run: Decodable {
            var path: String
            var status: String
            var distinct_units: Int?
            var metrics: [String: [Double?]]
            var layers: [Layer]
        }
        struct Layer: Decodable {
            var node: String
            var epoch: [Int]
            var activation_std: [Double?]
            var distinct_units: [Int?]
        }
        struct Sweep: Decodable {
            var path: String
            var runs: [Int]
            var variants: [String]
        }
        var runs: [Run]
        var sweeps: [Sweep]
    }

    /// Two configs trained into a fresh folder (one a sweep of two initializers: three runs), then reported.
    static func trainedAndReported(_ scratch: TemporaryDirectory) throws -> (runs: String, page: String) {
        try scratch.write("configs/plain.yaml", config())
        try scratch.write("configs/init.yaml", config(extra: "sweep:\n  model.init.weight: [zeros, xavier_uniform]"))
        let runs = scratch.url.appendingPathComponent("runs").path
        let trained = try SproutBinary.run(["run", scratch.url.appendingPathComponent("configs").path, "--out", runs,
                                            "-j", "2", "--quiet"], timeout: 300)
        #expect(trained.status == 0, "\(trained.stderr)")
        // The batch writes the same page as it ends, and names it on its last line.
        #expect(trained.stdout.hasSuffix("3 runs: 3 completed; summary in \(runs)/summary.csv, report in \(runs)/report.html\n"),
                "\(trained.stdout)")
        let written = try String(contentsOfFile: runs + "/report.html", encoding: .utf8)
        let report = try SproutBinary.run(["report", runs])
        #expect(report.status == 0, "\(report.stderr)")
        #expect(report.stdout == "report of 3 runs in \(runs)/report.html\n")
        let page = try String(contentsOfFile: runs + "/report.html", encoding: .utf8)
        #expect(page == written, "sprout run and sprout report write the same page of the same runs")
        return (runs, page)
    }

    static func embedded(_ page: String) throws -> Data {
        let start = try #require(page.range(of: "<script type=\"application/json\" id=\"sprout-data\">"))
        let end = try #require(page.range(of: "</script>", range: start.upperBound..<page.endIndex))
        return try JSONDecoder().decode(Data.self, from: Foundation.Data(page[start.upperBound..<end.lowerBound].utf8))
    }

    /// A number of the embedded data as metrics.csv writes it (Swift's shortest exact text), `""` for null.
    static func text(_ value: Double?) -> String { value.map { "\($0)" } ?? "" }

    @Test func theEmbeddedDataIsTheRunsCSVFiles() throws {
        let scratch = try TemporaryDirectory()
        let (runs, page) = try Self.trainedAndReported(scratch)
        let data = try Self.embedded(page)
        #expect(data.runs.map(\.path) == ["init/weight=xavier_uniform", "init/weight=zeros", "plain"])
        #expect(data.runs.allSatisfy { $0.status == "completed" })
        for run in data.runs {
            let metrics = try MetricsTable(path: "\(runs)/\(run.path)/metrics.csv")
            #expect(metrics.rows.count == 4, "epoch 0 and three epochs")
            for column in ["epoch", "train_loss", "train_accuracy", "val_loss", "val_accuracy"] {
                let index = try #require(metrics.header.firstIndex(of: column))
                let embedded = try #require(run.metrics[column], "\(column) missing")
                let shown = column == "epoch" ? embedded.map { $0.map { String(Int($0)) } ?? "" } : embedded.map(Self.text)
                #expect(shown == metrics.rows.map { $0[index] }, "\(run.path) \(column)")
            }
            let layers = try MetricsTable(path: "\(runs)/\(run.path)/layers.csv")
            let node = try #require(layers.header.firstIndex(of: "node"))
            let std = try #require(layers.header.firstIndex(of: "activation_std"))
            let units = try #require(layers.header.firstIndex(of: "distinct_units"))
            for layer in run.layers {
                let rows = layers.rows.filter { $0[node] == layer.node }
                #expect(layer.activation_std.map(Self.text) == rows.map { $0[std] }, "\(run.path) \(layer.node)")
                #expect(layer.distinct_units.map { $0.map(String.init) ?? "" } == rows.map { $0[units] })
            }
            var nodes: [String] = []
            for row in layers.rows where !nodes.contains(row[node]) { nodes.append(row[node]) }
            #expect(run.layers.map(\.node) == nodes && nodes.count == 3, "a series per node, in the file's order")
        }
        let sweep = try #require(data.sweeps.first)
        #expect(data.sweeps.count == 1)
        #expect(sweep.path == "init" && sweep.runs == [0, 1] && sweep.variants == ["weight=xavier_uniform", "weight=zeros"])

        let body = try #require(page.range(of: "<tbody>").flatMap { start in
            page.range(of: "</tbody>").map { page[start.upperBound..<$0.lowerBound] } })
        #expect(body.components(separatedBy: "<tr>").count - 1 == 3, "one table row per run")
        // zeros keeps the hidden layer's units identical (no gradient reaches it), xavier_uniform's four stay apart.
        #expect(data.runs.map(\.distinct_units) == [4, 1, 4])
        #expect(body.contains("<a href=\"#run-1\">init/weight=zeros</a></td><td data-sort=\"completed\">completed</td>"
            + "<td data-sort=\"zeros\">zeros</td>"))
    }

    /// Debian's headless Chromium (`chromium-headless-shell`), or the full browser, whichever is installed.
    static var chromium: String? {
        ["/usr/bin/chromium-headless-shell", "/usr/lib/chromium/chromium-headless-shell", "/usr/bin/chromium"]
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// The page in a real browser: its script runs to the end and marks the body with the number of charts drawn
    /// (a state `--dump-dom` shows once the virtual time budget has let every script finish, not a sleep), which
    /// is every canvas of the page, and none failed. Each test's browser has a profile folder of its own in the
    /// test's scratch folder, so parallel tests never share one, and is killed if it outlives its timeout.
    @Test func everyChartIsDrawnInHeadlessChromium() throws {
        let scratch = try TemporaryDirectory()
        let (runs, page) = try Self.trainedAndReported(scratch)
        let canvases = page.components(separatedBy: "<canvas").count - 1
        #expect(canvases == 16, "4 per run (loss, accuracy, distinct units, activation std), 4 for the sweep")
        let browser = try #require(Self.chromium, "chromium-headless-shell is not installed (make test installs it)")
        let profile = scratch.url.appendingPathComponent("chromium-profile").path
        // --enable-logging=stderr: the page's console (errors, uncaught exceptions) as `INFO:CONSOLE` lines.
        let result = try SproutBinary.run(["--headless", "--disable-gpu", "--no-sandbox", "--no-first-run",
                                           "--enable-logging=stderr", "--v=0",
                                           "--user-data-dir=\(profile)", "--virtual-time-budget=5000", "--dump-dom",
                                           "file://\(runs)/report.html"], timeout: 120, executable: browser)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("data-charts-drawn=\"\(canvases)\""), "\(result.stderr)")
        #expect(!result.stdout.contains("data-charts-failed=\""), "the attribute, not the script's text naming it")
        #expect(result.stdout.components(separatedBy: "<canvas").count - 1 == canvases)
        let console = result.stderr.split(separator: "\n").filter { $0.contains(":CONSOLE") }
        #expect(console.isEmpty, "the page logged: \(console)")
        // Each sweep chart holds a line per variant, as Chart.js has it after drawing.
        let sweepCharts = result.stdout.components(separatedBy: "<canvas data-chart=\"sweep\"").dropFirst()
        let tags = sweepCharts.map { $0.prefix { $0 != ">" } }
        #expect(tags.count == 4 && tags.allSatisfy { $0.contains("data-lines=\"2\"") }, "\(tags)")
    }

    /// Without Chart.js there is no report: one sentence naming the file and the package, exit status 1.
    @Test func aMissingChartLibraryIsAnErrorNamingThePackage() throws {
        let scratch = try TemporaryDirectory()
        let runs = scratch.url.appendingPathComponent("runs").path
        try FileManager.default.createDirectory(atPath: runs, withIntermediateDirectories: true)
        let missing = scratch.url.appendingPathComponent("chart.min.js").path
        let result = try SproutBinary.run(["report", runs], environment: ["SPROUT_CHARTJS": missing])
        #expect(result.status == 1)
        #expect(result.stderr == "error: cannot read \(missing): No such file or directory; the report inlines Chart.js "
            + "from Debian's libjs-chart.js package (apt-get install libjs-chart.js)\n")
        #expect(!FileManager.default.fileExists(atPath: runs + "/report.html"))
    }
}
