import ArgumentParser
import Foundation
import SproutConfig
import SproutRuns
import SproutTraining

/// `sprout worker`: one run of a batch, in a process of its own (started by `sprout run`, not meant to be typed).
/// It loads the config again, checks that the run it was given is still the one the batch planned (the file may
/// have been edited since), trains it into its directory, and reports progress as `RunProgress.wireLine` lines on
/// stdout. How the run ended is in run.json; the exit status only says whether the worker got that far (0), failed
/// before or while training (1, the message on stderr), found the run being trained by another process
/// (`WorkerEnding.busy`), or was stopped by a signal (128 + the signal).
struct WorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "worker", abstract: "One run of a batch (internal).",
                                                    shouldDisplay: false)

    @Option var config: String
    @Option var index: Int
    @Option var variant = ""
    @Option var directory: String
    @Option var name: String
    /// The fingerprint digest the batch planned to run.
    @Option var fingerprint: String
    @Option(name: .customLong("parent")) var parent: Int32

    func run() throws {
        StopRequest.installHandlers()
        StandardStreams.ignoreBrokenPipes()
        guard StopRequest.stopWhenParentDies(expectedParent: parent) else {
            DiagnosticOutput.printError("error: the batch that started this worker is gone")
            throw ExitCode(1)
        }
        let loaded = ConfigLoader.load(path: config)
        guard index < loaded.runs.count, (loaded.runs[index].variant ?? "") == variant,
              name == loaded.runs[index].runPath || name.hasSuffix("/" + loaded.runs[index].runPath) else {
            DiagnosticOutput.printError(loaded.hasErrors
                ? "error: \(config) has errors now (it was edited after the batch checked it); run `sprout validate \(config)`"
                : "error: \(config) was edited after the batch planned it and no longer has this run; run the batch again")
            throw ExitCode(1)
        }
        let spec = loaded.runs[index]
        ExperimentRunner.useThreads(of: spec)
        let summary: RunSummary
        do {
            summary = try ExperimentRunner.run(spec, configPath: config, directory: directory, runName: name,
                                               plannedFingerprint: fingerprint) { event in
                // The batch reads this; if it is gone (EPIPE), training goes on until the stop it sends arrives.
                StandardStreams.out(event.wireLine + "\n")
            }
        } catch RunError.busy(let directory) {
            DiagnosticOutput.printError("error: \(RunError.busy(directory: directory))")
            throw ExitCode(WorkerEnding.busy)
        } catch {
            DiagnosticOutput.printError("error: \(error)")
            throw ExitCode(1)
        }
        if case .interrupted(_, _, let signal) = summary.outcome { throw ExitCode(128 + signal) }
    }
}
