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

    /// The page in `browser` at `url` (a fragment picks the page's modes, docs/report.md): the DOM once the page's
    /// script has run, and the page's console lines. `--dump-dom` prints the DOM when the virtual time budget has let
    /// every script and observer callback finish: a state, not a sleep. Each call's browser has a profile folder of
    /// its own in the test's scratch folder, so parallel tests never share one, and is killed if it outlives its
    /// timeout.
    static func dumpDOM(_ url: String, browser: String, scratch: TemporaryDirectory,
                        window: String = "1280,900") throws -> (dom: String, console: [String]) {
        let profile = scratch.url.appendingPathComponent("chromium-profile-\(UUID().uuidString)").path
        // --enable-logging=stderr: the page's console (errors, uncaught exceptions) as `INFO:CONSOLE` lines.
        let result = try SproutBinary.run(["--headless", "--disable-gpu", "--no-sandbox", "--no-first-run",
                                           "--enable-logging=stderr", "--v=0", "--window-size=\(window)",
                                           "--user-data-dir=\(profile)", "--virtual-time-budget=5000", "--dump-dom",
                                           url], timeout: 120, executable: browser)
        #expect(result.status == 0, "\(result.stderr)")
        return (result.stdout, result.stderr.split(separator: "\n").filter { $0.contains(":CONSOLE") }.map(String.init))
    }

    /// Each `<canvas ...>` tag of a dumped page, its attributes as text.
    static func canvasTags(_ dom: String) -> [Substring] {
        dom.components(separatedBy: "<canvas").dropFirst().map { $0.prefix { $0 != ">" } }
    }

    /// An attribute's value in a tag's text (`data-lines="2"` -> 2).
    static func attribute(_ name: String, in tag: Substring) -> Int? {
        guard let start = tag.range(of: " \(name)=\"") else { return nil }
        return Int(tag[start.upperBound...].prefix { $0 != "\"" })
    }

    /// The charts each section of the page holds, decided by hand from the runs: every run has loss and accuracy
    /// (a validation split), layers.csv gives distinct units and activation std, and relu's dead fraction; the
    /// depth view needs a positive activation std at epoch 0, which the zeros start has nowhere (every hidden and
    /// output value is 0). The sweep: its four metrics, its first dense layer's distinct units, and the depth view
    /// of the variant that has one.
    @Test func eachSectionHoldsTheChartsItsRunsCanShow() throws {
        let scratch = try TemporaryDirectory()
        let (_, page) = try Self.trainedAndReported(scratch)
        let layerCharts = ["distinct_units", "activation_std"] + (page.contains("\"gradient_std\":[") ? ["gradient_std"] : [])
            + ["dead_saturated"]
        let expected: [String: [String]] = [
            "sweep-0": ["sweep:train_loss", "sweep:val_loss", "sweep:train_accuracy", "sweep:val_accuracy",
                        "sweep_distinct_units", "sweep_depth:activation_std"]
                + (layerCharts.contains("gradient_std") ? ["sweep_depth:gradient_std"] : []),
            "run-0": ["loss", "accuracy"] + layerCharts + ["depth"],
            "run-1": ["loss", "accuracy"] + layerCharts,
            "run-2": ["loss", "accuracy"] + layerCharts + ["depth"],
        ]
        for (section, kinds) in expected {
            #expect(try Self.charts(of: section, in: page) == kinds, "\(section)")
        }
        #expect(Self.chartCount(page) == expected.values.map(\.count).reduce(0, +))
    }

    /// The charts a section of the page lists (`<section id=ID ... data-charts="loss accuracy ...">`).
    static func charts(of section: String, in page: String) throws -> [String] {
        let start = try #require(page.range(of: "<section class=\"[a-z]*\" id=\"\(section)\"", options: .regularExpression))
        let tag = page[start.upperBound...].prefix { $0 != ">" }
        let list = try #require(tag.range(of: "data-charts=\""), "\(section) has no charts")
        return tag[list.upperBound...].prefix { $0 != "\"" }.split(separator: " ").map(String.init)
    }

    /// Every chart the page lists, over its sections: the canvases the browser makes with `#all`.
    static func chartCount(_ page: String) -> Int {
        page.components(separatedBy: " data-charts=\"").dropFirst()
            .map { $0.prefix { $0 != "\"" }.split(separator: " ").count }.reduce(0, +)
    }

    /// The page in a real browser with every chart drawn at once (`#all`) and its pixels counted (`#pixels`): the
    /// script marks the body with the number drawn, which is every canvas, none failed, nothing on the console, each
    /// chart has coloured pixels (lines, points) inside its plot area, and each sweep chart of metrics holds a line
    /// per variant, as Chart.js has it after drawing.
    @Test func everyChartIsDrawnInHeadlessChromium() throws {
        let scratch = try TemporaryDirectory()
        let (runs, page) = try Self.trainedAndReported(scratch)
        let canvases = Self.chartCount(page)
        let browser = try #require(Self.chromium, "chromium-headless-shell is not installed (make test installs it)")
        let (dom, console) = try Self.dumpDOM("file://\(runs)/report.html#all&pixels", browser: browser, scratch: scratch)
        #expect(dom.contains("data-charts-total=\"\(canvases)\"") && dom.contains("data-charts-drawn=\"\(canvases)\""))
        #expect(!dom.contains("data-charts-failed=\""), "the attribute, not the script's text naming it")
        #expect(console.isEmpty, "the page logged: \(console)")
        let tags = Self.canvasTags(dom)
        #expect(tags.count == canvases)
        for tag in tags {
            let painted = try #require(Self.attribute("data-painted", in: tag), "\(tag)")
            #expect(painted > 20, "a chart with (almost) nothing drawn in its plot area: \(tag)")
        }
        let sweepTags = tags.filter { $0.hasPrefix(" data-chart=\"sweep\"") }
        #expect(sweepTags.count == 4 && sweepTags.allSatisfy { Self.attribute("data-lines", in: $0) == 2 }, "\(sweepTags)")
    }

    /// Without `#all`, the page draws the charts near the window only (a report of a thousand runs opens as fast
    /// as one of a few): the first section's charts are drawn, and the body says how many of all; a jump to a run
    /// draws that run's.
    @Test func aPageDrawsTheChartsNearTheViewFirst() throws {
        let scratch = try TemporaryDirectory()
        let (runs, page) = try Self.trainedAndReported(scratch)
        let canvases = Self.chartCount(page)
        let browser = try #require(Self.chromium, "chromium-headless-shell is not installed (make test installs it)")
        let (dom, console) = try Self.dumpDOM("file://\(runs)/report.html", browser: browser, scratch: scratch)
        #expect(console.isEmpty, "the page logged: \(console)")
        #expect(dom.contains("data-charts-total=\"\(canvases)\""))
        let tags = Self.canvasTags(dom)
        let drawn = tags.filter { Self.attribute("data-lines", in: $0) != nil }.count
        #expect(dom.contains("data-charts-drawn=\"\(drawn)\""))
        #expect(drawn >= 2 && drawn < canvases, "\(drawn) of \(canvases)")
        #expect(Self.attribute("data-lines", in: tags[0]) == 2, "the first sweep chart, at the top, is drawn")

        // A link to the last run (the table's, or one pasted) scrolls there: its charts are drawn, the sweep's at
        // the top of the page, several screens up, are not drawn (or, drawn before the jump, let go).
        let (jumped, jumpConsole) = try Self.dumpDOM("file://\(runs)/report.html#run-2", browser: browser, scratch: scratch,
                                                     window: "1280,400")
        #expect(jumpConsole.isEmpty, "the page logged: \(jumpConsole)")
        let runCharts = Self.canvasTags(jumped).filter { $0.contains("data-index=\"2\"") && !$0.contains("data-chart=\"sweep") }
        #expect(runCharts.count == (try Self.charts(of: "run-2", in: page)).count)
        #expect(runCharts.allSatisfy { Self.attribute("data-lines", in: $0) != nil }, "\(runCharts)")
        let sweepCharts = Self.canvasTags(jumped).filter { $0.contains("data-chart=\"sweep") }
        #expect(sweepCharts.allSatisfy { Self.attribute("data-lines", in: $0) == nil }, "not drawn, or let go: \(sweepCharts)")
    }

    /// A config trained, changed (lr 0.1 -> 0.05) and trained again: the report shows the new run with the store's
    /// previous entry under it, its metrics those of the entry's own metrics.csv, the change named; in the browser
    /// the loss chart holds four lines (train, validation, and the previous run's two, dashed).
    @Test func thePreviousRunOfAConfigIsOverlaid() throws {
        let scratch = try TemporaryDirectory()
        let runs = scratch.url.appendingPathComponent("runs").path
        let configs = scratch.url.appendingPathComponent("configs").path
        try scratch.write("configs/plain.yaml", Self.config())
        let first = try SproutBinary.run(["run", configs, "--out", runs, "--quiet"], timeout: 300)
        #expect(first.status == 0, "\(first.stderr)")
        let older = try #require(try FileManager.default.contentsOfDirectory(atPath: runs + "/.store/plain").first { !$0.hasPrefix(".") })
        try scratch.write("configs/plain.yaml", Self.config().replacingOccurrences(of: "lr: 0.1", with: "lr: 0.05"))
        let second = try SproutBinary.run(["run", configs, "--out", runs, "--quiet"], timeout: 300)
        #expect(second.status == 0, "\(second.stderr)")

        let page = try String(contentsOfFile: runs + "/report.html", encoding: .utf8)
        struct Previous: Decodable { var id: String; var status: String; var changes: [String]; var metrics: [String: [Double?]] }
        struct Run: Decodable { var path: String; var previous: Previous? }
        struct Data: Decodable { var runs: [Run] }
        let start = try #require(page.range(of: "<script type=\"application/json\" id=\"sprout-data\">"))
        let end = try #require(page.range(of: "</script>", range: start.upperBound..<page.endIndex))
        let data = try JSONDecoder().decode(Data.self, from: Foundation.Data(page[start.upperBound..<end.lowerBound].utf8))
        let previous = try #require(data.runs.first?.previous)
        #expect(previous.id == older && previous.status == "completed")
        #expect(previous.changes == ["train.optimizer.lr 0.1 -> 0.05"])
        let metrics = try MetricsTable(path: "\(runs)/.store/plain/\(older)/metrics.csv")
        for column in ["train_loss", "val_loss"] {
            let index = try #require(metrics.header.firstIndex(of: column))
            #expect(previous.metrics[column]?.map(Self.text) == metrics.rows.map { $0[index] }, "\(column)")
        }
        #expect(page.contains("Dashed: the previous run, <code>\(older)</code> (completed); changed since: "
            + "train.optimizer.lr 0.1 -&gt; 0.05.</p>"))

        let browser = try #require(Self.chromium, "chromium-headless-shell is not installed (make test installs it)")
        let (dom, console) = try Self.dumpDOM("file://\(runs)/report.html#all", browser: browser, scratch: scratch)
        #expect(console.isEmpty, "the page logged: \(console)")
        let loss = try #require(Self.canvasTags(dom).first { $0.hasPrefix(" data-chart=\"loss\"") })
        #expect(Self.attribute("data-lines", in: loss) == 4, "\(loss)")
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
