import Foundation
import Testing

/// `sprout run` on awkward inputs: a diverging run, two configs with one name, a FIFO where a config should be.
@Suite struct RunCommandTests {
    /// The shipped xor config with some lines replaced.
    func xorConfig(_ replacements: [(String, String)]) throws -> String {
        var text = try String(contentsOf: SproutBinary.packageRoot.appendingPathComponent("configs/xor.yaml"),
                              encoding: .utf8)
        for (old, new) in replacements {
            #expect(text.contains(old), "configs/xor.yaml no longer contains \(old)")
            text = text.replacingOccurrences(of: old, with: new)
        }
        return text
    }

    /// relu units are unbounded, so with a learning rate of 1e30 the weights overflow float32 in the first steps
    /// and the loss becomes NaN: the run stops there with a last row, and says so.
    @Test func divergingRunStopsWithAValidLog() throws {
        let scratch = try TemporaryDirectory()
        let file = try scratch.write("div.yaml", try xorConfig([("name: xor", "name: div"), ("lr: 0.1", "lr: 1e30"),
                                                                 ("    - tanh", "    - relu")]))
        let runs = scratch.url.appendingPathComponent("runs").path
        let result = try SproutBinary.run(["run", file, "--out", runs, "--quiet"], timeout: 120)
        // A diverged run is a result, but the batch reports it by its exit status.
        #expect(result.status == 1)
        #expect(result.stderr.contains("warning: learning rate 1e30 is above 1 for sgd [high-learning-rate]"))
        #expect(result.stdout.contains("div: diverged at epoch 1, step "))
        #expect(result.stdout.contains("1 run: 1 diverged"))
        let table = try MetricsTable(path: runs + "/div/metrics.csv")
        #expect(table.rows.count == 2)
        #expect(table.rows.allSatisfy { $0.count == table.header.count })
        #expect(table.column("epoch") == [0, 1])
        #expect(table.column("train_loss").first?.isFinite == true)
        #expect(table.rows.last?[table.header.firstIndex(of: "train_loss") ?? 0] == "nan")
    }

