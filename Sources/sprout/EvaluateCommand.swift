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
            + "has not ended, whose config.yaml, final.safetensors or data files changed since it trained, or whose "
            + "network has batch_norm (checkpoints do not hold its running statistics yet). Exits 1 on such errors."
    )

    @Argument(help: ArgumentHelp("A run directory: runs/<name>, what `sprout run` wrote.", valueName: "run"))
    var directory: String

    // Planned: an optional DATA argument (another data file of the run's features and classes) beside RUN, which
    // becomes `EvaluationData`'s file case.

    enum Split: String, ExpressibleByArgument, CaseIterable { case test, validation, train }

    @Option(help: "The split to evaluate: test, validation or train (default: test when the run has one, else validation).")
    var split: Split?

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, csv, json }

    @Option(help: "table (to read), csv (one value a row: metric, class, predicted, value) or json (run.json's test form).")
    var format = Format.table

    func run() throws {
        let result: (split: RunSplit, evaluation: Evaluation)
        do {
            result = try RunEvaluator.evaluate(run: directory, on: .split(split.flatMap { RunSplit(rawValue: $0.rawValue) }))
        } catch {
            DiagnosticOutput.printError("error: \(error)")
            throw ExitCode(1)
        }
        let output: String
        switch format {
        case .table: output = EvaluationOutput.table(result.evaluation, run: directory, split: result.split.rawValue)
        case .csv: output = EvaluationOutput.csv(result.evaluation)
        case .json: output = try EvaluationOutput.json(result.evaluation, run: directory, split: result.split.rawValue)
        }
        StandardStreams.out(output)
    }
}
