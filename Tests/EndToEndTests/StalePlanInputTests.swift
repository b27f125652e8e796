import Foundation
import Testing

/// A data file replaced while a batch runs: the run planned from the old file is not trained from the new one,
/// and the note names the file that changed (not "the config was edited").
@Suite struct StalePlanInputTests {
    static func csv(_ flip: Bool) -> String {
        "x1,x2,label\n" + (0..<24).map { i in
            let positive = (i % 2 == 0) != flip
            return "\(positive ? 1 : -1).0,\(Double(i) / 24),\(positive ? "yes" : "no")"
        }.joined(separator: "\n") + "\n"
    }

    @Test func aReplacedDataFileIsNamed() throws {
        let scratch = try TemporaryDirectory()
        // -j 1: `reads` waits behind `long`, which trains a million epochs, so it is surely still training when the
        // data file is replaced; then `long`'s worker is killed and the batch goes on to `reads`.
        try scratch.write("configs/long.yaml", BatchRunTests.config(epochs: 1_000_000))
        try scratch.write("configs/data/points.csv", Self.csv(false))
        try scratch.write("configs/reads.yaml", """
            data: {source: csv, path: data/points.csv, target: label}
            model: {layers: [{type: dense, units: 2}]}
            train: {loss: cross_entropy, optimizer: {type: sgd, lr: 0.1}, epochs: 2}

            """)
        let runs = scratch.url.appendingPathComponent("runs").path
        let batch = try RunningBatch(["run", scratch.url.appendingPathComponent("configs").path, "-j", "1", "--quiet"],
                                     runs: runs)
        defer { batch.end() }
        let worker = try #require(try batch.waitUntilTraining(["long"]).first)
        // Same size and shape (the labels swap): only the stamp can tell.
        try scratch.write("configs/data/points.csv", Self.csv(true))
        #expect(kill(worker, SIGKILL) == 0)
        batch.finish(seconds: 240)
        let rows = try BatchRunTests.summary(runs + "/summary.csv")
        let reads = rows.first { $0["run_dir"] == "reads" }
        #expect(reads?["status"] == "failed")
        #expect(reads?["note"]?.hasPrefix("data/points.csv changed after the batch planned this run") == true,
                "\(rows)")
        #expect(!FileManager.default.fileExists(atPath: runs + "/reads/run.json"))
    }
}

/// A config edited mid-batch in a way its fingerprint does not see (a comment) is still run from the plan: the
/// worker trains the planned spec, and reads the config again only to check that the edit changed nothing that
/// counts.
@Suite struct HarmlessEditTests {
    @Test func aCommentAddedMidBatchRefusesNothing() throws {
        let scratch = try TemporaryDirectory()
        try scratch.write("configs/long.yaml", BatchRunTests.config(epochs: 1_000_000))
        try scratch.write("configs/quiet.yaml", BatchRunTests.config(epochs: 2))
        let runs = scratch.url.appendingPathComponent("runs").path
        let batch = try RunningBatch(["run", scratch.url.appendingPathComponent("configs").path, "-j", "1", "--quiet"],
                                     runs: runs)
        defer { batch.end() }
        let worker = try #require(try batch.waitUntilTraining(["long"]).first)
        try scratch.write("configs/quiet.yaml", BatchRunTests.config(epochs: 2) + "\n# tried on Tuesday\n")
        #expect(kill(worker, SIGKILL) == 0)
        batch.finish(seconds: 240)
        let rows = try BatchRunTests.summary(runs + "/summary.csv")
        #expect(rows.first { $0["run_dir"] == "quiet" }?["status"] == "completed", "\(rows)")
    }
}
