import Foundation
import Testing

/// A run whose files are gone or changed is not up to date, though its inputs are: run.json records each output's
/// size and SHA-256. Files copied elsewhere with new times but the same bytes still count as the run's.
@Suite struct RunOutputsTests {
    @Test func aMissingOrChangedOutputMakesTheRunStale() throws {
        let scratch = try TemporaryDirectory()
        try scratch.write("configs/out.yaml", BatchRunTests.config(epochs: 2))
        let configs = scratch.url.appendingPathComponent("configs").path
        let runs = scratch.url.appendingPathComponent("runs").path
        let first = try SproutBinary.run(["run", configs, "--quiet"], timeout: 120)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(try SproutBinary.run(["status", configs]).stdout.contains("out  up to date"))

        try FileManager.default.removeItem(atPath: runs + "/out/metrics.csv")
        #expect(try SproutBinary.run(["status", configs]).stdout.contains("out  stale: metrics.csv is missing"))
        let rerun = try SproutBinary.run(["run", configs, "--quiet"], timeout: 120)
        #expect(rerun.stdout.contains("1 run: 1 completed"), "\(rerun.stdout)")
        #expect(FileManager.default.fileExists(atPath: runs + "/out/metrics.csv"))

        // One byte of the final weights flipped, the size kept: only the hash can tell.
        let checkpoint = runs + "/out/final.safetensors"
        var bytes = try #require(FileManager.default.contents(atPath: checkpoint))
        bytes[bytes.count - 1] ^= 0x01
        try bytes.write(to: URL(fileURLWithPath: checkpoint))
        #expect(try SproutBinary.run(["status", configs]).stdout
            .contains("out  stale: final.safetensors changed since the run wrote it"))
        bytes[bytes.count - 1] ^= 0x01
        try bytes.write(to: URL(fileURLWithPath: checkpoint))
        #expect(try SproutBinary.run(["status", configs]).stdout.contains("out  up to date"),
                "the same bytes again, though written later: the run's own file")
    }
}
