/// `data:`: the source of the examples and its parameters, and how they are split, scaled and shuffled.
extension ExperimentSchema {
    /// Settings every source has, beside `source` and its own parameters.
    static let dataCommon = [
        // 0: by default every example trains; a validation split is asked for, never silently taken.
        Field("validation", .either([.number(.unitInterval), .reference("validation_source")]), .defaultValue(.number(0)),
              "Fraction of the examples held out for validation (0 to below 1), chosen by the seed; or another "
                  + "source of the same shape to validate on."),
        // 0: every example trains or validates unless a test split is asked for; a held-out test set is the
        // user's choice, as validation is. Taken first, from all the examples; `validation` is then a fraction of
        // all the examples too, taken from the rest.
        Field("test", .either([.number(.unitInterval), .reference("test_source")]), .defaultValue(.number(0)),
              "Fraction of the examples held out for testing (0 to below 1), taken first, chosen by the seed, "
                  + "evaluated once after training; or another source of the same shape to test on."),
        // none: the generated sources are already scaled (xor and spirals around ±1, teacher N(0, 1), digits in
        // [0, 1]); scaling is a choice to make visible (iris, wine and breast_cancer are raw measurements).
        Field("normalize", .word(["none", "standardize", "minmax"]), .defaultValue(.word("none")),
              "Feature scaling from the training split: standardize (mean 0, std 1) or minmax (to [0, 1])."),
        // Flat unless written: every source but idx gives a vector of features, and the network says how it reads
        // them. An IDX file's images are [1, rows, columns].
        Field("shape", .list(.integer(1...Int(Int32.max)), minItems: 1),
              .optional("flat [features]; an idx source's images [1, rows, columns]"),
              "Each example's shape: [features], or an image [channels, height, width] whose values are the features in that order (channel by channel, row by row)."),
        // true: each epoch visits the training examples in a new order, drawn from the seed.
        Field("shuffle", .boolean, .defaultValue(.boolean(true)),
              "Shuffle the training examples every epoch (from the seed)."),
    ]

    /// `data:` itself is the variant: `source` picks the generator or dataset, whose parameters sit beside it.
    public static let data = UnionSchema("Where the examples come from.", noun: "data source", tag: "source",
                                         bareWords: false, commonFields: dataCommon, dataSources)

    /// `data.validation` written as a mapping: a source of its own, without the shared settings (the split, the
    /// scaling and the shuffling belong to the training data).
    public static let validationSource = UnionSchema("Another source to validate on, of the same features and classes.",
                                                     noun: "data source", label: "validation source", tag: "source",
                                                     bareWords: false, dataSources)

    /// `data.test` written as a mapping: a source of its own, like `validationSource`.
    public static let testSource = UnionSchema("Another source to test on after training, of the same features and classes.",
                                               noun: "data source", label: "test source", tag: "source",
                                               bareWords: false, dataSources)

