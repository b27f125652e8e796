import Foundation
import SproutTestSupport
import Testing

/// `sprout bench` through the built binary, on the benchmark configs `make bench` uses (bench/*.yaml). Timing itself
/// is never asserted (a test that times is a flaky test); the format, the counts and the failures are.
@Suite struct BenchCommandTests {
    static let bench = SproutBinary.packageRoot.appendingPathComponent("bench")

    /// The five workload configs and the per-run overhead batch (W1-tiny-batch.yaml, `make bench-batch`) are valid,
    /// so neither benchmark can fail on a config mistake.
    @Test func benchmarkConfigsValidate() throws {
        let result = try SproutBinary.run(["validate", Self.bench.path], timeout: 300)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("validated 6 files: 0 errors"), "\(result.stderr)")
    }

    /// W1 for one epoch: one line per timed run and the RESULT line in the peers' format, with the parameter count
    /// of a 2-16-16-1 network counted by hand: (2·16 + 16) + (16·16 + 16) + (16·1 + 1) = 48 + 272 + 17 = 337.
    @Test func resultLineInThePeersFormat() throws {
        let config = Self.bench.appendingPathComponent("W1-tiny.yaml").path
        let result = try SproutBinary.run(["bench", config, "--epochs", "1", "--runs", "2", "--warmup", "0"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.filter { $0.hasPrefix("run ") }.count == 2)
        let resultLine = try #require(lines.last { $0.hasPrefix("RESULT sprout ") })
        var fields: [String: String] = [:]
        for pair in resultLine.split(separator: " ").dropFirst(2) {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            if parts.count == 2 { fields[parts[0]] = parts[1] }
        }
        #expect(fields["workload"] == "W1-tiny")
        #expect(fields["epochs"] == "1")
        #expect(fields["params"] == "337")
        let rate = try #require(fields["samples_per_s"].flatMap(Double.init))
        #expect(rate > 0)
        // GFLOP/s = 6 · parameters · samples/s, to the two decimals printed.
        let gflops = try #require(fields["gflops"].flatMap(Double.init))
        #expect(abs(gflops - 6 * 337 * rate * 1e-9) <= 0.006)
        // The sgemm limit of one batch of 32: the products of 2-16-16-1 are, per batch, 32·(2·16 + 16·2) for the
        // first layer (forward and weight gradient; no input gradient for the data), 32·3·(16·16) for the second and
        // 32·3·16 for the third: 32 · 880 multiply-adds, 32 · 1760 flops. So GFLOP/s = 1760 · samples/s · 1e-9.
        let limit = try #require(fields["sgemm_limit_samples_per_s"].flatMap(Double.init))
        let limitGflops = try #require(fields["sgemm_limit_gflops"].flatMap(Double.init))
        #expect(limit > 0)
        #expect(abs(limitGflops - 1760 * limit * 1e-9) <= 0.006 + 1760 * 0.5 * 1e-9, "\(limit) \(limitGflops)")
        // The first epoch's mean loss of a binary cross entropy near ln 2 at the start: finite and positive.
        let loss = try #require(fields["final_loss"].flatMap(Double.init))
        #expect(loss > 0 && loss < 2)
    }

    @Test func invalidConfigIsNotMeasured() throws {
        let scratch = try TemporaryDirectory()
        let file = try scratch.write("bad.yaml", "name: bad\ndata: {source: xor}\nmodel: {layers: [{type: dense}]}\n")
        let result = try SproutBinary.run(["bench", file])
        #expect(result.status == 1)
        #expect(result.stderr.contains("not measured: the config has errors"))
        #expect(!result.stdout.contains("RESULT"))
    }

    @Test func badCountsAreUsageErrors() throws {
        let config = Self.bench.appendingPathComponent("W1-tiny.yaml").path
        for arguments in [["--runs", "0"], ["--warmup", "-1"], ["--epochs", "0"]] {
            let result = try SproutBinary.run(["bench", config] + arguments)
            #expect(result.status == 64, "\(arguments): \(result.stderr)")
        }
    }

    /// A run whose loss stops being finite has no meaningful throughput: an error naming the epoch, exit 1.
    /// (Learning rate 10^6 on a relu network: the first updates overflow the logits.)
    @Test func divergenceIsAnError() throws {
        let scratch = try TemporaryDirectory()
        let file = try scratch.write("runaway.yaml", RunDirectoryTests.runaway(epochs: 5))
        let result = try SproutBinary.run(["bench", file, "--runs", "1", "--warmup", "0"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("runaway diverged in epoch 1"), "\(result.stderr)")
        #expect(!result.stdout.contains("RESULT"))
    }
}
