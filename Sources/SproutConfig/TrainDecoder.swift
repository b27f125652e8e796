import SproutDiagnostics
import SproutYAML

/// Reads `train:`: loss, optimizer, epochs, batch size.
enum TrainDecoder {
    static func decode(_ node: Node, into diagnostics: DiagnosticCollector) -> TrainSpec? {
        guard let train = SectionReader(node, section: "train", schema: ExperimentSchema.train, into: diagnostics)
        else { return nil }
        let loss = train.choice("loss", as: LossKind.self)
        let optimizer = train.value("optimizer").flatMap { decodeOptimizer($0, into: diagnostics) }
        let epochs = train.integer("epochs")
        let batchSize = train.integer("batch_size")
        guard let loss, let optimizer, let epochs, let batchSize else { return nil }
        return TrainSpec(loss: loss, optimizer: optimizer, epochs: epochs, batchSize: batchSize)
    }

    static func decodeOptimizer(_ node: Node, into diagnostics: DiagnosticCollector) -> OptimizerSpec? {
        guard let optimizer = UnionReader(node, ExperimentSchema.optimizer, what: "optimizer", into: diagnostics),
              let parameters = optimizer.parameters else { return nil }
        switch optimizer.variant.name {
        case "sgd":
            let lr = parameters.number("lr")
            let momentum = parameters.number("momentum")
            let nesterov = parameters.boolean("nesterov")
            let weightDecay = parameters.number("weight_decay")
            guard let lr, let momentum, let nesterov, let weightDecay else { return nil }
            if nesterov && momentum == 0, let n = parameters["nesterov"] {
                diagnostics.error("nesterov needs a momentum greater than 0", at: n.location,
                                  help: ["set momentum, e.g. momentum: 0.9 (PyTorch rejects this combination too)"])
                return nil
            }
            if lr > 1, let l = parameters["lr"] {
                diagnostics.warning("learning rate \(l.scalar?.text ?? "") is above 1 for sgd", at: l.location,
                                    help: ["sgd usually diverges with such steps; typical values are 0.001 to 0.5"])
            }
            return .sgd(lr: lr, momentum: momentum, nesterov: nesterov, weightDecay: weightDecay)
        default:
            return optimizer.unhandled()
        }
    }
}

/// The loss must fit the output: cross entropy needs one output unit per class of the data.
enum LossRules {
    static func check(train: TrainSpec, model: ModelSpec, data: DataSpec, at modelNode: Node,
                      into diagnostics: DiagnosticCollector) {
        guard let width = GraphRules.widths(of: model)[model.output] else { return }
        let outputNode = model.nodes.first { $0.name == model.output }
        switch train.loss {
        case .crossEntropy:
            let classes = data.source.classCount
            if width != classes {
                diagnostics.error(
                    "the output node '\(model.output)' has \(width) units, but cross_entropy over this data needs \(classes) (one per class)",
                    at: outputNode?.location ?? modelNode.location,
                    help: ["make the last dense layer \(classes) units wide"])
            }
        }
    }
}
