import Foundation
import Testing

/// Overrides and `extends` through the built binary: the acceptance, on copies of the shipped configs in a
/// private folder (`configs/` inside it, so that runs go to its own `runs/`).
@Suite struct OverrideCommandTests {
    /// A private project: configs/xor.yaml copied from the repository.
    func project() throws -> (TemporaryDirectory, String) {
        let scratch = try TemporaryDirectory()
        let xor = try String(contentsOf: SproutBinary.packageRoot.appendingPathComponent("configs/xor.yaml"), encoding: .utf8)
        return (scratch, try scratch.write("configs/xor.yaml", xor))
    }

    /// `sprout run configs/xor.yaml train.optimizer.lr=0.01` trains runs/xor@train.optimizer.lr=0.01 with lr 0.01 (metrics.csv's
    /// learning_rate column, the trainer's own record of it); the same command again is up to date, and so says
    /// `sprout status` with the same override; the config's own run is another run.
    @Test func anOverriddenRunIsARunOfItsOwn() throws {
        let (scratch, xor) = try project()
        let runs = scratch.url.appendingPathComponent("runs")
        let first = try SproutBinary.run(["run", xor, "train.optimizer.lr=0.01", "--out", runs.path], timeout: 120)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("xor@train.optimizer.lr=0.01: completed"), "\(first.stdout)")
        let run = runs.appendingPathComponent("xor@train.optimizer.lr=0.01")
        let metrics = try MetricsTable(path: run.appendingPathComponent("metrics.csv").path)
        #expect(Set(metrics.column("learning_rate").dropFirst()) == [0.01])
        let record = try JSONSerialization.jsonObject(with: Data(contentsOf: run.appendingPathComponent("run.json"))) as? [String: Any]
        #expect(record?["overrides"] as? [String] == ["train.optimizer.lr=0.01"])
        #expect(record?["name"] as? String == "xor@train.optimizer.lr=0.01")
        let config = try String(contentsOf: run.appendingPathComponent("config.yaml"), encoding: .utf8)
        #expect(config.hasPrefix("# overrides: train.optimizer.lr=0.01\nname: xor\n"))
        #expect(config.contains("  optimizer: {type: sgd, lr: 0.01, momentum: 0.9,"))

