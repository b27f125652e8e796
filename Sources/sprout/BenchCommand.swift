import ArgumentParser
import Foundation
import SproutConfig
import SproutRuns
import SproutTraining

/// `sprout bench CONFIG...`: training throughput, measured as ../shared/bench/README.md measures JAX and PyTorch.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Time the training loop of each config (no evaluation, no files written) and print samples per second.",
        discussion: "One warm-up run, then the median of --runs timed runs, each from a fresh initialisation. Prints a "
            + "line per run and a final `RESULT sprout workload=NAME ... samples_per_s=... gflops=... final_loss=...` "
            + "line per config, the format of the JAX and PyTorch reference scripts, with the sgemm limit: `cblas_sgemm` "
            + "alone on one batch's matrix products, hot, as samples/s and GFLOP/s. Build in release to measure."
    )

    @Argument(help: "Config files (a sweep is measured on its first run).")
    var files: [String]

    @Option(help: "Timed runs per config; the median is reported.")
    var runs = 3

    @Option(help: "Untimed warm-up runs before them.")
    var warmup = 1

    @Option(help: "Epochs per run instead of the config's.")
    var epochs: Int?

    func validate() throws {
        guard runs >= 1 else { throw ValidationError("--runs must be at least 1") }
        guard warmup >= 0 else { throw ValidationError("--warmup cannot be negative") }
        if let epochs, epochs < 1 { throw ValidationError("--epochs must be at least 1") }
    }

    func run() throws {
        var failed = false
        for file in files {
            let config = ConfigLoader.load(path: file)
            DiagnosticOutput.print(config.diagnostics, source: config.source, file: file)
            guard let spec = config.runs.first else {
                DiagnosticOutput.printError("\(file): not measured: the config has errors")
                failed = true
                continue
            }
            do {
                ExperimentRunner.useThreads(of: spec)
                let result = try Benchmark.measure(spec, epochs: epochs, warmups: warmup, runs: runs)
                for (index, rate) in result.rates.enumerated() {
                    print("run \(index + 1): \(String(format: "%.0f", rate)) samples/s")
                }
                let rates = result.rates
                print("RESULT sprout workload=\(result.name) epochs=\(result.epochs) params=\(result.parameters) "
                      + "samples_per_s=\(String(format: "%.0f", result.median)) "
                      + "min=\(String(format: "%.0f", rates.min() ?? 0)) max=\(String(format: "%.0f", rates.max() ?? 0)) "
                      + "gflops=\(String(format: "%.2f", result.gigaflops)) "
                      + (result.ceilingSamplesPerSecond.map { "sgemm_limit_samples_per_s=\(String(format: "%.0f", $0)) " } ?? "")
                      + (result.ceiling.map { "sgemm_limit_gflops=\(String(format: "%.2f", $0.gigaflops)) " } ?? "")
                      + "final_loss=\(String(format: "%.5f", result.finalLoss))")
            } catch {
                DiagnosticOutput.printError("\(file): error: not measured: \(error)")
                failed = true
            }
        }
        if failed { throw ExitCode(1) }
    }
}
