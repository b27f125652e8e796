extension Dataset {
    /// The three parts of `data.test` and `data.validation` given as fractions: the test split first, then the
    /// validation split from what remains, each stratified by class as `split(validation:seed:)` describes.
    ///
    /// 1. `T = round(test · N)` examples are held out for testing, from the stream keyed `data/test`.
    /// 2. `V = round(validation · N)` examples of the remaining `N − T` are held out for validation, from the stream
    ///    keyed `data/split`; the rest trains.
    ///
    /// Both fractions are of the whole set N (scikit-learn's `train_test_split(test_size=0.2)` then
    /// `validation: 0.2` means a fifth of all examples each, 60% training), so adding a test split never changes
    /// how many examples validate. The test split draws from its own stream, taken first, so it does not depend
    /// on the validation fraction; with `test` 0 the validation split is exactly the one without a test split
    /// (same stream, same examples), so older runs keep their splits.
    public func split(test: Double, validation: Double,
                      seed: UInt64) -> (train: Dataset, validation: Dataset?, test: Dataset?) {
        let whole = Double(count)
        let (rest, held) = holdOut(Int((test * whole).rounded()), stream: "data/test", seed: seed)
        let (train, validating) = rest.holdOut(Int((validation * whole).rounded()), stream: "data/split", seed: seed)
        return (train, validating, held)
    }
}
