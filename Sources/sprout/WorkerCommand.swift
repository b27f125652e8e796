import ArgumentParser
import Foundation
import SproutRuns
import SproutTraining

/// `sprout worker`: one run of a batch, in a process of its own (started by `sprout run`, not meant to be typed).
/// It reads the run the batch planned from its stdin (`WorkerOrder`, JSON: the spec, the fingerprint, the inputs'
/// stamps), so it neither parses nor validates nor fingerprints the config again; it checks that no input changed
/// since the plan, trains the run into its directory, and reports progress as `RunProgress.wireLine` lines on
/// stdout. How the run ended is in run.json; the exit status only says whether the worker got that far (0), failed
/// before or while training (1, the message on stderr), found the run being trained by another process
/// (`WorkerEnding.busy`), or was stopped by a signal (128 + the signal).
struct WorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "worker", abstract: "One run of a batch (internal).",
                                                    shouldDisplay: false)

    /// The config and run directory, for `ps` to show (the run itself comes on stdin).
    @Option var config: String
    @Option var directory: String
    @Option(name: .customLong("parent")) var parent: Int32

    func run() throws { try Self.work(parent: parent) }

    /// The worker's arguments exactly as `BatchRunner` writes them (`worker --config C --directory D --parent P`):
    /// the parent's pid; nil for any other command line, which ArgumentParser then parses (`Sprout.main`).
    static func batchArguments(_ arguments: [String]) -> Int32? {
        guard arguments.count == 8, arguments[1] == "worker", arguments[2] == "--config", arguments[4] == "--directory",
              arguments[6] == "--parent" else { return nil }
        return Int32(arguments[7])
    }

    /// One run: the order from stdin, trained; `parent`: the batch's pid (the worker stops when it dies).
    static func work(parent: Int32) throws {
        StopRequest.installHandlers()
        StandardStreams.ignoreBrokenPipes()
        guard StopRequest.stopWhenParentDies(expectedParent: parent) else {
            DiagnosticOutput.printError("error: the batch that started this worker is gone")
            throw ExitCode(1)
        }
        // Read to the end before writing anything: the batch writes the whole order before it reads our pipes.
        let order: WorkerOrder
        do { order = try WorkerOrder.read(FileHandle.standardInput.readToEnd() ?? Data()) } catch {
            DiagnosticOutput.printError("error: the batch's order for this run cannot be read (it is not the JSON a "
                                        + "batch writes; was the batch stopped while starting the run?)")
            throw ExitCode(1)
        }
        ExperimentRunner.useThreads(of: order.spec)
        let summary: RunSummary
        do {
            summary = try ExperimentRunner.run(order) { event in
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
