import ArgumentParser
import Foundation
import SproutConfig
import SproutRun

/// `sprout run PATH...`: validate and train each config, one after another; one failing config never stops the
/// others.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Train every config given (directories: every *.yaml/*.yml inside, recursively).",
        discussion: "Each run writes runs/<name>/: config.yaml (the resolved config), run.json (status, fingerprint, final "
            + "metrics) and metrics.csv. Ctrl-C or SIGTERM stops after the training step in progress and records the run "
            + "as interrupted (a second Ctrl-C kills at once). Exits 1 when any config is invalid or any run fails; "
            + "128 + the signal number (130, 143) when stopped by a signal."
    )

    @Argument(help: "Config files or directories.")
    var paths: [String]

    @Option(name: .customLong("runs-dir"), help: "Where run directories are written.")
    var runsDirectory = "runs"

    @Flag(name: .shortAndLong, help: "Print only the summary, not a line per logged epoch.")
    var quiet = false

    func run() throws {
        StopRequest.installHandlers()
        // On a terminal one live line per run (epoch, loss, accuracy, elapsed, ETA); elsewhere a line per logged
        // epoch, which logs and CI keep readable.
        let live = !quiet && isatty(STDOUT_FILENO) == 1 ? LiveLine() : nil
        let (files, problems) = ConfigPaths.expand(paths)
        DiagnosticOutput.print(problems, source: "", file: "")
        var failed = problems.count
        var written: [String] = []
        var firstUse: [String: String] = [:]  // run name -> the config that took it
        // Ctrl-C or SIGTERM stops the batch between runs (a run in progress stops itself after its current step).
        func stopIfRequested() throws {
            guard let signal = StopRequest.signal else { return }
            print("\(DiagnosticOutput.count(written.count, "run")) written under \(runsDirectory)/, stopped by \(StopRequest.name(signal))")
            throw ExitCode(128 + signal)
        }
        for file in files {
            try stopIfRequested()
            let config = ConfigLoader.load(path: file)
            DiagnosticOutput.print(config.diagnostics, source: config.source, file: file)
            guard !config.runs.isEmpty else {
                DiagnosticOutput.printError("\(file): not run: the config has errors")
                failed += 1
                continue
            }
            for spec in config.runs {
                // Two configs with one name would write the same directory, the second over the first.
                if let other = firstUse[spec.runPath] {
                    DiagnosticOutput.printError("\(file): error: not run: the run name '\(spec.runPath)' is already used by \(other)\n"
                                                + "help: give one of them another `name:`")
                    failed += 1
                    continue
                }
                firstUse[spec.runPath] = file
                do {
                    let summary = try ExperimentRunner.run(spec, configPath: file, runsDirectory: runsDirectory) { event in
                        guard !quiet else { return }
                        if let live { live.show(event) } else if event.logged { print(event.line) }
                    }
                    live?.clear()
                    let metrics = (summary.directory as NSString).appendingPathComponent("metrics.csv")
                    written.append(metrics)
                    switch summary.outcome {
                    case .completed:
                        let accuracy = summary.finalAccuracy.map { String(format: ", accuracy %.3f", $0) } ?? ""
                        let early = summary.stoppedEarlyAt.map { " (stopped early at epoch \($0))" } ?? ""
                        print("\(spec.runPath): completed\(early), loss \(String(format: "%.4f", summary.finalLoss))\(accuracy) -> \(metrics)")
                    case .diverged(let epoch, let step):
                        print("\(spec.runPath): diverged at epoch \(epoch), step \(step) (the loss is not finite) -> \(metrics)")
                    case .interrupted(let epoch, let step, let signal):
                        // Ctrl-C or SIGTERM stops the whole batch: this run is recorded, the rest do not start
                        // (the check at the top of the loop ends it).
                        print("\(spec.runPath): interrupted by \(StopRequest.name(signal)) in epoch \(epoch), after step \(step) -> \(metrics)")
                    }
                } catch RunError.unsupported(let features) {
                    live?.clear()
                    // Valid, but beyond today's engine: refused before any file was written.
                    DiagnosticOutput.printError("\(file): error: not run: "
                                                + "\(RunError.unsupported(features).description)")
                    failed += 1
                } catch {
                    live?.clear()
                    DiagnosticOutput.printError("\(file): error: run \(spec.runPath) failed: \(error)")
                    failed += 1
                }
            }
        }
        try stopIfRequested()
        print("\(DiagnosticOutput.count(written.count, "run")) written under \(runsDirectory)/"
              + (failed > 0 ? ", \(failed) failed" : ""))
        if failed > 0 { throw ExitCode(1) }
    }
}
