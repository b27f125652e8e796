import SproutDiagnostics
import SproutYAML

/// Reads `optimizer:`: sgd, adam, adamw or rmsprop with their parameters (defaults in
/// `ExperimentSchema.optimizer`). A parameter of another optimizer (sgd with beta1) is an error.
enum OptimizerDecoder {
    static func decode(_ node: Node, into diagnostics: DiagnosticCollector) -> OptimizerSpec? {
        guard let optimizer = UnionReader(node, ExperimentSchema.optimizer, what: "optimizer", into: diagnostics),
              let p = optimizer.parameters else { return nil }
        switch optimizer.variant.name {
        case "sgd":
            let lr = p.number("lr")
            let momentum = p.number("momentum")
            let nesterov = p.boolean("nesterov")
            let weightDecay = p.number("weight_decay")
            guard let lr, let momentum, let nesterov, let weightDecay else { return nil }
            if nesterov && momentum == 0, let n = p["nesterov"] {
                diagnostics.report(.nesterovWithoutMomentum, "nesterov needs a momentum greater than 0", at: n.location,
                                   help: ["set momentum, e.g. momentum: 0.9 (PyTorch rejects this combination too)"])
                return nil
            }
            if lr > 1, let l = p["lr"] {
                diagnostics.report(.highLearningRate, "learning rate \(l.scalar?.text ?? "") is above 1 for sgd", at: l.location,
                                   help: ["sgd usually diverges with such steps; typical values are 0.001 to 0.5"])
            }
            return .sgd(lr: lr, momentum: momentum, nesterov: nesterov, weightDecay: weightDecay)
        case "adam", "adamw":
            guard let settings = adam(p, name: optimizer.variant.name, into: diagnostics) else { return nil }
            return optimizer.variant.name == "adam" ? .adam(settings) : .adamw(settings)
        case "rmsprop":
            let lr = p.number("lr")
            let alpha = p.number("alpha")
            let eps = p.number("eps")
            let momentum = p.number("momentum")
            let centered = p.boolean("centered")
            let weightDecay = p.number("weight_decay")
            guard let lr, let alpha, let eps, let momentum, let centered, let weightDecay else { return nil }
            return .rmsprop(lr: lr, alpha: alpha, eps: eps, momentum: momentum, centered: centered,
                            weightDecay: weightDecay)
        default:
            return optimizer.unhandled()
        }
    }

    /// Adam's step moves each weight by about lr·m̂/√v̂, and |m̂/√v̂| is at most about 1 whatever the gradient's
    /// scale: lr is roughly the largest change of a weight per step. Above 0.1 that is a large fraction of a typical
    /// initial weight (U(±1/√fan_in)) every step, which oscillates or diverges; hence the warning.
    static let adamLRWarningThreshold = 0.1

    static func adam(_ p: SectionReader, name: String, into diagnostics: DiagnosticCollector) -> AdamSettings? {
        let lr = p.number("lr")
        let beta1 = p.number("beta1")
        let beta2 = p.number("beta2")
        let eps = p.number("eps")
        let weightDecay = p.number("weight_decay")
        let amsgrad = p.boolean("amsgrad")
        guard let lr, let beta1, let beta2, let eps, let weightDecay, let amsgrad else { return nil }
        if lr > adamLRWarningThreshold, let l = p["lr"] {
            diagnostics.report(.highLearningRate,
                "learning rate \(l.scalar?.text ?? "") is above \(adamLRWarningThreshold) for \(name)", at: l.location,
                help: ["\(name) moves every weight by up to about lr a step whatever the gradient's scale, so such "
                       + "steps usually diverge; typical values are 0.0001 to 0.01"])
        }
        return AdamSettings(lr: lr, beta1: beta1, beta2: beta2, eps: eps, weightDecay: weightDecay, amsgrad: amsgrad)
    }
}
