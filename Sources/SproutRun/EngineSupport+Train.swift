import SproutConfig

extension EngineSupport {
    /// The engine trains cross_entropy with every optimizer (sgd, adam, adamw, rmsprop) at a constant rate, without clipping or early stopping; every
    /// other train feature of the language is listed, one sentence each.
    static func trainProblems(_ train: TrainSpec) -> [String] {
        var problems: [String] = []
        if train.loss != .crossEntropy { problems.append("loss '\(train.loss.name)' is not in the engine yet") }
        if train.schedule.kind != .constant {
            problems.append("schedule '\(train.schedule.kind.name)' is not in the engine yet")
        }
        if train.schedule.warmupEpochs > 0 { problems.append("warmup_epochs is not in the engine yet") }
        if train.clipGradNorm != nil { problems.append("clip_grad_norm is not in the engine yet") }
        if train.earlyStopping != nil { problems.append("early_stopping is not in the engine yet") }
        return problems
    }
}
