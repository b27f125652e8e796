/// The optimizer catalogue. Every default is PyTorch's torch.optim one (stated here only; the decoder, the schema
/// and the docs read it from here), so a config means what a PyTorch user expects.
extension ExperimentSchema {
    static let epsilon = Field("eps", .number(.positive), .defaultValue(.number(1e-8)),
                               "Added to the denominator for numerical stability.")

    /// Adam and AdamW share their keys; only weight_decay's meaning and default differ.
    static func adamFields(weightDecay: Double, _ weightDecaySummary: String) -> [Field] {
        [
            Field("lr", .number(.positive), .defaultValue(.number(0.001)), "Learning rate."),
            Field("beta1", .number(.unitInterval), .defaultValue(.number(0.9)),
                  "Decay rate of the running mean of gradients (PyTorch's betas[0])."),
            Field("beta2", .number(.unitInterval), .defaultValue(.number(0.999)),
                  "Decay rate of the running mean of squared gradients (PyTorch's betas[1])."),
            epsilon,
            Field("weight_decay", .number(.nonNegative), .defaultValue(.number(weightDecay)), weightDecaySummary),
            Field("amsgrad", .boolean, .defaultValue(.boolean(false)),
                  "Use the maximum of past squared-gradient averages (Reddi et al. 2018)."),
        ]
    }

    public static let optimizer = UnionSchema("How parameters are updated.", noun: "optimizer", [
        // torch.optim.SGD: no default lr (it must be chosen), no momentum, no nesterov, no weight decay.
        .init("sgd", "Stochastic gradient descent with momentum (PyTorch's SGD).", [
            Field("lr", .number(.positive), .required, "Learning rate."),
            Field("momentum", .number(.unitInterval), .defaultValue(.number(0)), "Momentum factor."),
            Field("nesterov", .boolean, .defaultValue(.boolean(false)), "Nesterov momentum (needs momentum > 0)."),
            Field("weight_decay", .number(.nonNegative), .defaultValue(.number(0)), "L2 penalty added to the gradient."),
        ]),
        // torch.optim.Adam: lr 1e-3, betas (0.9, 0.999), eps 1e-8, weight_decay 0, amsgrad false.
        .init("adam", "Adam (Kingma & Ba 2015; PyTorch's Adam): θ ← θ − lr·m̂/(√v̂ + eps).",
              adamFields(weightDecay: 0, "L2 penalty added to the gradient (coupled, as PyTorch's Adam).")),
        // torch.optim.AdamW: as Adam, but weight_decay 0.01.
        .init("adamw", "Adam with decoupled weight decay (Loshchilov & Hutter 2019; PyTorch's AdamW): "
              + "θ ← θ − lr·weight_decay·θ before the Adam step.",
              adamFields(weightDecay: 0.01, "Decoupled weight decay: θ shrinks by lr·weight_decay a step.")),
        // torch.optim.RMSprop: lr 1e-2, alpha 0.99, eps 1e-8, momentum 0, centered false, weight_decay 0.
        .init("rmsprop", "RMSprop (Hinton 2012; PyTorch's RMSprop): θ ← θ − lr·g/(√v + eps), "
              + "v the running mean of g².", [
            Field("lr", .number(.positive), .defaultValue(.number(0.01)), "Learning rate."),
            // [0, 1): alpha 1 would keep the average of g² at its starting 0 forever.
            Field("alpha", .number(.unitInterval), .defaultValue(.number(0.99)),
                  "Decay rate of the running mean of squared gradients."),
            epsilon,
            Field("momentum", .number(.unitInterval), .defaultValue(.number(0)), "Momentum factor."),
            Field("centered", .boolean, .defaultValue(.boolean(false)),
                  "Divide by the estimated variance of the gradient instead of its second moment."),
            Field("weight_decay", .number(.nonNegative), .defaultValue(.number(0)), "L2 penalty added to the gradient."),
        ]),
    ])
}
