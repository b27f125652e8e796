import Foundation
import Testing

/// runs/<name>/ as `sprout run` leaves it: config.yaml, run.json and metrics.csv, for every way a run can end.
@Suite struct RunDirectoryTests {
    static func json(_ path: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// Every line of a CSV file is complete: it ends with a line break and has the header's number of fields.
    static func expectWellFormedCSV(_ path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasSuffix("\n"), "\(path) ends mid-line")
        let lines = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).count }
        #expect(lines.allSatisfy { $0 == lines.first }, "\(path): ragged rows \(lines)")
    }

    static let xor = """
        name: twin
        seed: 3
        data: {source: xor, samples: 64}
        model:
          layers: [{name: hidden, type: dense, units: 4}, tanh, {name: out, type: dense, units: 2}]
        train:
          loss: cross_entropy
          optimizer: {type: sgd, lr: 0.1, momentum: 0.9}
          epochs: EPOCHS
          batch_size: 8
        log: {every: EVERY}

        """

    /// A relu network with learning rate 10^6: the first updates overflow the logits, so the loss stops being
    /// finite within the first epoch.
    static func runaway(epochs: Int) -> String {
        """
        name: runaway
        data: {source: xor, samples: 64}
        model:
          layers: [{type: dense, units: 8}, relu, {type: dense, units: 8}, relu, {type: dense, units: 2}]
        train:
          loss: cross_entropy
          optimizer: {type: sgd, lr: 1.0e+6}
          epochs: \(epochs)
          batch_size: 8

        """
    }

    @Test func completedRunRecordsItselfAndItsResolvedConfigReproducesIt() throws {
        let scratch = try TemporaryDirectory()
        let config = try scratch.write("twin.yaml", Self.xor.replacingOccurrences(of: "EPOCHS", with: "20")
            .replacingOccurrences(of: "EVERY", with: "5"))
        let runs = scratch.url.appendingPathComponent("runs").path
        let first = try SproutBinary.run(["run", config, "--out", runs])
        #expect(first.status == 0, "\(first.stderr)")
        let directory = runs + "/twin"
        let record = try Self.json(directory + "/run.json")
        #expect(record["status"] as? String == "completed")
        #expect(record["error"] is NSNull)
        #expect(record["seed"] as? Int == 3)
        #expect(record["epochs"] as? Int == 20 && record["epochs_completed"] as? Int == 20)
        #expect(record["steps"] as? Int == 20 * 8)  // 64 examples in batches of 8
        #expect(record["config"] as? String == config)
        let fingerprint = try #require(record["fingerprint"] as? String)
        #expect(fingerprint.count == 64 && fingerprint.allSatisfy(\.isHexDigit))
        // The final metrics are metrics.csv's last row.
        let table = try MetricsTable(path: directory + "/metrics.csv")
        let final = try #require(record["final"] as? [String: Any])
        #expect(final["epoch"] as? Int == 20)
        // Compared as text: both files print the shortest decimal that reads back as the same Double, while
        // Foundation's JSON parser on Linux may round the last digit differently.
        let lastLoss = try #require(table.rows.last?[table.header.firstIndex(of: "train_loss") ?? 0])
        let recordText = try String(contentsOfFile: directory + "/run.json", encoding: .utf8)
        #expect(recordText.range(of: #""train_loss"\s*:\s*"# + NSRegularExpression.escapedPattern(for: lastLoss) + "[,\n]",
                                 options: .regularExpression) != nil)

        // config.yaml is a config Sprout accepts, and running it gives the same metrics (apart from timing) and
        // the same fingerprint: it is the same run.
        let again = try SproutBinary.run(["run", directory + "/config.yaml", "--out", scratch.url.appendingPathComponent("again").path])
        #expect(again.status == 0, "\(again.stderr)")
        let rerun = try MetricsTable(path: scratch.url.appendingPathComponent("again/twin/metrics.csv").path)
        #expect(rerun.withoutColumn("seconds") == table.withoutColumn("seconds"))
        #expect(try Self.json(scratch.url.appendingPathComponent("again/twin/run.json").path)["fingerprint"] as? String
                == fingerprint)
    }

    /// Any change to the training makes a different fingerprint; the same config run twice keeps it.
    @Test func fingerprintFollowsTheConfig() throws {
        let scratch = try TemporaryDirectory()
        func fingerprint(_ text: String, _ folder: String) throws -> String? {
            let config = try scratch.write("\(folder)/twin.yaml", text)
            let result = try SproutBinary.run(["run", config, "--out", scratch.url.appendingPathComponent(folder).path])
            #expect(result.status == 0, "\(result.stderr)")
            return try Self.json(scratch.url.appendingPathComponent("\(folder)/twin/run.json").path)["fingerprint"] as? String
        }
        let base = Self.xor.replacingOccurrences(of: "EPOCHS", with: "2").replacingOccurrences(of: "EVERY", with: "1")
        let a = try fingerprint(base, "a")
        let b = try fingerprint(base, "b")
        let c = try fingerprint(base.replacingOccurrences(of: "lr: 0.1", with: "lr: 0.2"), "c")
        #expect(a != nil && a == b)
        #expect(a != c)
    }

    /// Learning rate 10^6 on a relu network: the loss overflows; run.json says diverged, with where, and
    /// metrics.csv is complete, its last row the non-finite loss.
    @Test func divergedRun() throws {
        let scratch = try TemporaryDirectory()
        let config = try scratch.write("runaway.yaml", Self.runaway(epochs: 50))
        let runs = scratch.url.appendingPathComponent("runs").path
        let result = try SproutBinary.run(["run", config, "--out", runs])
        #expect(result.stdout.contains("runaway: diverged at epoch"), "\(result.stdout)")
        #expect(result.status == 1)
        let record = try Self.json(runs + "/runaway/run.json")
        #expect(record["status"] as? String == "diverged")
        let at = try #require(record["diverged_at"] as? [String: Any])
        let table = try MetricsTable(path: runs + "/runaway/metrics.csv")
        #expect(at["epoch"] as? Int == table.column("epoch").last.map { Int($0) })
        #expect(at["step"] as? Int == table.column("step").last.map { Int($0) })
        #expect(!(table.column("train_loss").last ?? 0).isFinite)
        try Self.expectWellFormedCSV(runs + "/runaway/metrics.csv")
    }

    /// A folder of the user's where a run's link must go (not a run: no run.json) is never moved or removed: the run
    /// fails before anything is written, with one sentence naming the path, exit 1; the folder is as it was, the
    /// store holds no entry of it (only the name's lock), and the run is still never run. (A failure in the middle
    /// of training is DiskFullTests'.)
    @Test func aFolderInTheWayIsKeptAndNothingWritten() throws {
        let scratch = try TemporaryDirectory()
        let config = try scratch.write("twin.yaml", Self.xor.replacingOccurrences(of: "EPOCHS", with: "3")
            .replacingOccurrences(of: "EVERY", with: "1"))
        let runs = scratch.url.appendingPathComponent("runs").path
        try scratch.write("runs/twin/notes.txt", "mine")
        let result = try SproutBinary.run(["run", config, "--out", runs])
        #expect(result.status == 1)
        #expect(result.stderr.contains("error: cannot write \(runs)/twin: it is not a run directory (no run.json)"),
                "\(result.stderr)")
        #expect(result.stdout.contains("[1/1] twin: failed in "), "\(result.stdout)")
        #expect(try String(contentsOfFile: runs + "/twin/notes.txt", encoding: .utf8) == "mine")
        #expect(try FileManager.default.contentsOfDirectory(atPath: runs + "/.store/twin") == [".lock"])
        #expect(try SproutBinary.run(["status", config, "--out", runs]).stdout.contains("twin  never run"))
    }

    /// SIGTERM during training: the run stops after the step in progress, run.json says interrupted by SIGTERM,
    /// every file is well-formed, and the exit status is 128 + 15.
    @Test func sigtermInterruptsCleanly() throws {
        let scratch = try TemporaryDirectory()
        let config = try scratch.write("twin.yaml", Self.xor.replacingOccurrences(of: "EPOCHS", with: "1000000")
            .replacingOccurrences(of: "EVERY", with: "1000"))
        let runs = scratch.url.appendingPathComponent("runs").path
        let batch = try RunningBatch(["run", config, "--out", runs], runs: runs)
        defer { batch.end() }
        // Wait until training is under way: metrics.csv holds epoch 0's row.
        let metrics = runs + "/twin/metrics.csv"
        try batch.waitUntilTraining(["twin"], seconds: 60)
        kill(batch.pid, SIGTERM)
        #expect(batch.finish(seconds: 30))
        #expect(batch.process.terminationReason == .exit)
        #expect(batch.process.terminationStatus == 128 + 15)
        let record = try Self.json(runs + "/twin/run.json")
        #expect(record["status"] as? String == "interrupted")
        #expect(record["interrupted_by"] as? String == "SIGTERM")
        #expect((record["steps"] as? Int ?? 0) > 0)
        #expect(!(record["ended"] is NSNull))
        try Self.expectWellFormedCSV(metrics)
    }
}
