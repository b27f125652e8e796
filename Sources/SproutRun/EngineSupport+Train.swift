import SproutConfig

extension EngineSupport {
    /// The engine trains cross_entropy and binary_cross_entropy with every optimizer (sgd, adam, adamw, rmsprop),
    /// schedule and warm-up, and clip_grad_norm, without early stopping; every other train feature of the language
    /// is listed, one sentence each.
    static func trainProblems(_ train: TrainSpec) -> [String] {
        var problems: [String] = []
        if !train.loss.isClassification { problems.append(regressionLossProblem(train.loss)) }
        if train.earlyStopping != nil { problems.append("early_stopping is not in the engine yet") }
        return problems
    }

    /// mse, mae and huber are in the engine (`RegressionLoss`), but the Trainer feeds class labels only.
    static func regressionLossProblem(_ loss: LossKind) -> String {
        "loss '\(loss.name)' needs regression targets, which no runnable data source gives yet"
    }
}