    /// Two configs with one `name:`, neither named so by its file: neither overwrites the other, both run under
    /// their file names, and the batch says so once per config (docs/batches.md, "Two configs, one name").
    @Test func twoConfigsWithOneNameRunUnderTheirFileNames() throws {
        let scratch = try TemporaryDirectory()
        let a = try scratch.write("configs/a.yaml", try xorConfig([("epochs: 100", "epochs: 2")]))
        let b = try scratch.write("configs/b.yaml", try xorConfig([("epochs: 100", "epochs: 3")]))
        let runs = scratch.url.appendingPathComponent("runs").path
        let result = try SproutBinary.run(["run", scratch.url.appendingPathComponent("configs").path,
                                           "--out", runs, "--quiet"], timeout: 120)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.components(separatedBy: "\(a): note: runs as a (its file name), not xor: \(b) has `name: xor` too\n").count == 2,
                "\(result.stderr)")
        #expect(result.stderr.components(separatedBy: "\(b): note: runs as b (its file name), not xor: \(a) has `name: xor` too\n").count == 2)
        #expect(!FileManager.default.fileExists(atPath: runs + "/xor"))
        #expect(try RunDirectoryTests.json(runs + "/a/run.json")["epochs"] as? Int == 2)
        #expect(try RunDirectoryTests.json(runs + "/b/run.json")["epochs"] as? Int == 3)
        #expect(result.stdout.contains("2 runs: 2 completed"))
    }

    @Test func aFIFOIsRefusedNotWaitedOn() throws {
        let scratch = try TemporaryDirectory()
        let fifo = scratch.url.appendingPathComponent("pipe.yaml").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let direct = try SproutBinary.run(["validate", fifo], timeout: 20)
        #expect(direct.status == 1)
        #expect(direct.stderr.hasPrefix("\(fifo): error: cannot read the file: it is not a regular file [unreadable-file]\n"))
        // A safetensors initializer pointing at a FIFO is refused too, not waited on.
        let weights = try scratch.write("w.yaml", """
            data: {source: xor}
            model: {layers: [{type: dense, units: 2, weight_init: {type: safetensors, path: pipe.yaml}}]}
            train: {loss: cross_entropy, optimizer: {type: sgd, lr: 0.1}, epochs: 1}

            """)
        let initializer = try SproutBinary.run(["validate", weights], timeout: 20)
        #expect(initializer.status == 1)
        #expect(initializer.stderr.contains("error: safetensors file '\(fifo)' is not a regular file [unreadable-file]"))
        try FileManager.default.removeItem(atPath: weights)
        // In a directory, only regular files count as configs.
        try scratch.write("ok.yaml", try xorConfig([]))
        let folder = try SproutBinary.run(["validate", scratch.url.path], timeout: 20)
        #expect(folder.status == 0)
        #expect(folder.stderr.hasSuffix("validated 1 file: 0 errors, 0 warnings\n"))
    }

    /// A data file that is not a regular file (a FIFO without a writer, /dev/zero that never ends, /dev/stdin, here
    /// /dev/null, a directory) is refused by the CSV and IDX checks, each at its own key, without reading it: the
    /// whole validation takes well under the timeout.
    @Test func dataFilesThatAreNotRegularAreRefusedNotWaitedOn() throws {
        let scratch = try TemporaryDirectory()
        let fifo = scratch.url.appendingPathComponent("pipe.csv").path
        #expect(mkfifo(fifo, 0o600) == 0)
        try FileManager.default.createDirectory(at: scratch.url.appendingPathComponent("folder"), withIntermediateDirectories: false)
        // A valid images file (the test split's), so that the labels file is checked too.
        try FileManager.default.copyItem(at: SproutBinary.packageRoot.appendingPathComponent("configs/data/digits-test-images.idx3-ubyte"),
                                         to: scratch.url.appendingPathComponent("images.idx"))
        for (written, shown) in [("pipe.csv", fifo), ("/dev/zero", "/dev/zero"), ("/dev/stdin", "/dev/stdin"),
                                 ("folder", scratch.url.appendingPathComponent("folder").path)] {
            let config = try scratch.write("c.yaml", """
                data:
                  source: csv
                  path: \(written)
                  target: y
                  validation: {source: idx, images: \(written), labels: \(written)}
                  test: {source: idx, images: images.idx, labels: \(written)}
                model: {layers: [flatten, {type: dense, units: 2}]}
                train: {loss: cross_entropy, optimizer: {type: sgd, lr: 0.1}, epochs: 1}

                """)
            let result = try SproutBinary.run(["validate", config], timeout: 20)
            #expect(result.status == 1)
            let headlines = result.stderr.split(separator: "\n").filter { $0.hasPrefix(config) }
            #expect(headlines == [
                "\(config):3:9: error: csv file '\(shown)' is not a regular file [unreadable-file]",
                "\(config):5:37: error: idx images file '\(shown)' is not a regular file [unreadable-file]",
                "\(config):6:51: error: idx labels file '\(shown)' is not a regular file [unreadable-file]",
            ], "\(written)")
            #expect(result.seconds < 10)
        }
    }

    @Test func directoriesAreSearchedInPathOrderSkippingHiddenOnes() throws {
        let scratch = try TemporaryDirectory()
        try scratch.write("c/z.yaml", try xorConfig([("name: xor", "name: z"), ("epochs: 100", "epochs: 1")]))
        try scratch.write("c/a/b.yml", try xorConfig([("name: xor", "name: b"), ("epochs: 100", "epochs: 1")]))
        try scratch.write("c/.hidden/h.yaml", "not: [valid")
        try scratch.write("c/notes.txt", "not a config")
        let runs = scratch.url.appendingPathComponent("runs").path
        let result = try SproutBinary.run(["run", scratch.url.appendingPathComponent("c").path, "--out", runs, "--quiet",
                                           "-j", "1"], timeout: 120)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        // c/a/b.yml sorts before c/z.yaml, and runs into the subfolder a/ of the output folder.
        #expect(lines.first?.hasPrefix("[1/2] a/b: completed") == true)
        #expect(lines.dropFirst().first?.hasPrefix("[2/2] z: completed") == true)
    }

    /// A sweep's runs go one level below the config's name, each with its own log.
    @Test func sweepRunsGoBelowTheName() throws {
        let scratch = try TemporaryDirectory()
        let file = try scratch.write("sw.yaml", try xorConfig([("name: xor", "name: sw"), ("epochs: 100", "epochs: 1"),
                                                               ("log:\n  every: 10", "sweep:\n  seed: [1, 2]\n  train.optimizer.lr: [0.1, 0.2]")]))
        let runs = scratch.url.appendingPathComponent("runs").path
        let result = try SproutBinary.run(["run", file, "--out", runs, "--quiet"], timeout: 120)
        #expect(result.status == 0, "\(result.stderr)")
        for variant in ["seed=1,lr=0.1", "seed=1,lr=0.2", "seed=2,lr=0.1", "seed=2,lr=0.2"] {
            let table = try MetricsTable(path: runs + "/sw/\(variant)/metrics.csv")
            #expect(table.column("epoch") == [0, 1])
            #expect(table.column("learning_rate").first == (variant.hasSuffix("0.1") ? 0.1 : 0.2))
        }
        #expect(result.stdout.contains("4 runs: 4 completed"))
        let show = try SproutBinary.run(["show", file])
        #expect(show.stdout.contains("# The sweep makes 4 runs; above is the first, sw/seed=1,lr=0.1. All of them:"))
        // Where `sprout run` puts them: runs/ beside a config outside any configs/ folder.
        #expect(show.stdout.contains("#   \(runs)/sw/seed=2,lr=0.2\n"), "\(show.stdout)")
        #expect(show.stdout.contains("lr: 0.1,"))
    }
}
