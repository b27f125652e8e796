/// The initializer catalogue (PyTorch's torch.nn.init, with Keras' names as aliases).
extension ExperimentSchema {
    static let gain = Field("gain", .number(.positive), .defaultValue(.number(1)),
                            "Scale factor (PyTorch's default 1).")
    /// A random scheme's own seed. Absent (the default): the parameter's own stream, from the run seed and the
    /// parameter's name, so no two parameters share draws. Given: a stream keyed by this seed alone (Keras'
    /// `seed=`), so every parameter of one shape with the same initializer and seed starts identical.
    static let initializerSeed = Field(
        "seed", .integer(0...Int(Int64.max)), .optional("the parameter's own stream, from the run seed and its name"),
        "Draw from a stream keyed by this seed alone: parameters of one shape sharing it start identical.")
    static let kaimingFields = [
        // PyTorch's defaults: fan_in, leaky_relu with slope 0 (a gain of √2, ReLU's).
        Field("mode", .word(["fan_in", "fan_out"]), .defaultValue(.word("fan_in")),
              "fan_in keeps the forward pass's variance, fan_out the backward pass's."),
        Field("nonlinearity", .word(["linear", "sigmoid", "tanh", "relu", "leaky_relu", "selu"]),
              .defaultValue(.word("leaky_relu")), "The nonlinearity whose gain scales the weights."),
        Field("negative_slope", .number(.nonNegative), .defaultValue(.number(0)),
              "leaky_relu's slope for negative inputs (only with nonlinearity leaky_relu)."),
        initializerSeed,
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
            Field("high", .number(.any), .defaultValue(.number(1)), "Upper bound, above low."), initializerSeed,
        ]),
        // PyTorch's normal_ defaults: N(0, 1).
        .init("normal", "N(mean, std²).", [
            Field("mean", .number(.any), .defaultValue(.number(0)), "Mean."),
            Field("std", .number(.nonNegative), .defaultValue(.number(1)), "Standard deviation."), initializerSeed,
        ]),
        .init("xavier_uniform", aliases: ["glorot_uniform"],
              "U(±gain·√(6/(fan_in+fan_out))) (Glorot & Bengio 2010).", [gain, initializerSeed]),
        .init("xavier_normal", aliases: ["glorot_normal"],
              "N(0, gain²·2/(fan_in+fan_out)) (Glorot & Bengio 2010).", [gain, initializerSeed]),
        .init("kaiming_uniform", "U(±√3·gain/√fan) (He et al. 2015).", kaimingFields),
        .init("kaiming_normal", "N(0, gain²/fan) (He et al. 2015).", kaimingFields),
        .init("he_uniform", "kaiming_uniform with fan_in and relu.", [initializerSeed]),
        .init("he_normal", "kaiming_normal with fan_in and relu (untruncated, as PyTorch).", [initializerSeed]),
        .init("lecun_uniform", "U(±√(3/fan_in)) (LeCun et al. 1998).", [initializerSeed]),
        .init("lecun_normal", "N(0, 1/fan_in) (LeCun et al. 1998; untruncated, as PyTorch).", [initializerSeed]),
    ] + moreInitializers, missingKeyHelp: [
        "seed": "a seed picks random draws, and this initializer makes none: only the random ones take a seed",
    ])

    static let moreInitializers: [UnionSchema.Variant] = [
        // PyTorch's trunc_normal_ defaults: mean 0, std 1, a -2, b 2 (absolute bounds, not multiples of std as in
        // Keras' TruncatedNormal, whose own std default 0.05 differs: the PyTorch meaning is the one kept).
        .init("truncated_normal", "N(mean, std²) redrawn until within [a, b] (absolute bounds, as PyTorch).", [
            Field("mean", .number(.any), .defaultValue(.number(0)), "Mean before truncation."),
            Field("std", .number(.nonNegative), .defaultValue(.number(1)), "Standard deviation before truncation."),
            Field("a", .number(.any), .defaultValue(.number(-2)), "Lower bound (absolute)."),
            Field("b", .number(.any), .defaultValue(.number(2)), "Upper bound (absolute), above a."), initializerSeed,
        ]),
        .init("orthogonal", "A random (semi-)orthogonal matrix times gain (Saxe et al. 2014).", [gain, initializerSeed]),
        .init("identity", aliases: ["eye"], "gain on the diagonal, 0 elsewhere (PyTorch's eye_, Keras' Identity).",
              [gain]),
        // PyTorch's dirac_(tensor, groups) with the layer's own groups.
        .init("dirac", "conv2d kernels that pass input channel d to filter d: 1 at the kernel's centre, 0 elsewhere (PyTorch's dirac_)."),
        // PyTorch's sparse_ default std 0.01; sparsity has no default there either.
        .init("sparse", "N(0, std²) with a fraction sparsity of each column set to 0 (Martens 2010).", [
            Field("sparsity", .number(.unitInterval), .required, "Fraction of each column set to zero, in [0, 1)."),
            Field("std", .number(.positive), .defaultValue(.number(0.01)), "Standard deviation of the other entries."),
            initializerSeed,
        ]),
        // Keras' VarianceScaling defaults: scale 1.0, fan_in, truncated_normal.
        .init("variance_scaling", "Variance scale / n, n the chosen fan (Keras' VarianceScaling).", [
            Field("scale", .number(.positive), .defaultValue(.number(1.0)), "The variance's numerator."),
            Field("mode", .word(VarianceModeSpec.allCases.map(\.rawValue)), .defaultValue(.word("fan_in")),
                  "The fan n: fan_in, fan_out, or their mean fan_avg."),
            Field("distribution", .word(VarianceDistributionSpec.allCases.map(\.rawValue)),
                  .defaultValue(.word("truncated_normal")),
                  "truncated_normal (±2 std, std corrected by 0.8796), untruncated_normal, or uniform (±√(3·scale/n))."),
            initializerSeed,
        ]),
        .init("safetensors", "The tensor read from a safetensors file (F32, of the parameter's shape).", [
            Field("path", .string, .required, "The file, relative to the config file's folder."),
            Field("tensor", .string, .optional("the parameter's own name, <node>.weight or <node>.bias"),
                  "The tensor's name in the file."),
        ]),
    ]
}
