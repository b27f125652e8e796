import SproutConfig

extension EngineSupport {
    /// The engine trains cross_entropy with every optimizer (sgd, adam, adamw, rmsprop), schedule and warm-up,
    /// and clip_grad_norm, without early stopping; every other train feature of the language is listed, one sentence each.
    static func trainProblems(_ train: TrainSpec) -> [String] {
        var problems: [String] = []
        if train.loss != .crossEntropy { problems.append("loss '\(train.loss.name)' is not in the engine yet") }
        if train.earlyStopping != nil { problems.append("early_stopping is not in the engine yet") }
        return problems
    }
}
