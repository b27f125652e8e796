import Foundation
import Testing

/// A batch whose worker is killed, a batch stopped (SIGTERM, SIGKILL, two Ctrl-C, Ctrl-Z), a second batch beside a
/// running one. Each test owns its scratch folder, its run names and its processes: workers are found through the
/// test's own batch (`RunningBatch`: run.json's pid, checked to be the batch's child), never by searching the
/// machine, and every batch is ended by the test that started it, failing or not.
@Suite struct BatchSignalTests {
    /// A batch over `configs/` holding a million-epoch config per name in `long` (plus `extra` files), started in the
    /// background and returned once every long run is training. The caller ends it (`defer { batch.end() }`).
    static func startTraining(_ long: [String], extra: [String: String] = [:], arguments: [String] = [],
                              in scratch: TemporaryDirectory) throws -> RunningBatch {
        for name in long { try scratch.write("configs/\(name).yaml", BatchRunTests.config(epochs: 1_000_000)) }
        for (file, text) in extra { try scratch.write("configs/\(file)", text) }
        let configs = scratch.url.appendingPathComponent("configs").path
        let batch = try RunningBatch(["run", configs] + arguments, runs: scratch.url.appendingPathComponent("runs").path)
        do { try batch.waitUntilTraining(long) } catch { batch.end(); throw error }
        return batch
    }

