import ArgumentParser
import SproutTraining
import SproutRuns

/// `sprout evaluate RUN`: a finished run's final weights scored on one of its splits (docs/runs.md, "Evaluating a
/// run").
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Score a finished run's final weights on its test split (or validation or training split): loss, accuracy, confusion matrix, per-class precision, recall and F1.",
        discussion: "Rebuilds the run's splits from its config.yaml and seed (the same examples, the same feature "
            + "scaling), loads final.safetensors into the network config.yaml builds, and evaluates once, in "
            + "evaluation mode. By default the test split (data.test), else the validation split. Refuses a run that "
            + "has not ended, or whose config.yaml, final.safetensors or data files changed since it trained. With "
            + "DATA, evaluates on that CSV file instead (its columns matched by name, model.json's scaling, the target "
            + "read as the run's classes), streamed. Exits 1 on such errors."
    )

    @Argument(help: ArgumentHelp("A run directory: runs/<name>, what `sprout run` wrote.", valueName: "run"))
    var directory: String

    @Argument(help: ArgumentHelp("A CSV file with the run's features and its target column, to evaluate on instead of "
                                 + "one of the run's splits (streamed: any size).", valueName: "data"))
    var data: String?

    @Option(help: "With DATA: the CSV field separator (default: the training file's, else ',').")
    var delimiter: String?

    @Flag(help: "With DATA: ignore columns that are neither features nor columns of the training data.")
    var ignoreExtraColumns = false

    enum Split: String, ExpressibleByArgument, CaseIterable { case test, validation, train }

    @Option(help: "The split to evaluate: test, validation or train (default: test when the run has one, else validation).")
    var split: Split?

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, csv, json }

    @Option(help: "table (to read), csv (one value a row: metric, class, predicted, value) or json (run.json's test form).")
    var format = Format.table

    mutating func validate() throws {
        if data != nil, split != nil { throw ValidationError("give either DATA or --split, not both") }
        if data == nil, delimiter != nil || ignoreExtraColumns {
            throw ValidationError("--delimiter and --ignore-extra-columns apply to a DATA file only")
        }
        if let delimiter, delimiter.utf8.count != 1 { throw ValidationError("--delimiter takes one single-byte character") }
    }

    func run() throws {
        let result: (split: String, evaluation: Evaluation)
        do {
            result = try evaluate()
        } catch {
            DiagnosticOutput.printError("error: \(error)")
            throw ExitCode(1)
        }
        let output: String
        switch format {
        case .table: output = EvaluationOutput.table(result.evaluation, run: directory, split: result.split)
        case .csv: output = EvaluationOutput.csv(result.evaluation)
        case .json: output = try EvaluationOutput.json(result.evaluation, run: directory, split: result.split)
        }
        StandardStreams.out(output)
    }

    /// The evaluation asked for, and what it was on: a split's name, or the data file's path.
    private func evaluate() throws -> (split: String, evaluation: Evaluation) {
        guard let data else {
            let result = try RunEvaluator.evaluate(run: directory, on: .split(split.flatMap { RunSplit(rawValue: $0.rawValue) }))
            return (result.split.rawValue, result.evaluation)
        }
        let separator = delimiter?.utf8.first
        return (data, try FileEvaluator.evaluate(run: directory, data: data, delimiter: separator,
                                                 ignoreExtra: ignoreExtraColumns))
    }
}
