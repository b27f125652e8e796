import SproutConfig

extension EngineSupport {
    /// The engine trains cross_entropy and binary_cross_entropy with every optimizer (sgd, adam, adamw, rmsprop),
    /// schedule and warm-up, clip_grad_norm and early stopping; only the regression losses are refused (the Trainer
    /// has class labels only).
    static func trainProblems(_ train: TrainSpec) -> [String] {
        var problems: [String] = []
        if !train.loss.isClassification { problems.append(regressionLossProblem(train.loss)) }
        return problems
    }

    /// mse, mae and huber are in the engine (`RegressionLoss`), but the Trainer feeds class labels only.
    static func regressionLossProblem(_ loss: LossKind) -> String {
        "loss '\(loss.name)' needs regression targets, which no runnable data source gives yet"
    }
}
