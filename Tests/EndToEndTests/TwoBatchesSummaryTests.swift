import Foundation
import Testing

/// Two batches over one output folder at once: whichever writes summary.csv last lists every run as its run.json
/// says, the other batch's included.
@Suite struct TwoBatchesSummaryTests {
    @Test func theLastSummaryShowsTheOtherBatchsRuns() throws {
        let scratch = try TemporaryDirectory()
        try scratch.write("configs/long.yaml", BatchRunTests.config(epochs: 1_000_000))
        try scratch.write("configs/short.yaml", BatchRunTests.config(epochs: 2))
        let configs = scratch.url.appendingPathComponent("configs").path
        let runs = scratch.url.appendingPathComponent("runs").path
        // The first batch trains long only; the second, over both, trains short and leaves long to the first.
        let first = try RunningBatch(["run", configs + "/long.yaml", "--out", runs, "--quiet"], runs: runs)
        defer { first.end() }
        try first.waitUntilTraining(["long"])
        let second = try SproutBinary.run(["run", configs, "--out", runs, "--quiet"], timeout: 120)
        #expect(second.stdout.contains("2 runs: 1 completed, 1 being run elsewhere"), "\(second.stdout)")
        // The first batch ends last, so its summary.csv is the one left.
        kill(first.pid, SIGTERM)
        #expect(first.finish(seconds: 60))
        let rows = try BatchRunTests.summary(runs + "/summary.csv")
        let statuses = Dictionary(uniqueKeysWithValues: rows.map { ($0["run_dir"] ?? "", $0["status"] ?? "") })
        #expect(statuses == ["long": "interrupted", "short": "completed"], "\(rows)")
        #expect(rows.first { $0["run_dir"] == "short" }?["train_loss"]?.isEmpty == false)
    }
}
