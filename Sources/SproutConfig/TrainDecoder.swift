import SproutDiagnostics
import SproutYAML

/// Reads `train:`: loss, optimizer, epochs, batch size.
enum TrainDecoder {
    static let trainKeys = ["loss", "optimizer", "epochs", "batch_size"]
    static let optimizers = ["sgd"]
    static let sgdKeys = ["type", "lr", "momentum", "nesterov", "weight_decay"]

    static func decode(_ node: Node, into diagnostics: DiagnosticCollector) -> TrainSpec? {
        guard let fields = Fields(node, section: "train", allowed: trainKeys, into: diagnostics) else { return nil }
        let loss = fields.required("loss", section: "train", into: diagnostics)
            .flatMap { diagnostics.choice($0, "loss", as: LossKind.self) }
        let optimizer = fields.required("optimizer", section: "train", into: diagnostics)
            .flatMap { decodeOptimizer($0, into: diagnostics) }
        let epochs = fields.required("epochs", section: "train", into: diagnostics)
            .flatMap { diagnostics.integer($0, "epochs", in: 1...10_000_000) }
        let batchSize = fields["batch_size"].map { diagnostics.integer($0, "batch_size", in: 1...10_000_000) }
            ?? TrainSpec.defaultBatchSize
        guard let loss, let optimizer, let epochs, let batchSize else { return nil }
        return TrainSpec(loss: loss, optimizer: optimizer, epochs: epochs, batchSize: batchSize)
    }

    static func decodeOptimizer(_ node: Node, into diagnostics: DiagnosticCollector) -> OptimizerSpec? {
        guard node.mappingEntries != nil else {
            diagnostics.error("optimizer must be a mapping with a type and a learning rate, found \(node.kindDescription)",
                              at: node.location, help: ["write {type: sgd, lr: 0.1}"])
            return nil
        }
        guard let typeNode = node["type"] else {
            diagnostics.error("optimizer is missing the required key 'type'", at: node.location,
                              help: ["valid optimizers: " + optimizers.joined(separator: ", ")])
            return nil
        }
        guard let type = diagnostics.string(typeNode, "optimizer type") else { return nil }
        guard type == "sgd" else {
            diagnostics.error("unknown optimizer '\(Suggestions.display(type))'", at: typeNode.location,
                              help: [Suggestions.help(for: type, among: optimizers, kind: "optimizers")])
            return nil
        }
        guard let fields = Fields(node, section: "optimizer 'sgd'", allowed: sgdKeys, into: diagnostics) else { return nil }
        let lr = fields.required("lr", section: "optimizer 'sgd'", into: diagnostics)
            .flatMap { diagnostics.number($0, "lr", .positive) }
        let momentum = fields["momentum"].map { diagnostics.number($0, "momentum", .unitInterval) }
            ?? OptimizerSpec.defaultMomentum
        let nesterov = fields["nesterov"].map { diagnostics.boolean($0, "nesterov") } ?? OptimizerSpec.defaultNesterov
        let weightDecay = fields["weight_decay"].map { diagnostics.number($0, "weight_decay", .nonNegative) }
            ?? OptimizerSpec.defaultWeightDecay
        guard let lr, let momentum, let nesterov, let weightDecay else { return nil }
        if nesterov && momentum == 0, let n = fields["nesterov"] {
            diagnostics.error("nesterov needs a momentum greater than 0", at: n.location,
                              help: ["set momentum, e.g. momentum: 0.9 (PyTorch rejects this combination too)"])
            return nil
        }
        if lr > 1, let l = fields["lr"] {
            diagnostics.warning("learning rate \(l.scalar?.text ?? "") is above 1 for sgd", at: l.location,
                                help: ["sgd usually diverges with such steps; typical values are 0.001 to 0.5"])
        }
        return .sgd(lr: lr, momentum: momentum, nesterov: nesterov, weightDecay: weightDecay)
    }
}

/// The loss must fit the output: cross entropy needs one output unit per class of the data.
enum LossRules {
    static func check(train: TrainSpec, model: ModelSpec, data: DataSpec, at modelNode: Node, trainNode: Node?,
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
