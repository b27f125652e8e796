/// The node types besides dense. Every default is PyTorch's (torch.nn), so a node means what its PyTorch twin means.
extension ExperimentSchema {
    static let activationVariants: [UnionSchema.Variant] = [
        .init("identity", "y = x."),
        .init("relu", "y = max(x, 0)."),
        // nn.LeakyReLU(negative_slope=0.01).
        .init("leaky_relu", "y = max(x, 0) + negative_slope · min(x, 0).", [
            Field("negative_slope", .number(.nonNegative), .defaultValue(.number(0.01)), "Slope for negative inputs."),
        ]),
        // nn.ELU(alpha=1.0).
        .init("elu", "y = x for x > 0, alpha · (eˣ - 1) otherwise (Clevert et al. 2016).", [
            Field("alpha", .number(.nonNegative), .defaultValue(.number(1.0)), "The value approached for x → -∞ is -alpha."),
        ]),
        .init("selu", "scale · elu(x, alpha) with PyTorch's fixed constants (Klambauer et al. 2017)."),
        // nn.GELU(approximate='none').
        .init("gelu", "y = x · Φ(x) (Hendrycks & Gimpel 2016).", [
            Field("approximate", .word(GeluApproximation.allCases.map(\.rawValue)), .defaultValue(.word("none")),
                  "none: the exact erf form; tanh: the tanh approximation."),
        ]),
        .init("tanh", "y = tanh(x)."),
        .init("sigmoid", "y = 1 / (1 + e^-x)."),
        .init("softsign", "y = x / (1 + |x|)."),
        // nn.Softplus(beta=1.0, threshold=20.0).
        .init("softplus", "y = log(1 + e^(beta·x)) / beta; y = x where beta·x > threshold.", [
            Field("beta", .number(.positive), .defaultValue(.number(1)), "Sharpness."),
            Field("threshold", .number(.any), .defaultValue(.number(20)), "Above beta·x > threshold, y = x (for stability)."),
        ]),
    ]

    static let otherNodeVariants: [UnionSchema.Variant] = [
        // nn.Dropout(p=0.5).
        .init("dropout", "In training, zeroes each value with probability rate and scales the others by 1/(1-rate).", [
            Field("rate", .number(.unitInterval), .defaultValue(.number(0.5)), "Probability of zeroing, in [0, 1)."),
        ]),
        // nn.LayerNorm(eps=1e-5, elementwise_affine=True).
        .init("layer_norm", "Normalizes each example over its features (Ba et al. 2016).", [
            Field("eps", .number(.positive), .defaultValue(.number(1e-5)), "Added to the variance."),
            Field("elementwise_affine", .boolean, .defaultValue(.boolean(true)),
                  "Learn a weight (ones) and a bias (zeros) of the node's width."),
        ]),
        // nn.BatchNorm1d(eps=1e-5, momentum=0.1, affine=True).
        .init("batch_norm", "Normalizes each feature over the batch (Ioffe & Szegedy 2015).", [
            Field("momentum", .number(NumberRange(minimum: 0, maximum: 1)), .defaultValue(.number(0.1)),
                  "Weight of the new batch in the running mean and variance."),
            Field("eps", .number(.positive), .defaultValue(.number(1e-5)), "Added to the variance."),
            Field("affine", .boolean, .defaultValue(.boolean(true)),
                  "Learn a weight (ones) and a bias (zeros) of the node's width."),
        ]),
        .init("add", "The sum of its inputs (at least two, of one width)."),
        .init("concat", "Its inputs side by side (at least two); width = the sum of theirs."),
    ]
}
