import Foundation
import Testing

/// `sprout run` over a directory the way people use it: many configs, rerun after edits, runs side by side in
/// worker processes, one of them killed, one diverging, a sweep that grows, Ctrl-C; `sprout status` beside it.
@Suite struct BatchRunTests {
    /// A tiny xor config: `name` is the file's stem unless given; `lr` and `epochs` vary per test.
    static func config(lr: String = "0.1", epochs: Int = 3, log: String = "", extra: String = "") -> String {
        """
        data: {source: xor, samples: 16, noise: 0.1}
        model:
          layers:
            - {name: hidden, type: dense, units: 4}
            - relu
            - {name: out, type: dense, units: 2}
        train:
          loss: cross_entropy
          optimizer: {type: sgd, lr: \(lr)}
          epochs: \(epochs)
          batch_size: 8
        \(log)
        \(extra)
        """
    }

    /// relu units are unbounded: with a learning rate of 1e30 the loss is NaN within the first steps.
    static let diverging = config(lr: "1e30")

    /// summary.csv as rows of named fields (RFC 4180: quoted fields may hold commas and doubled quotes).
    static func summary(_ path: String) throws -> [[String: String]] {
        var records: [[String]] = [], record: [String] = [], field = "", quoted = false
        var characters = Array(try String(contentsOfFile: path, encoding: .utf8))[...]
        while let c = characters.popFirst() {
            if quoted {
                if c == "\"" {
                    if characters.first == "\"" { field.append("\""); characters.removeFirst() } else { quoted = false }
                } else { field.append(c) }
            } else if c == "\"" { quoted = true
            } else if c == "," { record.append(field); field = ""
            } else if c == "\n" { record.append(field); records.append(record); record = []; field = ""
            } else { field.append(c) }
        }
        guard let header = records.first else { return [] }
        #expect(records.allSatisfy { $0.count == header.count }, "\(path): rows of different widths")
        return records.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }

    /// `run.json`'s `started` of each run directory below `runs` (through the runs' links), by directory: a rerun
    /// changes it.
    static func startTimes(_ runs: String) throws -> [String: String] {
        var times: [String: String] = [:]
        for path in RunFiles.find("run.json", under: runs) {
            let record = try RunDirectoryTests.json(path)
            times[String((path as NSString).deletingLastPathComponent.dropFirst(runs.count + 1))] = record["started"] as? String
        }
        return times
    }

    /// Twenty configs: all train; a rerun finds all up to date and touches nothing; an edited learning rate reruns
    /// that config only; a deleted run path (the link to the run) is restored from the store, not trained.
    @Test func onlyWhatChangedRunsAgain() throws {
        let scratch = try TemporaryDirectory()
        let names = (1...20).map { String(format: "c%02d", $0) }
        for name in names { try scratch.write("configs/\(name).yaml", Self.config()) }
        let configs = scratch.url.appendingPathComponent("configs").path
        let runs = scratch.url.appendingPathComponent("runs").path

        let first = try SproutBinary.run(["run", configs, "-j", "2", "--quiet"], timeout: 300)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("20 runs: 20 completed"))
        let rows = try Self.summary(runs + "/summary.csv")
        #expect(rows.map { $0["run_dir"] } == names)
        #expect(rows.allSatisfy { $0["status"] == "completed" && $0["epochs_completed"] == "3" })
        let times = try Self.startTimes(runs)
        #expect(times.count == 20)

        let second = try SproutBinary.run(["run", configs, "-j", "2"])
        #expect(second.status == 0)
        #expect(second.stdout.contains("20 runs: 20 up to date"))
        #expect(names.allSatisfy { second.stdout.contains("\($0): up to date") })
        #expect(try Self.startTimes(runs) == times)

        try scratch.write("configs/c07.yaml", Self.config(lr: "0.05"))
        try FileManager.default.removeItem(atPath: runs + "/c12")
        let status = try SproutBinary.run(["status", configs])
        #expect(status.status == 0)
        #expect(status.stdout.contains("c07  stale: train.optimizer.lr 0.1 -> 0.05"), "\(status.stdout)")
        #expect(status.stdout.contains("c12  restorable: the store holds a run of these inputs"), "\(status.stdout)")
        #expect(status.stdout.contains("20 runs: 18 up-to-date, 1 restorable, 1 stale"))

