import Foundation
import Testing

/// The run store (docs/runs.md, "The store"): every run kept, the run cache, history, diff, gc, and where a run came
/// from — each through the built binary, in a git repository of the test's own, as a user works.
@Suite struct RunStoreTests {
    /// `git args...` in `directory`, with an identity of its own (the machine may have none); its output, or a
    /// thrown failure.
    @discardableResult
    static func git(_ arguments: [String], in directory: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-c", "user.name=Sprout Test", "-c", "user.email=test@sprout.invalid",
                             "-c", "init.defaultBranch=main", "-c", "advice.detachedHead=false"] + arguments
        process.currentDirectoryURL = directory
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw GitFailed(arguments: arguments) }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    struct GitFailed: Error { var arguments: [String] }

    /// The entries (ids) of `name` in the store below `runs`, oldest first.
    static func entries(_ runs: String, _ name: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: "\(runs)/.store/\(name)").filter { !$0.hasPrefix(".") }.sorted()
    }

    /// Whether `path` is a real folder (not a link to one).
    static func isFolder(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR
    }

    /// Every file of a run directory, by name, with its bytes.
    static func files(_ directory: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory) where !name.hasPrefix(".") {
            files[name] = try Data(contentsOf: URL(fileURLWithPath: directory + "/" + name))
        }
        return files
    }

    /// The acceptance: edit the learning rate and rerun — both runs kept, `sprout diff --previous` names the key and
    /// shows both curves; check out the old config and run — the old run is restored without training, its files
    /// bit-identical; check out the new one — the new run comes back the same way.
    @Test func anEditKeepsBothRunsAndGitCheckoutRestoresEither() throws {
        let scratch = try TemporaryDirectory()
        let project = scratch.url
        try scratch.write("configs/lr.yaml", BatchRunTests.config(lr: "0.1", epochs: 4))
        try Self.git(["init", "-q"], in: project)
        try Self.git(["add", "configs"], in: project)
        try Self.git(["commit", "-q", "-m", "lr 0.1"], in: project)
        let first = try Self.git(["rev-parse", "HEAD"], in: project)
        let runs = project.appendingPathComponent("runs").path

        #expect(try SproutBinary.run(["run", "configs", "--quiet"], in: project).status == 0)
        let old = try Self.files(runs + "/lr")
        let oldRecord = try RunDirectoryTests.json(runs + "/lr/run.json")
        let oldGit = try #require(oldRecord["git"] as? [String: Any])
        #expect(oldGit["commit"] as? String == first)
        #expect(oldGit["dirty"] as? Bool == false)
        #expect(oldRecord["config_file"] as? String == "configs/lr.yaml")

        try scratch.write("configs/lr.yaml", BatchRunTests.config(lr: "0.05", epochs: 4))
        let edited = try SproutBinary.run(["status"], in: project)
        #expect(edited.stdout.contains("lr  stale: train.optimizer.lr 0.1 -> 0.05"), "\(edited.stdout)")
        #expect(try SproutBinary.run(["run", "configs", "--quiet"], in: project).status == 0)
        // Trained from a config that differs from the commit: dirty.
        let dirtyGit = try #require(try RunDirectoryTests.json(runs + "/lr/run.json")["git"] as? [String: Any])
        #expect(dirtyGit["commit"] as? String == first && dirtyGit["dirty"] as? Bool == true)
        try Self.git(["commit", "-q", "-am", "lr 0.05"], in: project)
        let ids = try Self.entries(runs, "lr")
        #expect(ids.count == 2)
        let new = try Self.files(runs + "/lr")
        #expect(new["metrics.csv"] != old["metrics.csv"])
        #expect(try Self.files("\(runs)/.store/lr/\(ids[0])") == old)

        let diff = try SproutBinary.run(["diff", "configs/lr.yaml", "--previous"], in: project)
        #expect(diff.status == 0, "\(diff.stderr)")
        #expect(diff.stdout.contains("train.optimizer.lr 0.1 -> 0.05"), "\(diff.stdout)")
        let csv = try SproutBinary.run(["diff", "configs/lr.yaml", "--previous", "--format", "csv"], in: project)
        let table = csv.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(table.first == ["epoch", "train_loss_a", "train_loss_b", "train_accuracy_a", "train_accuracy_b"])
        // The curves are the two runs' own metrics.csv columns, A the older run.
        let a = try MetricsTable(path: "\(runs)/.store/lr/\(ids[0])/metrics.csv")
        let b = try MetricsTable(path: "\(runs)/.store/lr/\(ids[1])/metrics.csv")
        #expect(table.dropFirst().map { Double($0[1]) } == a.column("train_loss").map { $0 })
        #expect(table.dropFirst().map { Double($0[2]) } == b.column("train_loss").map { $0 })
        #expect(table.dropFirst().map { Int($0[0]) } == a.column("epoch").map { Int($0) })

        try Self.git(["checkout", "-q", first, "--", "configs"], in: project)
        let back = try SproutBinary.run(["run", "configs"], in: project)
        #expect(back.status == 0, "\(back.stderr)")
        #expect(back.stdout.contains("lr: restored from the store (\(ids[0])"), "\(back.stdout)")
        #expect(back.stdout.contains("1 run: 1 restored from the store"), "\(back.stdout)")
        // No worker: a trained run's line ("[1/1] lr: completed ...") never appears.
        #expect(!back.stdout.contains("[1/1]"), "\(back.stdout)")
        // Nothing trained: no new entry, and the link points at the first run, whose files are as they were.
        #expect(try Self.entries(runs, "lr") == ids)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: runs + "/lr") == ".store/lr/\(ids[0])")
        #expect(try Self.files(runs + "/lr") == old)

        try Self.git(["checkout", "-q", "main", "--", "configs"], in: project)
        let forth = try SproutBinary.run(["run", "configs", "--quiet"], in: project)
        #expect(forth.stdout.contains("1 run: 1 restored from the store"), "\(forth.stdout)")
        #expect(try Self.entries(runs, "lr") == ids)
        #expect(try Self.files(runs + "/lr") == new)

        let history = try SproutBinary.run(["history", "configs/lr.yaml"], in: project)
        let lines = history.stdout.split(separator: "\n")
        #expect(lines.first == "lr (configs/lr.yaml): 2 runs kept", "\(history.stdout)")
        // Newest first; the current one starred; what changed from the run below it.
        #expect(lines.count == 3)
        #expect(lines.count == 3 && lines[1].hasPrefix("  *  \(ids[1])") && lines[1].hasSuffix("train.optimizer.lr 0.1 -> 0.05"),
                "\(history.stdout)")
        #expect(lines.count == 3 && lines[2].hasPrefix("     \(ids[0])") && lines[2].contains(String(first.prefix(7)) + " "),
                "\(history.stdout)")
    }

    /// `sprout gc --keep 1`: of three runs of one name, the newest stays and so does the one the path points at (the
    /// oldest, restored); the middle one goes, and the space it took is reported. --dry-run removes nothing.
    @Test func gcKeepsTheNewestAndWhatThePathPointsAt() throws {
        let scratch = try TemporaryDirectory()
        let runs = scratch.url.appendingPathComponent("runs").path
        for lr in ["0.1", "0.2", "0.3", "0.1"] {
            try scratch.write("configs/g.yaml", BatchRunTests.config(lr: lr, epochs: 2))
            #expect(try SproutBinary.run(["run", "configs", "--quiet"], in: scratch.url).status == 0)
        }
        let ids = try Self.entries(runs, "g")
        #expect(ids.count == 3)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: runs + "/g") == ".store/g/\(ids[0])")
        let middle = "\(runs)/.store/g/\(ids[1])"
        let status = try SproutBinary.run(["status"], in: scratch.url)
        #expect(status.stdout.contains("store: 3 runs, "), "\(status.stdout)")

        let dry = try SproutBinary.run(["gc", "--keep", "1", "--dry-run"], in: scratch.url)
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("would remove g/\(ids[1])"), "\(dry.stdout)")
        #expect(try Self.entries(runs, "g") == ids)

        let gc = try SproutBinary.run(["gc", "--keep", "1"], in: scratch.url)
        #expect(gc.status == 0, "\(gc.stderr)")
        #expect(gc.stdout.contains("removed g/\(ids[1])"))
        #expect(gc.stdout.contains("removed 1 run, freed "), "\(gc.stdout)")
        #expect(gc.stdout.contains("kept 2 runs"), "\(gc.stdout)")
        #expect(!FileManager.default.fileExists(atPath: middle))
        #expect(try Self.entries(runs, "g") == [ids[0], ids[2]])
        #expect(try SproutBinary.run(["status"], in: scratch.url).stdout.contains("g  up to date"))

        let usage = try SproutBinary.run(["gc"], in: scratch.url)
        #expect(usage.status == 64, "gc without a policy is a usage error: \(usage.stderr)")
    }

    /// A run directory written before the store (a real folder at runs/<name>) is moved into the store, whole, when
    /// the config next trains, and stays in the history.
    @Test func aRunFromBeforeTheStoreIsMovedIn() throws {
        let scratch = try TemporaryDirectory()
        let runs = scratch.url.appendingPathComponent("runs").path
        try scratch.write("configs/m.yaml", BatchRunTests.config(lr: "0.1", epochs: 2))
        #expect(try SproutBinary.run(["run", "configs", "--quiet"], in: scratch.url).status == 0)
        // Made into the old layout: the entry's folder where the link was, no store.
        let id = try #require(try Self.entries(runs, "m").first)
        try FileManager.default.removeItem(atPath: runs + "/m")
        try FileManager.default.moveItem(atPath: "\(runs)/.store/m/\(id)", toPath: runs + "/m")
        try FileManager.default.removeItem(atPath: runs + "/.store")
        let old = try Self.files(runs + "/m")
        #expect(try SproutBinary.run(["status"], in: scratch.url).stdout.contains("m  up to date"))

        try scratch.write("configs/m.yaml", BatchRunTests.config(lr: "0.2", epochs: 2))
        let rerun = try SproutBinary.run(["run", "configs", "--quiet"], in: scratch.url)
        #expect(rerun.status == 0, "\(rerun.stderr)")
        let ids = try Self.entries(runs, "m")
        #expect(ids.count == 2)
        #expect(ids.first == id, "named by its record's start and fingerprint")
        #expect(try Self.files("\(runs)/.store/m/\(id)") == old)
        #expect(try SproutBinary.run(["history", "configs"], in: scratch.url).stdout.hasPrefix("m (configs/m.yaml): 2 runs kept"))
    }

    /// A project outside git records no git state, and that is not an error; the host and the command line are
    /// recorded, and OpenBLAS's version and core.
    @Test func provenanceWithoutGit() throws {
        let scratch = try TemporaryDirectory()
        try scratch.write("configs/p.yaml", BatchRunTests.config(epochs: 1))
        #expect(try SproutBinary.run(["run", "configs", "--quiet", "-j", "1"], in: scratch.url).status == 0)
        let record = try RunDirectoryTests.json(scratch.url.appendingPathComponent("runs/p/run.json").path)
        #expect(record["git"] is NSNull)
        #expect((record["command"] as? [String])?.dropFirst() == ["run", "configs", "--quiet", "-j", "1"])
        var host = [CChar](repeating: 0, count: 256)
        #expect(gethostname(&host, 255) == 0)
        #expect(record["host"] as? String == String(cString: host))
        let openblas = try #require(record["openblas"] as? [String: Any])
        #expect((openblas["build"] as? String)?.hasPrefix("OpenBLAS \(openblas["version"] as? String ?? "?") ") == true)
        #expect((openblas["core"] as? String).map { !$0.isEmpty && (openblas["build"] as? String)?.contains($0) == true } == true)
    }
}
