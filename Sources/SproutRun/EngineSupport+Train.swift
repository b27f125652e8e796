import SproutConfig

extension EngineSupport {
    /// The engine trains every loss of the language (cross_entropy and binary_cross_entropy over class labels;
    /// mse, mae and huber over regression targets) with every optimizer (sgd, adam, adamw, rmsprop), schedule and
    /// warm-up, clip_grad_norm and early stopping. (The check stays, for the next train feature the language gains
    /// before the engine.)
    static func trainProblems(_ train: TrainSpec) -> [String] {
        switch train.loss {
        case .crossEntropy, .binaryCrossEntropy, .mse, .mae, .huber: return []
        }
    }
}