        let again = try SproutBinary.run(["run", xor, "train.optimizer.lr=0.01", "--out", runs.path])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("xor@train.optimizer.lr=0.01: up to date"), "\(again.stdout)")
        #expect(again.stdout.contains("1 run: 1 up to date"), "\(again.stdout)")
        let status = try SproutBinary.run(["status", xor, "train.optimizer.lr=0.01", "--out", runs.path])
        #expect(status.status == 0, "\(status.stderr)")
        #expect(status.stdout.split(separator: "\n").first.map { $0.split(separator: " ", omittingEmptySubsequences: true) }
                == ["xor@train.optimizer.lr=0.01", "up", "to", "date"])
        // Without the override, the config's own run: never run.
        let plain = try SproutBinary.run(["status", xor, "--out", runs.path])
        #expect(plain.stdout.hasPrefix("xor  never run"), "\(plain.stdout)")
        // Another value is another run.
        let other = try SproutBinary.run(["status", xor, "train.optimizer.lr=0.02", "--out", runs.path])
        #expect(other.stdout.hasPrefix("xor@train.optimizer.lr=0.02  never run"), "\(other.stdout)")
    }

    /// The example of a mistake: reported like one in a file, with the argument, a caret under column 7
    /// and a did-you-mean; nothing runs.
    @Test func aMistakeInAnOverridePointsIntoTheArgument() throws {
        let (scratch, xor) = try project()
        let runs = scratch.url.appendingPathComponent("runs")
        let result = try SproutBinary.run(["run", xor, "train.optimiser.lr=0.01", "--out", runs.path], environment: ["NO_COLOR": "1"])
        #expect(result.status == 1)
        let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let index = try #require(lines.firstIndex(of: "<arguments>:1:7: error: unknown key 'optimiser' in train [unknown-key]"),
                                 "\(result.stderr)")
        #expect(Array(lines[(index + 1)...].prefix(3)) == ["train.optimiser.lr=0.01", "      ^", "help: did you mean 'optimizer'?"])
        #expect(!FileManager.default.fileExists(atPath: runs.appendingPathComponent("xor@train.optimiser.lr=0.01").path))
        // A mistake in the override itself stops before any config is read.
        let ambiguous = try SproutBinary.run(["validate", xor, "seed=1,2"], environment: ["NO_COLOR": "1"])
        #expect(ambiguous.status == 1)
        #expect(ambiguous.stderr.hasPrefix("<arguments>:1:6: error: ambiguous value '1,2'"), "\(ambiguous.stderr)")
        #expect(!ambiguous.stderr.contains("validated"))
    }

    /// `-m` sweeps from the command line: one run per value, below `xor@seed=sweep,train.epochs=2`, each seed recorded.
    @Test func sweepingFromTheCommandLine() throws {
        let (scratch, xor) = try project()
        let runs = scratch.url.appendingPathComponent("runs")
        let result = try SproutBinary.run(["run", xor, "-m", "seed=3,4", "train.epochs=2", "--out", runs.path, "--quiet"], timeout: 120)
        #expect(result.status == 0, "\(result.stderr)")
        for seed in [3, 4] {
            let run = runs.appendingPathComponent("xor@seed=sweep,train.epochs=2/seed=\(seed)")
            let record = try JSONSerialization.jsonObject(with: Data(contentsOf: run.appendingPathComponent("run.json"))) as? [String: Any]
            #expect(record?["seed"] as? Int == seed)
            #expect(record?["epochs"] as? Int == 2)
        }
    }

    /// The acceptance: a two-level chain with a mistake in the base reports it in the base, with the note
    /// naming the chain; `show --origins` says where each value comes from.
    @Test func extendsReportsInTheBase() throws {
        let scratch = try TemporaryDirectory()
        let xor = try String(contentsOf: SproutBinary.packageRoot.appendingPathComponent("configs/xor.yaml"), encoding: .utf8)
        // Line 32 of xor.yaml is `  epochs: 100`, line 31 `    momentum: 0.9`.
        let lines = xor.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[31] == "  epochs: 100")
        #expect(lines[30] == "    momentum: 0.9")
        _ = try scratch.write("configs/_base.yaml", xor.replacingOccurrences(of: "  epochs: 100", with: "  epoch: 100"))
        _ = try scratch.write("configs/mid.yaml", "# a middle layer\nextends: _base.yaml\nseed: 2\n")
        _ = try scratch.write("configs/xor-lr.yaml", "name: xor-lr\n\nextends: mid.yaml\ntrain: {optimizer: {lr: 0.01}}\n")
        let result = try SproutBinary.run(["validate", "configs"], in: scratch.url, environment: ["NO_COLOR": "1"])
        #expect(result.status == 1)
        let expected = """
            configs/_base.yaml:32:3: error: unknown key 'epoch' in train [unknown-key]
              epoch: 100
              ^
            note: in configs/_base.yaml, extended by configs/mid.yaml:2, extended by configs/xor-lr.yaml:3
            help: did you mean 'epochs'?
            """
        #expect(result.stderr.contains(expected), "\(result.stderr)")
        // The folder search skipped _base.yaml (a base), and took mid.yaml and xor-lr.yaml.
        #expect(result.stderr.contains("validated 2 files:"), "\(result.stderr)")

        _ = try scratch.write("configs/_base.yaml", xor)
        let origins = try SproutBinary.run(["show", "--origins", "configs/xor-lr.yaml", "seed=5"], in: scratch.url)
        #expect(origins.status == 0, "\(origins.stderr)")
        let shown = origins.stdout.split(separator: "\n").map(String.init)
        for line in ["seed: 5  # <arguments>:1", "    lr: 0.01  # configs/xor-lr.yaml:4", "    momentum: 0.9  # configs/_base.yaml:31",
                     "  epochs: 100  # configs/_base.yaml:32", "name: xor-lr  # configs/xor-lr.yaml:1"] {
            #expect(shown.contains(line), "missing \(line) in\n\(origins.stdout)")
        }
    }
}