        let third = try SproutBinary.run(["run", configs, "-j", "2", "--quiet"], timeout: 300)
        #expect(third.status == 0)
        #expect(third.stdout.contains("20 runs: 1 completed, 1 restored from the store, 18 up to date"), "\(third.stdout)")
        let after = try Self.startTimes(runs)
        #expect(Set(names.filter { after[$0] != times[$0] }) == ["c07"])
        #expect(after["c12"] == times["c12"])
        let record = try RunDirectoryTests.json(runs + "/c07/run.json")
        #expect(record["status"] as? String == "completed")
        #expect(try String(contentsOfFile: runs + "/c07/config.yaml", encoding: .utf8).contains("lr: 0.05"))
    }

    /// 3 initializers x 3 seeds: 9 directories named by their values and a sweep summary; a rerun trains nothing;
    /// a fourth initializer trains its 3 new combinations only.
    @Test func aGrowingSweepRunsOnlyItsNewCombinations() throws {
        let scratch = try TemporaryDirectory()
        func sweep(_ inits: String) -> String {
            Self.config(extra: "sweep:\n  model.init.weight: [\(inits)]\n  seed: [1, 2, 3]\n")
        }
        try scratch.write("configs/inits.yaml", sweep("zeros, xavier_uniform, {type: normal, std: 0.5}"))
        let configs = scratch.url.appendingPathComponent("configs").path
        let runs = scratch.url.appendingPathComponent("runs").path
        let first = try SproutBinary.run(["run", configs, "-j", "2", "--quiet"], timeout: 300)
        #expect(first.status == 0, "\(first.stderr)")
        let expected = ["zeros", "xavier_uniform", "normal_std=0.5"].flatMap { w in (1...3).map { "weight=\(w),seed=\($0)" } }
        let directories = try FileManager.default.contentsOfDirectory(atPath: runs + "/inits").filter { !$0.hasSuffix(".csv") }
        #expect(directories.sorted() == expected.sorted())
        let sweepRows = try Self.summary(runs + "/inits/summary.csv")
        #expect(sweepRows.map { $0["variant"] } == expected)
        #expect(sweepRows.map { $0["model.init.weight"] } == ["zeros", "zeros", "zeros", "xavier_uniform", "xavier_uniform",
                                                            "xavier_uniform", "{\"type\": \"normal\", \"std\": 0.5}",
                                                            "{\"type\": \"normal\", \"std\": 0.5}", "{\"type\": \"normal\", \"std\": 0.5}"])
        #expect(sweepRows.map { $0["seed"] } == ["1", "2", "3", "1", "2", "3", "1", "2", "3"])
        #expect(sweepRows.allSatisfy { $0["status"] == "completed" })
        let times = try Self.startTimes(runs)

        let second = try SproutBinary.run(["run", configs, "--quiet"])
        #expect(second.stdout.contains("9 runs: 9 up to date"))
        // The zeros runs' warning was shown when they trained; a batch with nothing to train does not repeat it.
        #expect(first.stderr.contains("warning: every unit of dense layer 'hidden' starts with the same weights (zeros) [symmetric-init]"))
        #expect(!second.stderr.contains("warning:"))
        #expect(try Self.startTimes(runs) == times)

        try scratch.write("configs/inits.yaml", sweep("zeros, xavier_uniform, {type: normal, std: 0.5}, he_normal"))
        let third = try SproutBinary.run(["run", configs, "-j", "2", "--quiet"], timeout: 300)
        #expect(third.stdout.contains("12 runs: 3 completed, 9 up to date"))
        let after = try Self.startTimes(runs)
        #expect(Set(after.keys.filter { after[$0] != times[$0] }) == Set((1...3).map { "inits/weight=he_normal,seed=\($0)" }))
        #expect(try Self.summary(runs + "/inits/summary.csv").count == 12)
    }

    /// Log settings do not change training (the fingerprint leaves them out): the final metrics agree to the last
    /// digit whether every epoch or every fifth is logged, with or without layers.csv; such a change leaves the run
    /// up to date (and says so), and --force reruns it.
    @Test func logSettingsAloneDoNotMakeARunStale() throws {
        let scratch = try TemporaryDirectory()
        let everyEpoch = Self.config(epochs: 10, log: "log: {every: 1, layers: true}")
        let everyFifth = Self.config(epochs: 10, log: "log: {every: 5, layers: false, checkpoints: {every: 5}}")
        try scratch.write("configs/a.yaml", everyEpoch)
        try scratch.write("other/a.yaml", everyFifth)
        let runs = scratch.url.appendingPathComponent("runs").path
        let first = try SproutBinary.run(["run", scratch.url.appendingPathComponent("configs/a.yaml").path, "--quiet"], timeout: 120)
        #expect(first.status == 0)
        let second = try SproutBinary.run(["run", scratch.url.appendingPathComponent("other/a.yaml").path, "--out",
                                           scratch.url.appendingPathComponent("runs-other").path, "--quiet"], timeout: 120)
        #expect(second.status == 0)
        func lastRow(_ path: String) throws -> [String] {
            let table = try MetricsTable(path: path)
            let seconds = table.header.firstIndex(of: "seconds") ?? 0
            return Array((table.rows.last ?? []).enumerated().filter { $0.offset != seconds }.map(\.element))
        }
        let one = try lastRow(runs + "/a/metrics.csv")
        #expect(one.first == "10")
        #expect(try lastRow(scratch.url.appendingPathComponent("runs-other/a/metrics.csv").path) == one)
        #expect(try RunDirectoryTests.json(runs + "/a/run.json")["fingerprint"] as? String
                == RunDirectoryTests.json(scratch.url.appendingPathComponent("runs-other/a/run.json").path)["fingerprint"] as? String)

        try scratch.write("configs/a.yaml", everyFifth)
        let configs = scratch.url.appendingPathComponent("configs").path
        let status = try SproutBinary.run(["status", configs])
        #expect(status.stdout.contains("a  up to date (only log settings changed; --force reruns with them)"))
        let rerun = try SproutBinary.run(["run", configs, "--quiet"])
        #expect(rerun.stdout.contains("1 run: 1 up to date"))
        let forced = try SproutBinary.run(["run", configs, "--force", "--quiet"], timeout: 120)
        #expect(forced.stdout.contains("1 run: 1 completed"))
        #expect(FileManager.default.fileExists(atPath: runs + "/a/epoch-5.safetensors"))
        // The first run's layers.csv is gone: the directory never mixes two runs' files.
        #expect(!FileManager.default.fileExists(atPath: runs + "/a/layers.csv"))
    }

    /// `train.threads: 2`: the run trains with two OpenBLAS threads in its worker, and twice the same config gives
    /// the same metrics (apart from timing), as with one thread. The thread count is part of the fingerprint.
    @Test func aRunWithMoreThreadsIsReproducible() throws {
        let scratch = try TemporaryDirectory()
        let text = Self.config(epochs: 5, extra: "").replacingOccurrences(of: "  batch_size: 8", with: "  batch_size: 8\n  threads: 2")
        try scratch.write("one/configs/t.yaml", text)
        try scratch.write("two/configs/t.yaml", text)
        var tables: [[[String]]] = []
        for folder in ["one", "two"] {
            let result = try SproutBinary.run(["run", scratch.url.appendingPathComponent("\(folder)/configs").path, "-j", "2", "--quiet"], timeout: 120)
            #expect(result.status == 0, "\(result.stderr)")
            let table = try MetricsTable(path: scratch.url.appendingPathComponent("\(folder)/runs/t/metrics.csv").path)
            let seconds = table.header.firstIndex(of: "seconds") ?? 0
            tables.append(table.rows.map { row in row.enumerated().filter { $0.offset != seconds }.map(\.element) })
        }
        #expect(tables[0].count == 6 && tables[0] == tables[1])
        let config = try String(contentsOfFile: scratch.url.appendingPathComponent("one/runs/t/config.yaml").path, encoding: .utf8)
        #expect(config.contains("  threads: 2\n"))
        try scratch.write("one/configs/t.yaml", text.replacingOccurrences(of: "threads: 2", with: "threads: 1"))
        let status = try SproutBinary.run(["status", scratch.url.appendingPathComponent("one/configs").path])
        #expect(status.stdout.contains("t  stale: train.threads 2 -> 1"), "\(status.stdout)")
    }

    /// A project moved (or cloned elsewhere) keeps its runs up to date: file paths enter the fingerprint relative to
    /// the config's folder, as the config writes them. Editing the data file, or pointing at another file, does not.
    @Test func aMovedProjectStaysUpToDateAndDataEditsDoNot() throws {
        let scratch = try TemporaryDirectory()
        let csv = "x1,x2,label\n" + (0..<24).map { i in "\(i % 2 == 0 ? 1 : -1).0,\(Double(i) / 24),\(i % 2 == 0 ? "a" : "b")" }
            .joined(separator: "\n") + "\n"
        try scratch.write("p1/configs/data/points.csv", csv)
        try scratch.write("p1/configs/d.yaml", """
            data: {source: csv, path: data/points.csv, target: label}
            model: {layers: [{type: dense, units: 4}, tanh, {type: dense, units: 2}]}
            train: {loss: cross_entropy, optimizer: {type: sgd, lr: 0.1}, epochs: 2, batch_size: 8}
            """)
        let first = try SproutBinary.run(["run", scratch.url.appendingPathComponent("p1/configs").path, "--quiet"], timeout: 120)
        #expect(first.status == 0, "\(first.stderr)")
        let inputs = try #require(try RunDirectoryTests.json(scratch.url.appendingPathComponent("p1/runs/d/run.json").path)["inputs"] as? [String: Any])
        #expect((inputs["files"] as? [String: String])?.keys.sorted() == ["data/points.csv"])

        try FileManager.default.moveItem(at: scratch.url.appendingPathComponent("p1"), to: scratch.url.appendingPathComponent("p2"))
        // Started from another folder, with the configs named by a relative path.
        let moved = try SproutBinary.run(["status", "configs"], in: scratch.url.appendingPathComponent("p2"))
        #expect(moved.stdout.contains("d  up to date"), "\(moved.stdout)")

        try scratch.write("p2/configs/data/points.csv", csv.replacingOccurrences(of: "0.5,", with: "0.55,"))
        let edited = try SproutBinary.run(["status", scratch.url.appendingPathComponent("p2/configs").path])
        #expect(edited.stdout.contains("d  stale: data file data/points.csv changed"), "\(edited.stdout)")
    }

    /// Subfolders of the configs root run into the same subfolders of runs/, whichever path is given; the output
    /// folder is never read as configs; two configs that would write one directory, both named after their files
    /// (b.yaml and b.yml), are refused before anything runs.
    @Test func layoutAndClashes() throws {
        let scratch = try TemporaryDirectory()
        try scratch.write("configs/a.yaml", Self.config())
        try scratch.write("configs/deep/b.yaml", Self.config())
        try scratch.write("configs/deep/b.yml", Self.config(extra: "name: b"))
        try scratch.write("configs/deep/d.yaml", Self.config(extra: "name: dd"))
        let configs = scratch.url.appendingPathComponent("configs").path
        let runs = scratch.url.appendingPathComponent("runs").path
        let result = try SproutBinary.run(["run", configs, "--quiet"], timeout: 120)
        #expect(result.status == 1)
        #expect(result.stderr.contains("configs/deep/b.yaml: error: not run: another config would write the same run directory, or one inside it: "))
        #expect(result.stderr.contains("configs/deep/b.yml: error: not run: another config would write the same run directory, or one inside it: "))
        #expect(result.stderr.contains("(also written by \(scratch.url.path)/configs/deep/b.yml), and each is named after its file; give one of them another `name:`\n"),
                "\(result.stderr)")
        #expect(result.stdout.contains("2 runs: 2 completed, 2 configs invalid"))
        #expect(FileManager.default.fileExists(atPath: runs + "/a/run.json"))
        #expect(FileManager.default.fileExists(atPath: runs + "/deep/dd/run.json"))
        #expect(!FileManager.default.fileExists(atPath: runs + "/deep/b"))
        let rows = try Self.summary(runs + "/summary.csv")
        #expect(rows.filter { $0["status"] == "refused" }.count == 2)

        // The file alone finds the same directory (its configs root is the enclosing `configs` folder).
        let single = try SproutBinary.run(["status", scratch.url.appendingPathComponent("configs/deep/d.yaml").path])
        #expect(single.stdout.contains("deep/dd  up to date"))
        // Runs written inside the configs folder are not configs: their config.yaml copies are skipped.
        let inside = scratch.url.appendingPathComponent("configs/runs").path
        _ = try SproutBinary.run(["run", scratch.url.appendingPathComponent("configs/a.yaml").path, "--out", inside, "--quiet"], timeout: 120)
        let again = try SproutBinary.run(["status", configs, "--out", inside])
        #expect(again.stdout.contains("2 runs: 1 up-to-date, 1 never-run, 2 configs invalid"), "\(again.stdout)")

        // --fail-fast: an invalid config means nothing runs.
        try scratch.write("strict/configs/bad.yaml", "data: {source: xor}\n")
        try scratch.write("strict/configs/good.yaml", Self.config())
        let failFast = try SproutBinary.run(["run", scratch.url.appendingPathComponent("strict/configs").path, "--fail-fast"])
        #expect(failFast.status == 1)
        #expect(failFast.stderr.contains("nothing run (--fail-fast): 1 config invalid"))
        #expect(!FileManager.default.fileExists(atPath: scratch.url.appendingPathComponent("strict/runs").path))
    }

    /// The same config named twice is one run; a copy of a config that kept its `name:` never retrains (overwrites)
    /// the original's runs, --force or not: it runs under its file name; two configs named after their files
    /// replace each other's runs only with --force; a config edited after the batch planned it is not run from the
    /// stale plan.
    @Test func noRunDirectoryIsWrittenByTwoConfigsOrTwoPlans() throws {
        let scratch = try TemporaryDirectory()
        try scratch.write("configs/base.yaml", Self.config(extra: "name: baseline"))
        let base = scratch.url.appendingPathComponent("configs/base.yaml").path
        let runs = scratch.url.appendingPathComponent("runs").path
        let twice = try SproutBinary.run(["run", base, base, scratch.url.appendingPathComponent("configs").path, "--quiet"], timeout: 120)
        #expect(twice.stdout.contains("1 run: 1 completed"), "\(twice.stdout)")

        try scratch.write("configs/copy.yaml", Self.config(lr: "0.7", extra: "name: baseline"))
        let copy = scratch.url.appendingPathComponent("configs/copy.yaml").path
        for arguments in [["run", copy, "--quiet"], ["run", copy, "--force", "--quiet"]] {
            let result = try SproutBinary.run(arguments, timeout: 120)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stderr.contains("\(copy): note: runs as copy (its file name), not baseline: \(runs)/baseline holds the runs of \(base)\n"),
                    "\(result.stderr)")
            // config_file is relative to the project, the folder holding runs/.
            #expect(try RunDirectoryTests.json(runs + "/baseline/run.json")["config_file"] as? String == "configs/base.yaml")
            #expect(try RunDirectoryTests.json(runs + "/copy/run.json")["config_file"] as? String == "configs/copy.yaml")
        }

        // baseline.yml is named after its file: it takes runs/baseline back from base.yaml (which is not); then
        // baseline.yaml, named after its file too, is refused there unless --force.
        let yml = try scratch.write("configs/baseline.yml", Self.config(lr: "0.2"))
        let back = try SproutBinary.run(["run", yml, "--quiet"], timeout: 120)
        #expect(back.status == 0, "\(back.stderr)")
        #expect(back.stderr.contains("\(yml): note: takes back \(runs)/baseline from \(base), which has this name but another file name\n"),
                "\(back.stderr)")
        #expect(try RunDirectoryTests.json(runs + "/baseline/run.json")["config_file"] as? String == "configs/baseline.yml")
        let yaml = try scratch.write("configs/baseline.yaml", Self.config(lr: "0.3"))
        let refused = try SproutBinary.run(["run", yaml, "--quiet"], timeout: 120)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("error: not run: \(runs)/baseline holds the runs of another config, \(yml), and each is named after its file; give this one another `name:`, or --force to replace them"),
                "\(refused.stderr)")
        let forced = try SproutBinary.run(["run", yaml, "--force", "--quiet"], timeout: 120)
        #expect(forced.status == 0)
        #expect(try RunDirectoryTests.json(runs + "/baseline/run.json")["config_file"] as? String == "configs/baseline.yaml")

        // -j 1: b waits behind a; b is edited while a trains, so b's plan is stale when its turn comes. a trains a
        // million epochs, so it is surely still training when b is edited (whatever the build's speed); then a's
        // worker is killed and the batch goes on to b.
        try scratch.write("late/configs/a.yaml", Self.config(epochs: 1_000_000))
        try scratch.write("late/configs/b.yaml", Self.config())
        let lateRuns = scratch.url.appendingPathComponent("late/runs").path
        let batch = try RunningBatch(["run", scratch.url.appendingPathComponent("late/configs").path, "-j", "1", "--quiet"],
                                     runs: lateRuns)
        defer { batch.end() }
        let worker = try #require(try batch.waitUntilTraining(["a"]).first)
        try scratch.write("late/configs/b.yaml", Self.config(lr: "0.05"))
        #expect(kill(worker, SIGKILL) == 0)
        batch.finish(seconds: 240)
        #expect(batch.process.terminationStatus == 1)
        let rows = try Self.summary(lateRuns + "/summary.csv")
        let b = rows.first { $0["run_dir"] == "b" }
        #expect(b?["status"] == "failed")
        #expect(b?["note"]?.contains("late/configs/b.yaml changed after the batch planned this run; run the batch again")
                == true, "\(rows)")
        #expect(!FileManager.default.fileExists(atPath: lateRuns + "/b/run.json"))
    }

    /// `sprout status` tells a killed run (run.json says running, no such process) and a failed one apart.
    @Test func statusOfRunsThatDidNotEnd() throws {
        let scratch = try TemporaryDirectory()
        try scratch.write("configs/a.yaml", Self.config())
        try scratch.write("configs/b.yaml", Self.config())
        let configs = scratch.url.appendingPathComponent("configs").path
        let runs = scratch.url.appendingPathComponent("runs").path
        _ = try SproutBinary.run(["run", configs, "--quiet"], timeout: 120)
        for (name, status) in [("a", "running"), ("b", "failed")] {
            let path = runs + "/\(name)/run.json"
            var text = try String(contentsOfFile: path, encoding: .utf8)
            text = text.replacingOccurrences(of: #""status"\s*:\s*"completed""#, with: "\"status\": \"\(status)\"",
                                             options: .regularExpression)
            // A pid no process has: Linux pids stay below 2^22.
            text = text.replacingOccurrences(of: #""pid"\s*:\s*\d+"#, with: "\"pid\": 99999999", options: .regularExpression)
            text = text.replacingOccurrences(of: #""error"\s*:\s*null"#, with: "\"error\": \"disk full\"",
                                             options: .regularExpression)
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        let status = try SproutBinary.run(["status", configs])
        #expect(status.stdout.contains("a  killed (run.json says running, its process is gone)"))
        #expect(status.stdout.contains("b  failed: disk full"))
        let rerun = try SproutBinary.run(["run", configs, "--quiet"], timeout: 120)
        #expect(rerun.stdout.contains("2 runs: 2 completed"))
    }
}
