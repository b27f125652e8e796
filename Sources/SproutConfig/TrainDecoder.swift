import SproutDiagnostics
import SproutYAML

/// Reads `train:`: loss, optimizer, epochs, batch size, schedule, gradient clipping, early stopping. The rules
/// across train's own keys are checked here (warm-up against epochs, an accuracy metric against the loss); the
/// loss against the model and the data in `LossRules`.
enum TrainDecoder {
    static func decode(_ node: Node, into diagnostics: DiagnosticCollector) -> TrainSpec? {
        guard let train = SectionReader(node, section: "train", schema: ExperimentSchema.train, into: diagnostics)
        else { return nil }
        let loss = train.value("loss").flatMap { decodeLoss($0, into: diagnostics) }
        let optimizer = train.value("optimizer").flatMap { OptimizerDecoder.decode($0, into: diagnostics) }
        let epochs = train.integer("epochs")
        let batchSize = train.integer("batch_size")
        let threads = train.integer("threads")
        let schedule = ScheduleDecoder.decode(train["schedule"], epochs: epochs, at: node.location, into: diagnostics)
        let clip = present(train, "clip_grad_norm") { train.number("clip_grad_norm") }
        let earlyStopping = present(train, "early_stopping") {
            train["early_stopping"].flatMap { decodeEarlyStopping($0, loss: loss, into: diagnostics) }
        }
        guard let loss, let optimizer, let epochs, let batchSize, let schedule, let clip, let earlyStopping, let threads
        else { return nil }
        return TrainSpec(loss: loss, optimizer: optimizer, epochs: epochs, batchSize: batchSize, schedule: schedule,
                         clipGradNorm: clip, earlyStopping: earlyStopping, threads: threads)
    }

    /// For an optional key: `.some(nil)` when absent, `nil` after an error, else the value.
    static func present<T>(_ reader: SectionReader, _ key: String, _ read: () -> T?) -> T?? {
        guard reader[key] != nil else { return .some(nil) }
        return read().map { .some($0) }
    }

    static func decodeLoss(_ node: Node, into diagnostics: DiagnosticCollector) -> LossKind? {
        guard let loss = UnionReader(node, ExperimentSchema.loss, what: "loss", into: diagnostics),
              let parameters = loss.parameters else { return nil }
        switch loss.variant.name {
        case "cross_entropy": return .crossEntropy
        case "binary_cross_entropy": return .binaryCrossEntropy
        case "mse": return .mse
        case "mae": return .mae
        case "huber": return parameters.number("delta").map { .huber(delta: $0) }
        default: return loss.unhandled()
        }
    }

    /// `mode` absent means the metric's natural direction. An accuracy needs class labels; a mode against the
    /// metric's direction is legal (a custom use) but almost always a slip, so it is a warning.
    static func decodeEarlyStopping(_ node: Node, loss: LossKind?,
                                    into diagnostics: DiagnosticCollector) -> EarlyStoppingSpec? {
        guard let reader = SectionReader(node, section: "early_stopping", schema: ExperimentSchema.earlyStopping,
                                         into: diagnostics) else { return nil }
        let metric = reader.choice("metric", as: EarlyStoppingSpec.Metric.self)
        let mode = present(reader, "mode") { reader.choice("mode", as: EarlyStoppingSpec.Mode.self) }
        let patience = reader.integer("patience")
        let minDelta = reader.number("min_delta"), restoreBest = reader.boolean("restore_best")
        guard let metric, let mode, let patience, let minDelta, let restoreBest else { return nil }
        if metric.isAccuracy, let loss, !loss.isClassification, let metricNode = reader["metric"] {
            diagnostics.report(.metricLossMismatch, "early_stopping metric '\(metric.rawValue)' needs a classification loss, not '\(loss.name)'",
                               at: metricNode.location,
                               help: ["accuracy is only defined for class labels; watch \(metric.lossCounterpart) instead"])
            // The error already rejects the config; going on lets the loss rules report their own findings too.
        }
        if let mode, mode != metric.naturalMode, let modeNode = reader["mode"] {
            let direction = metric.naturalMode == .min ? "falls" : "rises"
            diagnostics.report(.reversedStoppingMode, "mode \(mode.rawValue) on '\(metric.rawValue)' counts a worsening as an improvement",
                               at: modeNode.location,
                               help: ["\(metric.rawValue) improves as it \(direction): remove mode (its default is "
                                       + "\(metric.naturalMode.rawValue) for this metric)"])
        }
        return EarlyStoppingSpec(metric: metric, mode: mode ?? metric.naturalMode, patience: patience,
                                 minDelta: minDelta, restoreBest: restoreBest)
    }
}

extension EarlyStoppingSpec.Metric {
    /// The loss metric of the same split, suggested when an accuracy cannot be used.
    var lossCounterpart: String {
        switch self {
        case .trainLoss, .trainAccuracy: return "train_loss"
        case .valLoss, .valAccuracy: return "val_loss"
        }
    }
}
