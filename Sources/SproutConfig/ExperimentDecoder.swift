import SproutDiagnostics
import SproutShapes
import SproutYAML

/// Turns a parsed YAML document into an `ExperimentSpec`, collecting every problem on the way. Keys, types, ranges
/// and defaults come from `ExperimentSchema`.
public enum ExperimentDecoder {
    /// The spec when the document has no errors (warnings may be present), and every diagnostic found.
    /// `defaultName` is used when the config has no `name` (the file's stem).
    public static func decode(_ root: Node, defaultName: String) -> (spec: ExperimentSpec?, diagnostics: [Diagnostic]) {
        let diagnostics = DiagnosticCollector()
        let spec = decode(root, defaultName: defaultName, into: diagnostics)
        return (diagnostics.hasErrors ? nil : spec, diagnostics.sorted)
    }

    static func decode(_ root: Node, defaultName: String, into diagnostics: DiagnosticCollector) -> ExperimentSpec? {
        guard let top = SectionReader(root, section: "the config", schema: ExperimentSchema.top, into: diagnostics)
        else { return nil }
        let name = top["name"].map { NameRules.runName($0, into: diagnostics) }
            ?? NameRules.runName(fromStem: defaultName, file: root.location.file, into: diagnostics)
        let description = top["description"] == nil ? "" : top.string("description")
        let seed = top.integer("seed").map { UInt64($0) }
        let data = top.value("data").flatMap { DataDecoder.decode($0, into: diagnostics) }
        // The model's input shape comes from the data; without valid data it is unknown, and the model's own
        // mistakes are still reported (those that do not depend on its input: GraphRules.check).
        let model = top.value("model").flatMap { node in
            ModelDecoder.decode(node, inputShape: inputShape(model: node, data: data, into: diagnostics),
                                into: diagnostics)
        }
        let train = top.value("train").flatMap { TrainDecoder.decode($0, into: diagnostics) }
        let log = decodeLog(top["log"], into: diagnostics)
        guard let name, let description, let seed, let data, let model, let train, let log else { return nil }
        if let modelNode = top["model"] {
            LossRules.check(train: train, model: model, data: data, modelNode: modelNode,
                            lossNode: top["train"]?["loss"], into: diagnostics)
            ResourceRules.check(model: model, train: train, data: data, at: modelNode, into: diagnostics)
        }
        // Early stopping on a validation metric needs validation data.
        if let stopping = train.earlyStopping, stopping.metric == .valLoss || stopping.metric == .valAccuracy,
           data.validation == .none, let metricNode = top["train"]?["early_stopping"]?["metric"] {
            diagnostics.report(.noValidationData, "early stopping on \(stopping.metric.rawValue) needs validation data, but data.validation is 0",
                               at: metricNode.location,
                               help: ["hold some examples out, e.g. data.validation: 0.2, or stop on a train_ metric"])
        }
        checkBestMetric(log.checkpoints.best, data: data, loss: train.loss,
                        at: top["log"]?["checkpoints"]?["best"], into: diagnostics)
        return ExperimentSpec(name: name, description: description, seed: seed, data: data, model: model,
                              train: train, log: log)
    }

    /// A metric named by `log.checkpoints.best` must be measured: val_* need validation data, *_accuracy class labels.
    static func checkBestMetric(_ best: BestCheckpoint, data: DataSpec, loss: LossKind, at node: Node?,
                                into diagnostics: DiagnosticCollector) {
        guard case .metric(let metric) = best, let node else { return }
        if (metric == .valLoss || metric == .valAccuracy) && data.validation == .none {
            diagnostics.report(.noValidationData, "best checkpoints on \(metric.rawValue) need validation data, but data.validation is 0",
                               at: node.location, help: ["hold some examples out, e.g. data.validation: 0.2, or follow a train_ metric"])
        }
        if metric.isAccuracy && !loss.isClassification {
            diagnostics.report(.metricLossMismatch, "best checkpoints on '\(metric.rawValue)' need a classification loss, not '\(loss.name)'",
                               at: node.location, help: ["accuracy is only defined for class labels; follow \(metric.lossCounterpart) instead"])
        }
    }

    /// The network's input shape: the data's (`DataSpec.exampleShape`); nil without valid data, whatever
    /// `model.input_width` says: a width cannot tell flat features from an image, and guessing one reported a
    /// conv2d or a flatten reading "flat features [1]" beside the data's own error. `input_width` is still checked.
    static func inputShape(model: Node, data: DataSpec?, into diagnostics: DiagnosticCollector) -> FeatureShape? {
        _ = inputWidth(model: model, data: data, into: diagnostics)
        return data?.exampleShape
    }

    /// The network's input width: the data's number of features. A written `model.input_width` must agree with
    /// it; without valid data, the written width (or 1).
    static func inputWidth(model: Node, data: DataSpec?, into diagnostics: DiagnosticCollector) -> Int {
        guard let written = model["input_width"] else { return data?.source.featureCount ?? 1 }
        guard let width = diagnostics.integer(written, "input_width", in: 1...Int(Int32.max)) else {
            return data?.source.featureCount ?? 1
        }
        if let data, width != data.source.featureCount {
            diagnostics.report(.inputWidthMismatch,
                "model.input_width is \(width), but data source '\(data.source.name)' gives \(data.source.featureCount) features",
                at: written.location, help: ["remove input_width to take the width from the data, or fix it"])
        }
        return data?.source.featureCount ?? width
    }

    static func decodeLog(_ node: Node?, into diagnostics: DiagnosticCollector) -> LogSpec? {
        let empty = Node(.mapping([]), at: node?.location ?? SourceLocation(file: "", line: 0, column: 0))
        guard let log = SectionReader(node ?? empty, section: "log", schema: ExperimentSchema.log, into: diagnostics)
        else { return nil }
        let every = log.integer("every"), layers = log.boolean("layers")
        let checkpointsNode = log["checkpoints"] ?? Node(.mapping([]), at: empty.location)
        guard let checkpoints = SectionReader(checkpointsNode, section: "log.checkpoints",
                                              schema: ExperimentSchema.checkpoints, into: diagnostics) else { return nil }
        let initial = checkpoints.boolean("init"), final = checkpoints.boolean("final")
        let checkpointEvery = checkpoints.integer("every"), resumeEvery = checkpoints.number("resume_every")
        let best = checkpoints.choice("best", as: BestCheckpoint.self)
        guard let every, let layers, let initial, let final, let checkpointEvery, let resumeEvery, let best
        else { return nil }
        return LogSpec(every: every, layers: layers,
                       checkpoints: CheckpointSpec(initial: initial, final: final, every: checkpointEvery,
                                                   resumeEvery: resumeEvery, best: best))
    }
}
