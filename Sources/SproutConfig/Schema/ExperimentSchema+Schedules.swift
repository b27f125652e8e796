/// The learning-rate schedules: the rate of epoch e (0-based, counted from the start of training) as a function of
/// the optimizer's lr, optionally preceded by a linear warm-up.
extension ExperimentSchema {
    /// (0, 1]: a decay factor; 1 keeps the rate, above 1 would grow it without bound.
    static let decayFactor = NumberRange(minimum: 0, minimumIsExclusive: true, maximum: 1)

    static let warmupEpochs = Field(
        // 0: no warm-up unless asked for; most small experiments do not need one.
        "warmup_epochs", .integer(0...10_000_000), .defaultValue(.integer(0)),
        "Epochs over which the rate rises linearly, step by step, from 0 to the schedule's rate; less than epochs.")

    public static let schedule = UnionSchema("How the learning rate changes over the epochs.", noun: "schedule",
                                             commonFields: [warmupEpochs], [
        .init("constant", "The optimizer's lr throughout."),
        .init("step", "lr·gamma^⌊e / step_size⌋ (PyTorch's StepLR).", [
            Field("step_size", .integer(1...10_000_000), .required, "Epochs between decays."),
            // 0.1: PyTorch's StepLR default: a tenfold drop, the classic ResNet recipe.
            Field("gamma", .number(decayFactor), .defaultValue(.number(0.1)), "Factor applied at each decay."),
        ]),
        .init("exponential", "lr·gamma^e (PyTorch's ExponentialLR).", [
            Field("gamma", .number(decayFactor), .required, "Factor applied every epoch."),
        ]),
        .init("cosine", "min_lr + (lr − min_lr)·(1 + cos(π·e/t_max))/2 up to t_max, then min_lr "
              + "(PyTorch's CosineAnnealingLR, without restarts).", [
            Field("t_max", .integer(1...10_000_000), .optional("the run's epochs"),
                  "Epochs of the half cosine; more than epochs is fine (the rate then ends above min_lr)."),
            // 0: PyTorch's CosineAnnealingLR default eta_min.
            Field("min_lr", .number(.nonNegative), .defaultValue(.number(0)), "The rate at the end of the cosine."),
        ]),
    ])
}