    /// Every source, with its own parameters.
    static let dataSources: [UnionSchema.Variant] = [
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
        .init("teacher", "N(0, 1) inputs labelled by argmax(x·W) of a fixed random linear teacher W: the benchmark's W3/W4 data.", [
            // 1000 points: 100 a class at the default 10 classes, generated and trained in a moment.
            Field("samples", .integer(4...10_000_000), .defaultValue(.integer(1000)), "Number of points."),
            // 16: a small task that trains in seconds; the benchmark's W3 uses 784 features and W4 256.
            Field("features", .integer(1...100_000), .defaultValue(.integer(16)), "Number of input features."),
            // 10: the benchmark's W3 and W4 (and as many classes as the digits).
            Field("classes", .integer(2...1000), .defaultValue(.integer(10)), "Number of classes (teacher outputs)."),
        ]),
        .init("moons", "Two interleaving half circles, scikit-learn's make_moons (2 features, 2 classes).", [
            // 200 points: 100 a moon, enough for a smooth boundary, trained in well under a second.
            Field("samples", .integer(4...10_000_000), .defaultValue(.integer(200)), "Number of points, half a moon (the inner one takes an odd one)."),
            // 0.1: well below the 0.5 between a moon's tip and the other moon, so a good network separates them.
            Field("noise", .number(.nonNegative), .defaultValue(.number(0.1)),
                  "Standard deviation of the Gaussian noise added to each coordinate."),
        ]),
        .init("circles", "A small circle inside a large one, scikit-learn's make_circles (2 features, 2 classes).", [
            // 200 points: 100 a circle, trained in well under a second.
            Field("samples", .integer(4...10_000_000), .defaultValue(.integer(200)), "Number of points, half a circle (the inner one takes an odd one)."),
            // 0.8: scikit-learn's default.
            Field("factor", .number(NumberRange(minimum: 0, minimumIsExclusive: true, maximum: 1, maximumIsExclusive: true)),
                  .defaultValue(.number(0.8)), "The inner circle's radius (the outer one's is 1)."),
            // 0.05: the circles' gap of 1 − factor = 0.2 is four standard deviations, so they stay separable.
            Field("noise", .number(.nonNegative), .defaultValue(.number(0.05)),
                  "Standard deviation of the Gaussian noise added to each coordinate."),
        ]),
        .init("blobs", "Gaussian blobs around random centers, scikit-learn's make_blobs: one class a center.", [
            // 300 points: 100 a blob at the default 3 centers.
            Field("samples", .integer(4...10_000_000), .defaultValue(.integer(300)), "Number of points, shared evenly among the centers."),
            // 3 centers and 2 features: scikit-learn's defaults.
            Field("centers", .integer(2...1000), .defaultValue(.integer(3)), "Number of blobs (classes)."),
            Field("features", .integer(1...10_000), .defaultValue(.integer(2)), "Number of input features."),
            // 1.0: scikit-learn's cluster_std; the centers are uniform in [-10, 10), so blobs rarely overlap.
            Field("std", .number(.nonNegative), .defaultValue(.number(1.0)),
                  "Standard deviation of each blob around its center, per feature."),
        ]),
        .init("parity", "Random bits as ±1 features; class = XOR of the bits (parity). 2 classes.", [
            // 256 points: each of the 16 patterns of the default 4 bits about 16 times.
            Field("samples", .integer(4...10_000_000), .defaultValue(.integer(256)), "Number of examples."),
            // 4 bits: 16 patterns, which a small tanh network learns in a second; more bits get hard fast.
            Field("bits", .integer(2...64), .defaultValue(.integer(4)), "Number of bits (features)."),
        ]),
        .init("teacher_regression", "Regression targets from a fixed random teacher network with one hidden tanh layer, plus noise.", [
            // 1000 points of 8 features through 16 hidden units: a small task trained in seconds.
            Field("samples", .integer(4...10_000_000), .defaultValue(.integer(1000)), "Number of examples."),
            Field("features", .integer(1...10_000), .defaultValue(.integer(8)), "Number of input features."),
            Field("hidden", .integer(1...1000), .defaultValue(.integer(16)), "The teacher's hidden tanh units."),
            // 1: a single target, the common case.
            Field("outputs", .integer(1...100), .defaultValue(.integer(1)), "Targets per example (the output units mse needs)."),
            // 0.1: small against the targets' spread (about 0.63), and the best mse it leaves is 0.01.
            Field("noise", .number(.nonNegative), .defaultValue(.number(0.1)),
                  "Standard deviation of the Gaussian noise added to each target."),
        ]),
        .init("sine", "Sine regression: x uniform in [low, high), target sin(x) + noise. 1 feature, 1 target.", [
            // 200 points: a smooth curve, trained in about a second.
            Field("samples", .integer(4...10_000_000), .defaultValue(.integer(200)), "Number of examples."),
            // [-π, π): one whole period, which a few tanh units fit.
            Field("low", .number(.any), .defaultValue(.number(-Double.pi)), "The smallest x."),
            Field("high", .number(.any), .defaultValue(.number(Double.pi)), "The end of x's range (greater than low)."),
            // 0.1: visible, and the best mse it leaves (0.01) is far below the targets' variance (0.5).
            Field("noise", .number(.nonNegative), .defaultValue(.number(0.1)),
                  "Standard deviation of the Gaussian noise added to each target."),
        ]),
        .init("digits", "The 8×8 handwritten digits (1797 images, 64 features scaled to [0, 1], 10 classes), bundled."),
        .init("iris", "Fisher's iris flowers (150 examples, 4 measurements in cm, 3 classes of 50), bundled."),
        .init("wine", "Wine recognition (178 wines, 13 chemical measurements on very different scales, 3 classes), bundled."),
        .init("breast_cancer", "Breast Cancer Wisconsin, diagnostic (569 tumours, 30 features, 2 classes: "
                  + "0 malignant, 1 benign), bundled."),
        .init("csv", "A CSV file with a header line: one column is the target, the others (or those listed) numeric features.", [
            Field("path", .string, .required, "The file; a relative path is read from the config file's folder."),
            Field("target", .string, .required,
                  "The target column's name: whole numbers 0 to 999 are class labels, text class names (numbered in "
                      + "sorted order), other numbers regression targets."),
            Field("features", .list(.string, minItems: 1), .optional("every column but the target"),
                  "The feature columns by name, in this order; other columns are not read."),
            // error: a missing value is most often a mistake in the file; leaving rows out or inventing values
            // changes the data, so it is asked for, never done silently.
            Field("missing", .word(["error", "drop", "fill"]), .defaultValue(.word("error")),
                  "A missing value (an empty field, NA, NaN, null, …, or a short row): error, drop the row, or fill "
                      + "the feature with fill_value."),
            // 0: what scikit-learn's SimpleImputer(strategy="constant") fills numeric data with.
            Field("fill_value", .number(.any), .defaultValue(.number(0)),
                  "The value a missing feature becomes with missing: fill."),
            // ",": RFC 4180's separator and what spreadsheets and pandas write by default.
            Field("delimiter", .character, .defaultValue(.word(",")),
                  "The one character between fields (not a double quote or a line break)."),
            // true, and only true for now: the header names the target and the columns in messages; a file without
            // one would need the target as a column index, which the language does not have yet.
            Field("header", .boolean, .defaultValue(.boolean(true)),
                  "The first line names the columns; only true is accepted for now."),
        ]),
        .init("idx", "MNIST-style IDX files: unsigned-byte images [N, rows, cols] and unsigned-byte labels [N].", [
            Field("images", .string, .required, "The images file (magic 0x00000803); relative to the config file's folder."),
            Field("labels", .string, .required, "The labels file (magic 0x00000801); relative to the config file's folder."),
            // 255: pixels are bytes 0 to 255, and dividing by 255 puts them in [0, 1], the order of magnitude the
            // default initializers (Xavier, He) assume for their inputs.
            Field("scale", .number(.positive), .defaultValue(.number(255)), "Each pixel is divided by this number."),
        ]),
    ]
}
