/// The initializer catalogue (PyTorch's torch.nn.init, with Keras' names as aliases).
extension ExperimentSchema {
    static let gain = Field("gain", .number(.positive), .defaultValue(.number(1)),
                            "Scale factor (PyTorch's default 1).")
    static let kaimingFields = [
        // PyTorch's defaults: fan_in, leaky_relu with slope 0 (a gain of √2, ReLU's).
        Field("mode", .word(["fan_in", "fan_out"]), .defaultValue(.word("fan_in")),
              "fan_in keeps the forward pass's variance, fan_out the backward pass's."),
        Field("nonlinearity", .word(["linear", "sigmoid", "tanh", "relu", "leaky_relu", "selu"]),
              .defaultValue(.word("leaky_relu")), "The nonlinearity whose gain scales the weights."),
        Field("negative_slope", .number(.nonNegative), .defaultValue(.number(0)),
              "leaky_relu's slope for negative inputs (only with nonlinearity leaky_relu)."),
    ]

    public static let initializer = UnionSchema(
        "How a weight or bias starts: PyTorch's torch.nn.init formulas, fan_in = inputs, fan_out = units.",
        noun: "initializer", [
        .init("zeros", "Every entry 0."),
        .init("ones", "Every entry 1."),
        .init("constant", "Every entry `value`.", [Field("value", .number(.any), .required, "The value.")]),
        // PyTorch's uniform_ defaults: U(0, 1).
        .init("uniform", "U(low, high).", [
            Field("low", .number(.any), .defaultValue(.number(0)), "Lower bound."),
            Field("high", .number(.any), .defaultValue(.number(1)), "Upper bound, above low."),
        ]),
        // PyTorch's normal_ defaults: N(0, 1).
        .init("normal", "N(mean, std²).", [
            Field("mean", .number(.any), .defaultValue(.number(0)), "Mean."),
            Field("std", .number(.nonNegative), .defaultValue(.number(1)), "Standard deviation."),
        ]),
        .init("xavier_uniform", aliases: ["glorot_uniform"],
              "U(±gain·√(6/(fan_in+fan_out))) (Glorot & Bengio 2010).", [gain]),
        .init("xavier_normal", aliases: ["glorot_normal"],
              "N(0, gain²·2/(fan_in+fan_out)) (Glorot & Bengio 2010).", [gain]),
        .init("kaiming_uniform", "U(±√3·gain/√fan) (He et al. 2015).", kaimingFields),
        .init("kaiming_normal", "N(0, gain²/fan) (He et al. 2015).", kaimingFields),
        .init("he_uniform", "kaiming_uniform with fan_in and relu."),
        .init("he_normal", "kaiming_normal with fan_in and relu (untruncated, as PyTorch)."),
        .init("lecun_uniform", "U(±√(3/fan_in)) (LeCun et al. 1998)."),
        .init("lecun_normal", "N(0, 1/fan_in) (LeCun et al. 1998; untruncated, as PyTorch)."),
    ])
}
