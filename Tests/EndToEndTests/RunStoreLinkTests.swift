import Foundation
import Testing

/// The runs' links in the ways people reshape a project (docs/runs.md, "The store"): a config becoming a sweep of
/// the same name and back, a folder of the output that is a link to another disk, a link of the user's in the way;
/// and the run cache's and gc's rules where they could go wrong: an entry with a missing file is never restored,
/// other log settings are said, a name another process holds is left alone.
@Suite struct RunStoreLinkTests {
    /// BatchRunTests' small config with a sweep over two learning rates.
    static func sweep(epochs: Int = 2) -> String {
        BatchRunTests.config(lr: "0.1", epochs: epochs) + "sweep:\n  train.optimizer.lr: [0.1, 0.2]\n"
    }

    /// A plain config becomes a sweep of the same name, then plain again: each time every run's path leads to its
    /// run, nothing is written into a stored entry, and the plain run comes back from the store.
    @Test func aPlainRunBecomesASweepAndBack() throws {
        let scratch = try TemporaryDirectory()
        let runs = scratch.url.appendingPathComponent("runs").path
        try scratch.write("configs/s.yaml", BatchRunTests.config(epochs: 2))
        #expect(try SproutBinary.run(["run", "configs", "--quiet"], in: scratch.url).status == 0)
        let plain = try RunStoreTests.files(runs + "/s")

        try scratch.write("configs/s.yaml", Self.sweep())
        let swept = try SproutBinary.run(["run", "configs", "--quiet"], in: scratch.url)
        #expect(swept.status == 0, "\(swept.stdout)\(swept.stderr)")
        #expect(RunStoreTests.isFolder(runs + "/s"), "runs/s is a real folder now")
        for variant in try FileManager.default.contentsOfDirectory(atPath: runs + "/s") where variant.hasPrefix("lr=") {
            #expect(try RunDirectoryTests.json("\(runs)/s/\(variant)/run.json")["status"] as? String == "completed")
        }
        #expect(FileManager.default.fileExists(atPath: runs + "/s/summary.csv"))
        // The plain run's entry is as it was: nothing was written into it.
        let entry = try #require(try RunStoreTests.entries(runs, "s").first)
        #expect(try RunStoreTests.files("\(runs)/.store/s/\(entry)") == plain)
        let status = try SproutBinary.run(["status"], in: scratch.url)
        #expect(status.stdout.contains("2 runs: 2 up-to-date"), "\(status.stdout)")

        try scratch.write("configs/s.yaml", BatchRunTests.config(epochs: 2))
        let back = try SproutBinary.run(["run", "configs", "--quiet"], in: scratch.url)
        #expect(back.stdout.contains("1 run: 1 restored from the store"), "\(back.stdout)\(back.stderr)")
        #expect(try RunStoreTests.files(runs + "/s") == plain)
    }

    /// A plain config and a sweep config that share a name meet (the sweep's folder is its own): named after their
    /// files, they are refused together, as two configs of one name are; otherwise each runs under its file name.
    @Test func aPlainRunInsideAnotherConfigsSweepIsRefused() throws {
        let scratch = try TemporaryDirectory()
        try scratch.write("configs/same.yaml", Self.sweep())
        try scratch.write("configs/same.yml", BatchRunTests.config(epochs: 2))
        let clash = try SproutBinary.run(["run", "configs", "--quiet"], in: scratch.url)
        #expect(clash.status == 1)
        for config in ["same.yaml", "same.yml"] {
            #expect(clash.stderr.contains("configs/\(config): error: not run: another config would write the same run "
                                          + "directory, or one inside it: "), "\(clash.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: scratch.url.appendingPathComponent("runs/.store/same").path))

        let named = try TemporaryDirectory()
        try named.write("configs/a.yaml", Self.sweep() + "name: same\n")
        try named.write("configs/b.yaml", BatchRunTests.config(epochs: 2) + "name: same\n")
        let both = try SproutBinary.run(["run", "configs", "--quiet"], in: named.url)
        #expect(both.status == 0, "\(both.stderr)")
        #expect(both.stdout.contains("3 runs: 3 completed"), "\(both.stdout)")
        for run in ["a/lr=0.1", "a/lr=0.2", "b"] {
            #expect(FileManager.default.fileExists(atPath: named.url.appendingPathComponent("runs/\(run)/run.json").path))
        }
        #expect(!FileManager.default.fileExists(atPath: named.url.appendingPathComponent("runs/same").path))
    }

    /// A folder of the output that is a link to another disk (people keep big runs elsewhere): the run's link is
    /// worked out from the folder it really sits in, so it leads to the run, and the run is up to date afterwards
    /// (not restorable forever).
    @Test func aLinkedFolderAboveTheRunsPath() throws {
        let scratch = try TemporaryDirectory(), elsewhere = try TemporaryDirectory()
        let runs = scratch.url.appendingPathComponent("runs").path
        try FileManager.default.createDirectory(atPath: runs, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: runs + "/sym", withDestinationPath: elsewhere.url.path)
        try scratch.write("configs/sym/x.yaml", BatchRunTests.config(epochs: 2))
        let result = try SproutBinary.run(["run", "configs", "--quiet"], in: scratch.url)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(try RunDirectoryTests.json(runs + "/sym/x/run.json")["status"] as? String == "completed")
        #expect(FileManager.default.fileExists(atPath: elsewhere.url.path + "/x/metrics.csv"))
        #expect(try SproutBinary.run(["status"], in: scratch.url).stdout.contains("sym/x  up to date"))
    }

