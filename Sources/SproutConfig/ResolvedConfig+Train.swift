/// The `train:` section of a resolved config.
extension ResolvedConfig {
    static func trainLines(_ train: TrainSpec) -> [String] {
        var lines = ["  loss: \(train.loss.rawValue)"]
        switch train.optimizer {
        case .sgd(let lr, let momentum, let nesterov, let weightDecay):
            lines.append("  optimizer: {type: sgd, lr: \(number(lr)), momentum: \(number(momentum)), "
                         + "nesterov: \(nesterov), weight_decay: \(number(weightDecay))}")
        }
        lines += ["  epochs: \(train.epochs)", "  batch_size: \(train.batchSize)"]
        return lines
    }
}