    /// With two workers: one run's worker is killed with SIGKILL mid-training and another run diverges; the other
    /// 18 complete, and summary.csv lists all 20 with their statuses. The killed run's run.json says how it died.
    @Test func aKilledWorkerAndADivergingRunLeaveTheOthersAlone() throws {
        let scratch = try TemporaryDirectory()
        let names = (1...20).map { String(format: "k%02d", $0) }
        for name in names {
            let text = name == "k03" ? BatchRunTests.diverging
                : name == "k05" ? BatchRunTests.config(epochs: 1_000_000) : BatchRunTests.config()
            try scratch.write("configs/\(name).yaml", text)
        }
        let runs = scratch.url.appendingPathComponent("runs").path
        let batch = try RunningBatch(["run", scratch.url.appendingPathComponent("configs").path, "-j", "2", "--quiet"],
                                     runs: runs, stdout: try scratch.write("out.txt", ""))
        defer { batch.end() }
        // The worker training k05 (a million epochs), once metrics.csv holds epochs 0 to 3: killed, the batch goes
        // on with the others.
        let worker = try #require(try batch.waitUntilTraining(["k05"]).first)
        let metrics = runs + "/k05/metrics.csv"
        #expect(SproutBinary.waitUntil(seconds: 120) { ((try? MetricsTable(path: metrics))?.rows.count ?? 0) >= 4 })
        // While it trains, the run holds its space reserve (SpaceReserve); killed outright, the worker leaves it.
        #expect(FileManager.default.fileExists(atPath: runs + "/k05/.reserve"))
        #expect(kill(worker, SIGKILL) == 0)
        #expect(batch.finish(seconds: 240))
        #expect(batch.process.terminationStatus == 1)
        // The batch removed the dead worker's reserve as it settled the run; the other runs removed theirs.
        #expect(names.allSatisfy { !FileManager.default.fileExists(atPath: runs + "/\($0)/.reserve") })

        let rows = try BatchRunTests.summary(runs + "/summary.csv")
        #expect(rows.map { $0["run_dir"] } == names)
        let statuses = Dictionary(uniqueKeysWithValues: rows.map { ($0["run_dir"] ?? "", $0["status"] ?? "") })
        #expect(statuses["k03"] == "diverged")
        #expect(statuses["k05"] == "failed")
        #expect(statuses.filter { $0.value == "completed" }.count == 18)
        #expect(rows.first { $0["run_dir"] == "k05" }?["note"] == "the worker process was killed by SIGKILL")
        let record = try RunDirectoryTests.json(runs + "/k05/run.json")
        #expect(record["status"] as? String == "failed")
        #expect(record["error"] as? String == "the worker process was killed by SIGKILL")
        try RunDirectoryTests.expectWellFormedCSV(metrics)
        // Settled from what the worker wrote: its last complete metrics row is the record's final, and at least
        // that many epochs were completed.
        let table = try MetricsTable(path: metrics)
        let last = try #require(table.rows.last)
        let lastEpoch = try #require(Int(last[0]))
        #expect(lastEpoch >= 3)
        #expect((record["epochs_completed"] as? Int ?? 0) >= lastEpoch, "\(record)")
        let final = try #require(record["final"] as? [String: Any], "\(record)")
        #expect(final["epoch"] as? Int == lastEpoch)
        // As text: Foundation's JSON parser on Linux may round the last digit (see RunDirectoryTests).
        let text = try String(contentsOfFile: runs + "/k05/run.json", encoding: .utf8)
        #expect(text.range(of: #""train_loss"\s*:\s*"# + NSRegularExpression.escapedPattern(for: last[3]) + "[,\n]",
                           options: .regularExpression) != nil, "\(text)")
        let output = try String(contentsOfFile: scratch.url.appendingPathComponent("out.txt").path, encoding: .utf8)
        #expect(output.contains("20 runs: 18 completed, 1 diverged, 1 failed"))
    }

    /// SIGTERM (or Ctrl-C) to the batch: each running run stops after its step and is recorded as interrupted, no
    /// new run starts, summary.csv says so, the exit status is 128 + 15; a rerun trains only the unfinished runs.
    @Test func stoppingTheBatchInterruptsItsRunsCleanly() throws {
        let scratch = try TemporaryDirectory()
        let long = ["term-a", "term-b"]
        let batch = try Self.startTraining(long, extra: ["term-short.yaml": BatchRunTests.config()],
                                           arguments: ["-j", "2", "--quiet"], in: scratch)
        defer { batch.end() }
        kill(batch.pid, SIGTERM)
        #expect(SproutBinary.waitUntil(seconds: 60) { long.allSatisfy { batch.isGone($0) } }, "a worker still runs")
        #expect(batch.finish(seconds: 60))
        #expect(batch.process.terminationStatus == 143)
        for name in long {
            let record = try RunDirectoryTests.json(batch.runs + "/\(name)/run.json")
            #expect(record["status"] as? String == "interrupted")
            #expect(record["interrupted_by"] as? String == "SIGTERM")
            try RunDirectoryTests.expectWellFormedCSV(batch.runs + "/\(name)/metrics.csv")
        }
        let rows = try BatchRunTests.summary(batch.runs + "/summary.csv")
        #expect(rows.map { $0["status"] } == ["interrupted", "interrupted", "not-run"])

        for name in long { try scratch.write("configs/\(name).yaml", BatchRunTests.config()) }
        let rerun = try SproutBinary.run(["run", scratch.url.appendingPathComponent("configs").path, "--quiet"], timeout: 120)
        #expect(rerun.stdout.contains("3 runs: 3 completed"))
    }

    /// The batch killed outright (SIGKILL): the kernel tells its workers, which stop after their step and record
    /// their runs as interrupted; no worker is left training.
    @Test func killingTheBatchStopsItsWorkersCleanly() throws {
        let scratch = try TemporaryDirectory()
        let long = ["sigkill-a", "sigkill-b"]
        let batch = try Self.startTraining(long, arguments: ["-j", "2"], in: scratch)
        defer { batch.end() }
        kill(batch.pid, SIGKILL)
        #expect(SproutBinary.waitUntil(seconds: 60) { long.allSatisfy { batch.isGone($0) } })
        #expect(batch.finish(seconds: 30))
        for name in long {
            let record = try RunDirectoryTests.json(batch.runs + "/\(name)/run.json")
            #expect(record["status"] as? String == "interrupted", "\(name): \(record)")
            #expect(record["interrupted_by"] as? String == "SIGTERM")
            try RunDirectoryTests.expectWellFormedCSV(batch.runs + "/\(name)/metrics.csv")
            // An interrupted run removes its space reserve too, with no batch left to do it.
            #expect(!FileManager.default.fileExists(atPath: batch.runs + "/\(name)/.reserve"))
        }
    }

    /// A second Ctrl-C kills the batch at once, and its workers with it (they are in process groups of their own,
    /// so the terminal's signal would not reach them).
    @Test func aSecondInterruptKillsTheWorkersToo() throws {
        let scratch = try TemporaryDirectory()
        let batch = try Self.startTraining(["twice"], in: scratch)
        defer { batch.end() }
        #expect(!batch.isGone("twice"))
        kill(batch.pid, SIGINT)
        kill(batch.pid, SIGINT)
        #expect(SproutBinary.waitUntil(seconds: 30) { batch.isGone("twice") })
        #expect(batch.finish(seconds: 30))
    }

    /// Ctrl-Z pauses the batch as a whole: its workers stop with it (they are in process groups of their own, so the
    /// terminal's SIGTSTP does not reach them), and continue with it.
    @Test func ctrlZPausesTheWorkersToo() throws {
        let scratch = try TemporaryDirectory()
        let batch = try Self.startTraining(["paused"], in: scratch)
        defer { batch.end() }
        let worker = try #require(batch.worker("paused"))
        let state = RunningBatch.state(of:)
        kill(batch.pid, SIGTSTP)
        #expect(SproutBinary.waitUntil(seconds: 30) { state(worker) == "T" && state(batch.pid) == "T" })
        kill(batch.pid, SIGCONT)
        #expect(SproutBinary.waitUntil(seconds: 30) { state(worker) != "T" && state(batch.pid) != "T" })
        kill(batch.pid, SIGTERM)
        #expect(batch.finish(seconds: 60))
        #expect(batch.process.terminationStatus == 143)
        #expect(try RunDirectoryTests.json(batch.runs + "/paused/run.json")["status"] as? String == "interrupted")
    }

    /// A second batch over the same configs while the first trains: status says running (with the worker's pid),
    /// and the second batch leaves that run alone, reporting it.
    @Test func aSecondBatchLeavesARunningRunAlone() throws {
        let scratch = try TemporaryDirectory()
        let batch = try Self.startTraining(["busy"], in: scratch)
        defer { batch.end() }
        let worker = try #require(batch.worker("busy"))
        let configs = scratch.url.appendingPathComponent("configs").path
        let status = try SproutBinary.run(["status", configs])
        #expect(status.stdout.contains("busy  running (pid \(worker))"), "\(status.stdout)")
        let second = try SproutBinary.run(["run", configs, "--quiet"])
        #expect(second.status == 0)
        #expect(second.stderr.contains("busy: not run: process \(worker) is training it now"), "\(second.stderr)")
        #expect(second.stdout.contains("1 run: 1 being run elsewhere"), "\(second.stdout)")
        kill(batch.pid, SIGTERM)
        #expect(batch.finish(seconds: 60))
        #expect(try RunDirectoryTests.json(batch.runs + "/busy/run.json")["status"] as? String == "interrupted")
    }
}
