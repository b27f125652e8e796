/// The `train:` section of a resolved config: the loss and optimizer with every parameter, the schedule always
/// (constant with warm-up 0 when the config has none), clip_grad_norm and early_stopping only when set (absent
/// means off, and there is no value that says "off").
extension ResolvedConfig {
    static func trainLines(_ train: TrainSpec) -> [String] {
        var lines = ["  loss: \(loss(train.loss))", "  optimizer: \(optimizer(train.optimizer))",
                     "  epochs: \(train.epochs)", "  batch_size: \(train.batchSize)",
                     "  schedule: \(schedule(train.schedule))"]
        if let clip = train.clipGradNorm { lines.append("  clip_grad_norm: \(number(clip))") }
        if let stop = train.earlyStopping {
            lines.append("  early_stopping: {metric: \(stop.metric.rawValue), mode: \(stop.mode.rawValue), "
                         + "patience: \(stop.patience), min_delta: \(number(stop.minDelta)), restore_best: \(stop.restoreBest)}")
        }
        lines.append("  threads: \(train.threads)")
        return lines
    }

    static func loss(_ loss: LossKind) -> String {
        switch loss {
        case .crossEntropy, .binaryCrossEntropy, .mse, .mae: return loss.name
        case .huber(let delta): return "{type: huber, delta: \(number(delta))}"
        }
    }

    static func optimizer(_ optimizer: OptimizerSpec) -> String {
        switch optimizer {
        case .sgd(let lr, let momentum, let nesterov, let weightDecay):
            return "{type: sgd, lr: \(number(lr)), momentum: \(number(momentum)), "
                + "nesterov: \(nesterov), weight_decay: \(number(weightDecay))}"
        case .adam(let a), .adamw(let a):
            return "{type: \(optimizer.name), lr: \(number(a.lr)), beta1: \(number(a.beta1)), "
                + "beta2: \(number(a.beta2)), eps: \(number(a.eps)), weight_decay: \(number(a.weightDecay)), "
                + "amsgrad: \(a.amsgrad)}"
        case .rmsprop(let lr, let alpha, let eps, let momentum, let centered, let weightDecay):
            return "{type: rmsprop, lr: \(number(lr)), alpha: \(number(alpha)), eps: \(number(eps)), "
                + "momentum: \(number(momentum)), centered: \(centered), weight_decay: \(number(weightDecay))}"
        }
    }

    static func schedule(_ schedule: ScheduleSpec) -> String {
        var parts = ["type: \(schedule.kind.name)", "warmup_epochs: \(schedule.warmupEpochs)"]
        switch schedule.kind {
        case .constant: break
        case .step(let stepSize, let gamma): parts += ["step_size: \(stepSize)", "gamma: \(number(gamma))"]
        case .exponential(let gamma): parts.append("gamma: \(number(gamma))")
        case .cosine(let tMax, let minLR): parts += ["t_max: \(tMax)", "min_lr: \(number(minLR))"]
        }
        return "{" + parts.joined(separator: ", ") + "}"
    }
}
