import SproutDiagnostics
import SproutYAML

/// The loss must fit the output and the data: cross_entropy needs one output unit per class (at least 2 classes);
/// binary_cross_entropy one output unit (the logit of the second class) and 2-class data; mse, mae and huber a
/// regression target (sine, teacher_regression, or a csv file whose target column holds numbers that are not all
/// whole numbers from 0 to 999) and one output unit per target.
enum LossRules {
    static func check(train: TrainSpec, model: ModelSpec, data: DataSpec, modelNode: Node, lossNode: Node?,
                      into diagnostics: DiagnosticCollector) {
        let shape = GraphRules.shapes(of: model)[model.output]
        let width = shape?.count
        let outputLocation = model.nodes.first { $0.name == model.output }?.location ?? modelNode.location
        // The loss reads a vector per example, as PyTorch's losses read (batch, outputs): an image output is refused
        // even when its values would count right ([10, 1, 1]), where PyTorch would read a spatial map of classes.
        if let shape, shape.isImage {
            diagnostics.report(.needsFlat,
                "the output node '\(model.output)' gives an image \(shape.description), but the loss reads flat values",
                at: outputLocation,
                help: ["end the network with a flatten or a global_avg_pool (and a dense layer)"])
            return
        }
        let lossLocation = lossNode?.location ?? modelNode.location
        let source = data.source
        switch train.loss {
        case .crossEntropy:
            guard let classes = source.targetClasses, classes >= 2 else {
                regressionOrFewClasses(train.loss, source, at: lossLocation, into: diagnostics)
                return
            }
            if let width, width != classes {
                diagnostics.report(.outputWidthMismatch,
                    "the output node '\(model.output)' has \(width) units, but cross_entropy over this data needs \(classes) (one per class)",
                    at: outputLocation, help: ["make the last dense layer \(classes) units wide"])
            }
        case .binaryCrossEntropy:
            guard let classes = source.targetClasses, classes == 2 else {
                regressionOrFewClasses(train.loss, source, at: lossLocation, into: diagnostics)
                return
            }
            if let width, width != 1 {
                diagnostics.report(.outputWidthMismatch,
                    "the output node '\(model.output)' has \(width) units, but binary_cross_entropy needs 1 (the logit of the second class)",
                    at: outputLocation,
                    help: ["make the last dense layer 1 unit wide, or use cross_entropy with one unit per class"])
            }
        case .mse, .mae, .huber:
            if source.targetClasses != nil {
                var help: [String] = []
                if case .csv(let file) = source, let text = file.firstText {
                    help.append("the target column '\(file.target)' holds text (\(text)), so its values are class names")
                }
                help.append("regression targets come from sine, teacher_regression or a csv file with a target column "
                            + "of real numbers; for class labels use cross_entropy (one output unit per class) or "
                            + "binary_cross_entropy (one output unit, 2 classes)")
                diagnostics.report(.lossDataMismatch,
                    "loss '\(train.loss.name)' needs a regression target, but data source '\(source.name)' gives class labels",
                    at: lossLocation, help: help)
            } else if let width, let outputs = source.regressionOutputs, width != outputs {
                diagnostics.report(.outputWidthMismatch,
                    "the output node '\(model.output)' has \(width) units, but \(train.loss.name) over this data needs \(outputs) (one per target)",
                    at: outputLocation, help: ["make the last dense layer \(outputs) unit\(outputs == 1 ? "" : "s") wide"])
            }
        }
    }

    /// A classification loss over data that has no classes, or too few (or, for binary_cross_entropy, not 2).
    static func regressionOrFewClasses(_ loss: LossKind, _ source: DataSourceSpec, at location: SourceLocation,
                                       into diagnostics: DiagnosticCollector) {
        let need = loss == .binaryCrossEntropy ? "2-class data" : "at least 2 classes"
        let found = source.targetClasses.map { "\($0) class" + ($0 == 1 ? "" : "es") } ?? "regression targets"
        diagnostics.report(.lossDataMismatch, "loss '\(loss.name)' needs \(need), but data source '\(source.name)' gives \(found)",
                           at: location)
    }
}
