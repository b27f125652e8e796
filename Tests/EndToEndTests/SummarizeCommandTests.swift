import Foundation
import Testing

/// `sprout summarize`: a table of real runs made by the built binary, each cell checked against the run's own files
/// (metrics.csv's last row, read here) or against what symmetry says.
@Suite struct SummarizeCommandTests {
    static func xor(_ initializer: String, extra: String = "") -> String {
        """
        seed: 2
        data: {source: xor, samples: 40\(extra.contains("validation") ? ", validation: 0.25" : "")}
        model:
          init: {weight: \(initializer)}
          layers: [{name: hidden, type: dense, units: 4}, tanh, {name: out, type: dense, units: 2}]
        train: {loss: cross_entropy, optimizer: {type: sgd, lr: 0.5}, epochs: 3, batch_size: 8}
        \(extra.contains("nolayers") ? "log: {layers: false}" : "")

        """
    }

    /// Three runs: a zero start with a validation split, a Xavier start in a subfolder, a constant start without
    /// layers.csv. Returns the runs folder and, per config file name, its run directory relative to it.
    static func makeRuns(in scratch: TemporaryDirectory) throws -> (runs: String, directories: [String: String]) {
        let configs = [("zeros.yaml", xor("zeros", extra: "validation")),
                       ("sub/xavier.yaml", xor("xavier_uniform")),
                       ("constant.yaml", xor("{type: constant, value: 0.5}", extra: "nolayers"))]
        var paths: [String: String] = [:]
        for (name, text) in configs { paths[name] = try scratch.write("configs/" + name, text) }
        let runs = scratch.url.appendingPathComponent("runs").path
        let result = try SproutBinary.run(["run", scratch.url.appendingPathComponent("configs").path, "--out", runs, "-q"])
        #expect(result.status == 0, "\(result.stderr)")
        var directories: [String: String] = [:]
        for (name, path) in paths {
            let directory = try RunFiles.directory(of: path, under: runs)
            directories[name] = String(directory.dropFirst(runs.count + 1))
        }
        return (runs, directories)
    }

    static func csvRows(_ text: String) -> [[String]] {
        text.split(separator: "\n").map { $0.components(separatedBy: ",") }
    }

    @Test func csvRowsAgreeWithEachRunsFiles() throws {
        let scratch = try TemporaryDirectory()
        let (runs, directories) = try Self.makeRuns(in: scratch)
        let result = try SproutBinary.run(["summarize", "--format", "csv", runs])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = Self.csvRows(result.stdout)
        #expect(rows.first == ["run", "weight_init", "status", "epochs_completed", "train_accuracy", "val_accuracy",
                               "distinct_units", "train_loss"])
        // Sorted by the run directories' relative paths.
        #expect(rows.dropFirst().map { $0[0] } == directories.values.sorted())
        func row(_ config: String) throws -> [String] {
            let directory = try #require(directories[config])
            return try #require(rows.first { $0.first == directory })
        }
        for config in ["zeros.yaml", "sub/xavier.yaml", "constant.yaml"] {
            let cells = try row(config)
            let metrics = try MetricsTable(path: runs + "/" + (try #require(directories[config])) + "/metrics.csv")
            let last = try #require(metrics.rows.last)
            func metric(_ name: String) throws -> String { last[try #require(metrics.header.firstIndex(of: name))] }
            #expect(cells[2] == "completed")
            #expect(cells[3] == "3", "every one of the config's 3 epochs ran")
            #expect(Double(cells[4]) == Double(try metric("train_accuracy")), "\(config)")
            #expect(cells[5] == (config == "zeros.yaml" ? try metric("val_accuracy") : ""), "\(config)")
            #expect(Double(cells[7]) == Double(try metric("train_loss")), "\(config)")
        }
        #expect(try row("zeros.yaml")[1] == "zeros")
        #expect(try row("sub/xavier.yaml")[1] == "xavier_uniform(1)")
        #expect(try row("constant.yaml")[1] == "constant(0.5)")
        // Identical hidden units get identical gradients and stay one unit; four random rows stay four units.
        #expect(try row("zeros.yaml")[6] == "1")
        #expect(try row("sub/xavier.yaml")[6] == "4")
        #expect(try row("constant.yaml")[6] == "", "no layers.csv")
    }

    @Test func markdownIsDeterministicAndShowsKilledAndBrokenRuns() throws {
        let scratch = try TemporaryDirectory()
        let (runs, directories) = try Self.makeRuns(in: scratch)
        let first = try SproutBinary.run(["summarize", runs])
        let second = try SproutBinary.run(["summarize", runs])
        #expect(first.status == 0 && second.status == 0, "\(first.stderr)")
        #expect(first.stdout == second.stdout)
        let lines = first.stdout.split(separator: "\n").map(String.init)
        func cells(_ line: String) -> [String] {
            line.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast()
                .map { $0.trimmingCharacters(in: .whitespaces) }
        }
        #expect(cells(lines[0]) == ["run", "weight_init", "status", "epochs_completed", "train_accuracy", "val_accuracy",
                                    "distinct_units", "train_loss"])
        #expect(lines.count == 2 + 3)
        let zerosDirectory = try #require(directories["zeros.yaml"])
        let zeros = try #require(lines.map(cells).first { $0.first == zerosDirectory })
        let metrics = try MetricsTable(path: runs + "/" + zerosDirectory + "/metrics.csv")
        let accuracy = try #require(metrics.column("train_accuracy").last)
        #expect(zeros[4] == String(format: "%.4f", accuracy))
        let xavier = try #require(lines.map(cells).first { $0.first == directories["sub/xavier.yaml"] })
        #expect(xavier[5] == "—", "no validation data")

        // A killed run keeps run.json as written at its start; a broken one is reported and the others still shown.
        try scratch.write("runs/killed/run.json", """
            {"status": "running", "error": null, "name": "killed", "config": "k.yaml", "epochs": 3,
             "epochs_completed": 0, "steps": 0, "final": null}
            """)
        try FileManager.default.copyItem(atPath: runs + "/" + zerosDirectory + "/config.yaml",
                                         toPath: runs + "/killed/config.yaml")
        try scratch.write("runs/broken/run.json", "{not json")
        let mixed = try SproutBinary.run(["summarize", runs])
        #expect(mixed.status == 1)
        #expect(mixed.stderr.contains("broken/run.json"), "\(mixed.stderr)")
        let rows = mixed.stdout.split(separator: "\n").map(String.init).map(cells)
        #expect(rows.count == 2 + 4, "the three runs and the killed one")
        let killed = try #require(rows.first { $0.first == "killed" })
        #expect(killed == ["killed", "zeros", "running", "0", "—", "—", "—", "—"])
    }

    @Test func noRunsIsAnError() throws {
        let scratch = try TemporaryDirectory()
        try scratch.write("notes/readme.txt", "no runs here")
        let empty = try SproutBinary.run(["summarize", scratch.url.path])
        #expect(empty.status == 1)
        #expect(empty.stderr.contains("no runs found") && empty.stdout.isEmpty, "\(empty.stderr)")
        let missing = try SproutBinary.run(["summarize", scratch.url.appendingPathComponent("absent").path])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("absent"), "\(missing.stderr)")
    }
}
