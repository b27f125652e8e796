/// `data:`: the source of the examples and its parameters, and how they are split, scaled and shuffled.
extension ExperimentSchema {
    /// Settings every source has, beside `source` and its own parameters.
    static let dataCommon = [
        // 0: by default every example trains; a validation split is asked for, never silently taken.
        Field("validation", .number(.unitInterval), .defaultValue(.number(0)),
              "Fraction of the examples held out for validation (0 to below 1), chosen by the seed."),
        // none: the sources are already scaled (xor and spirals around ±1); scaling is a choice to make visible.
        Field("normalize", .word(["none", "standardize", "minmax"]), .defaultValue(.word("none")),
              "Feature scaling from the training split: standardize (mean 0, std 1) or minmax (to [0, 1])."),
        // true: each epoch visits the training examples in a new order, drawn from the seed.
        Field("shuffle", .boolean, .defaultValue(.boolean(true)),
              "Shuffle the training examples every epoch (from the seed)."),
    ]

    /// `data:` itself is the variant: `source` picks the generator or dataset, whose parameters sit beside it.
    public static let data = UnionSchema("Where the examples come from.", noun: "data source", tag: "source",
                                         bareWords: false, commonFields: dataCommon, [
        .init("xor", "Points around the four corners (±1, ±1); class = XOR of the signs. 2 features, 2 classes.", [
            // 200 points: 50 a corner, enough for a smooth boundary, trained in well under a second.
            Field("samples", .integer(4...10_000_000), .defaultValue(.integer(200)), "Number of points."),
            // 0.1: the clusters stay well apart (the corners are 2 apart), so a good network reaches 100%.
            Field("noise", .number(.nonNegative), .defaultValue(.number(0.1)),
                  "Standard deviation of the Gaussian noise added to each coordinate."),
        ]),
        .init("spirals", "Two interleaved spirals (2 features, 2 classes): the benchmark's W1 data.", [
            // 2000 points, 1.5 turns, noise 0.02: the benchmark workload W1 (shared/bench/README.md).
            Field("samples", .integer(4...10_000_000), .defaultValue(.integer(2000)), "Number of points, half a spiral."),
            Field("turns", .number(NumberRange(minimum: 0, minimumIsExclusive: true, maximum: 100)),
                  .defaultValue(.number(1.5)), "How many times each spiral winds around the centre."),
            Field("noise", .number(.nonNegative), .defaultValue(.number(0.02)),
                  "Standard deviation of the Gaussian noise added to each coordinate."),
        ]),
        .init("digits", "The 8×8 handwritten digits (1797 images, 64 features scaled to [0, 1], 10 classes), bundled."),
    ])
}
