/// `data:`: the source of the examples and its parameters.
extension ExperimentSchema {
    /// `data:` itself is the variant: `source` picks the generator or file type, whose parameters sit beside it.
    public static let data = UnionSchema("Where the examples come from.", noun: "data source", tag: "source",
                                         bareWords: false, [
        .init("xor", "Points around the four corners (±1, ±1); class = XOR of the signs. 2 features, 2 classes.", [
            // 200 points: 50 a corner, enough for a smooth boundary, trained in well under a second.
            Field("samples", .integer(4...10_000_000), .defaultValue(.integer(200)), "Number of points."),
            // 0.1: the clusters stay well apart (the corners are 2 apart), so a good network reaches 100%.
            Field("noise", .number(.nonNegative), .defaultValue(.number(0.1)),
                  "Standard deviation of the Gaussian noise added to each coordinate."),
        ]),
    ])
}