    /// A link of the user's where a run's link goes (not into the store) is refused and kept.
    @Test func aUsersLinkInTheWayIsKept() throws {
        let scratch = try TemporaryDirectory(), elsewhere = try TemporaryDirectory()
        let runs = scratch.url.appendingPathComponent("runs").path
        try FileManager.default.createDirectory(atPath: runs, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: runs + "/u", withDestinationPath: elsewhere.url.path)
        try scratch.write("configs/u.yaml", BatchRunTests.config(epochs: 2))
        let result = try SproutBinary.run(["run", "configs", "--quiet"], in: scratch.url)
        #expect(result.status == 1)
        #expect(result.stderr.contains("cannot write runs/u: it is a link to \(elsewhere.url.path), not to a run of the store"),
                "\(result.stderr)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: runs + "/u") == elsewhere.url.path)
    }

    /// An entry whose files are no longer as recorded is never restored: with the older run's metrics.csv deleted,
    /// going back to its config trains a new run.
    @Test func anEntryWithAMissingFileIsNotRestored() throws {
        let scratch = try TemporaryDirectory()
        let runs = scratch.url.appendingPathComponent("runs").path
        for lr in ["0.1", "0.2"] {
            try scratch.write("configs/c.yaml", BatchRunTests.config(lr: lr, epochs: 2))
            #expect(try SproutBinary.run(["run", "configs", "--quiet"], in: scratch.url).status == 0)
        }
        let ids = try RunStoreTests.entries(runs, "c")
        try FileManager.default.removeItem(atPath: "\(runs)/.store/c/\(ids[0])/metrics.csv")
        try scratch.write("configs/c.yaml", BatchRunTests.config(lr: "0.1", epochs: 2))
        let status = try SproutBinary.run(["status"], in: scratch.url)
        #expect(status.stdout.contains("c  stale: train.optimizer.lr 0.2 -> 0.1"), "\(status.stdout)")
        let rerun = try SproutBinary.run(["run", "configs", "--quiet"], in: scratch.url)
        #expect(rerun.stdout.contains("1 run: 1 completed"), "\(rerun.stdout)")
        #expect(try RunStoreTests.entries(runs, "c").count == 3)
    }

    /// Restoring a run logged otherwise than the config now says: restored (the log settings do not change
    /// training), and the line says so.
    @Test func aRestoreWithOtherLogSettingsSaysSo() throws {
        let scratch = try TemporaryDirectory()
        try scratch.write("configs/l.yaml", BatchRunTests.config(lr: "0.1", epochs: 2))
        #expect(try SproutBinary.run(["run", "configs", "--quiet"], in: scratch.url).status == 0)
        try scratch.write("configs/l.yaml", BatchRunTests.config(lr: "0.2", epochs: 2))
        #expect(try SproutBinary.run(["run", "configs", "--quiet"], in: scratch.url).status == 0)
        try scratch.write("configs/l.yaml", BatchRunTests.config(lr: "0.1", epochs: 2, log: "log: {layers: false}"))
        let back = try SproutBinary.run(["run", "configs"], in: scratch.url)
        #expect(back.stdout.contains("l: restored from the store ("), "\(back.stdout)")
        #expect(back.stdout.contains("; its log settings differ from the config's (--force trains it again with them)"),
                "\(back.stdout)")
    }

    /// gc leaves a name alone while another process holds its lock, says so, and removes the rest.
    @Test func gcLeavesAHeldNameAlone() throws {
        let scratch = try TemporaryDirectory()
        let runs = scratch.url.appendingPathComponent("runs").path
        for lr in ["0.1", "0.2"] {
            try scratch.write("configs/h.yaml", BatchRunTests.config(lr: lr, epochs: 2))
            try scratch.write("configs/f.yaml", BatchRunTests.config(lr: lr, epochs: 2))
            #expect(try SproutBinary.run(["run", "configs", "--quiet"], in: scratch.url).status == 0)
        }
        let descriptor = open(runs + "/.store/h/.lock", O_RDWR)
        #expect(descriptor >= 0 && flock(descriptor, LOCK_EX | LOCK_NB) == 0)
        defer { close(descriptor) }
        let gc = try SproutBinary.run(["gc", "--keep", "0"], in: scratch.url)
        #expect(gc.stderr.contains("h: left alone: another process is training it now"), "\(gc.stderr)")
        #expect(gc.stdout.contains("removed 1 run, freed "), "\(gc.stdout)")
        #expect(try RunStoreTests.entries(runs, "h").count == 2)
        #expect(try RunStoreTests.entries(runs, "f").count == 1)
    }
}
