import SproutConfig
import SproutDataFiles
import SproutMetrics
import SproutNN
import SproutRuns

/// `sprout evaluate RUN DATA`: a finished run's final weights scored on a CSV file of its features and its target,
/// streamed like `sprout predict`'s input (any size, memory bounded by a batch): the features matched by name and
/// scaled as model.json says, the target column (model.json's `target.column`) read as the run's classes (a class
/// name, or for classes numbered 0..k-1 their number) or as a regression value; forwarded in evaluation mode in
/// batches of `Predictor.batchRows`; the loss the run trained with (model.json's `output`), the accuracy and the
/// confusion matrix with its scores (`ClassificationScores`), as the run's own test evaluation computes them.
///
/// A target that is not one of the run's classes (another class set), a missing target column, and every mistake
/// `CSVPredictionInput` finds in the features are errors naming the file, line and column.
package enum FileEvaluator {
    package static func evaluate(run: String, data path: String, delimiter: UInt8?,
                                 ignoreExtra: Bool) throws -> Evaluation {
        let model = try TrainedModel(run: run)
        let description = model.description
        guard description.target.kind == "classes" || model.network.outputWidth == 1 else {
            throw RunError.unusableRun(path: run, reason: "it predicts \(model.network.outputWidth) values per row, and a "
                                       + "CSV file holds one target; evaluate it on its own splits instead")
        }
        let delimiter = delimiter ?? description.input.delimiter?.utf8.first ?? 0x2C
        guard let kind = lossKind(description.output) else {
            throw RunError.unusableRun(path: run, reason: "its model.json names a loss this Sprout does not know, "
                                       + "'\(description.output.loss)'")
        }
        let input = CSVPredictionInput(path: path, delimiter: delimiter, ignoreExtra: ignoreExtra)
        var batch = EvaluationBatch(model: model, loss: TrainingLoss(kind))
        try input.read(model: description) { header in
            guard let target = header.firstIndex(of: description.target.column) else {
                throw PredictionInputError(description: "\(path): no column '\(description.target.column)', the target the "
                                           + "run was trained on (evaluate compares the predictions with it)")
            }
            return target
        } row: { record, target, fill in
            try batch.append(target: try targetValue(record, target, description: description, path: path), fill)
        }
        return try batch.finish(epoch: model.record.restoredBest ?? model.record.epochsCompleted)
    }

    /// The loss model.json's `output` names, with huber's delta.
    static func lossKind(_ output: ModelDescription.Output) -> LossKind? {
        switch output.loss {
        case "cross_entropy": return .crossEntropy
        case "binary_cross_entropy": return .binaryCrossEntropy
        case "mse": return .mse
        case "mae": return .mae
        case "huber": return output.delta.map { .huber(delta: $0) }
        default: return nil
        }
    }

    /// A target cell: the index of its class (by name; or by number when the classes are "0".."k-1"), or its value.
    static func targetValue(_ record: CSVRecord, _ column: Int, description: ModelDescription,
                            path: String) throws -> EvaluationBatch.Target {
        let text = record.text(column)
        let location = "\(path):\(record.line): column '\(description.target.column)'"
        guard let classes = description.target.classes, description.target.kind == "classes" else {
            guard let number = DecimalNumber.parse(record[column]), let value = DecimalNumber.float(number) else {
                throw PredictionInputError(description: "\(location): '\(text)' is not a number")
            }
            return .value(value)
        }
        if let index = classes.firstIndex(of: text) { return .label(Int32(index)) }
        if let number = DecimalNumber.parse(record[column]), let value = DecimalNumber.float(number),
           value == value.rounded(), let index = classes.firstIndex(of: String(Int(value))) {
            return .label(Int32(index))
        }
        let shown = classes.count <= 10 ? classes.joined(separator: ", ") : classes.prefix(10).joined(separator: ", ") + ", ..."
        throw PredictionInputError(description: "\(location): '\(text)' is not one of the run's classes (\(shown))")
    }
}
