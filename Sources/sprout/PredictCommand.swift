import ArgumentParser
import Foundation
import SproutRuns
import SproutTraining

/// `sprout predict RUN DATA`: a finished run's predictions for every row of a data file (docs/runs.md, "Predictions").
struct PredictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Predict with a trained run: one CSV row of predictions per row of a data file.",
        discussion: "RUN is a run directory (a run's path such as runs/wine, or an entry of the store); it must have "
            + "finished, with model.json and final.safetensors. DATA is a CSV file whose header names the model's "
            + "features (in any order; the training data's other columns, the target's among them, are ignored), or, for "
            + "a model trained on IDX images, an IDX images file. The file is streamed: any size runs in bounded memory. "
            + "Output: `predicted` (the class name) and `p_<class>` per class, or the regression value(s). With -o the "
            + "file appears whole or not at all; without, rows go to stdout as they come. Exits 1 on any problem, naming "
            + "the file and line."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case csv }

    @Argument(help: ArgumentHelp("The run directory.", valueName: "run"))
    var runDirectory: String

    @Argument(help: "The data: a CSV file, or an IDX images file for a model trained on IDX images.")
    var data: String

    @Option(name: [.short, .customLong("output")], help: "Write the predictions to this file (atomically) instead of stdout.")
    var output: String?

    @Option(help: "The output format (csv).")
    var format = Format.csv

    @Option(help: "The CSV field separator (default: the training file's, else ',').")
    var delimiter: String?

    @Flag(help: "Ignore columns that are neither features nor columns of the training data, instead of refusing them.")
    var ignoreExtraColumns = false

    func validate() throws {
        if let delimiter, delimiter.utf8.count != 1 { throw ValidationError("--delimiter takes one single-byte character") }
    }

    func run() throws {
        do {
            let model = try TrainedModel(run: runDirectory)
            if let output {
                try AtomicFile.write(to: output, durable: true) { emit in
                    try withoutActuallyEscaping(emit) { escapable in try predict(model, escapable) }
                }
            } else {
                try predict(model, Self.standardOutput)
            }
        } catch {
            DiagnosticOutput.printError("error: \(error)")
            throw ExitCode(1)
        }
    }

    private func predict(_ model: TrainedModel, _ emit: @escaping (UnsafeRawBufferPointer) throws -> Void) throws {
        let predictor = Predictor(model, emit: emit)
        if model.description.input.kind == "idx" {
            try IDXPredictionInput(path: data).run(predictor)
        } else {
            let separator = (delimiter ?? model.description.input.delimiter ?? ",").utf8.first ?? 0x2C
            try CSVPredictionInput(path: data, delimiter: separator, ignoreExtra: ignoreExtraColumns).run(predictor)
        }
    }

    /// Bytes to stdout with write(2), whole or an error (a closed pipe, a full disk).
    static func standardOutput(_ bytes: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < bytes.count, let base = bytes.baseAddress {
            let written = Glibc.write(STDOUT_FILENO, base + offset, bytes.count - offset)
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { throw RunError.cannotWrite(path: "standard output", reason: String(cString: strerror(errno))) }
            offset += written
        }
    }
}
