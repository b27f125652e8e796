import SproutConfig
import SproutData

/// A run's examples in their three parts, each scaled with the training part's statistics.
struct DataSplits {
    var train: Dataset
    /// metrics.csv's val_* columns and early stopping's val_* metrics.
    var validation: Dataset?
    /// Evaluated once, after training (`Trainer+Test`); never trained on, logged, watched or sampled.
    var test: Dataset?
    /// The feature scaling fitted on `train` and applied to the three (nil: none); model.json records it.
    var scaling: FeatureScaling?
}

extension DatasetBuilder {
    /// The examples split as the config says: the test fraction first (stream `data/test`), then the validation
    /// fraction from the rest (stream `data/split`), both fractions of all the examples
    /// (`Dataset.split(test:validation:seed:)`), or each part another source. Feature scaling is fitted on the
    /// training part only and applied to the three, so no validation or test statistic leaks into training.
    ///
    /// The same spec and seed give the same parts and the same scaling: `sprout evaluate` rebuilds a run's splits
    /// from its config.yaml this way.
    static func splits(for data: DataSpec, seed: UInt64) throws -> DataSplits {
        let all = try dataset(for: data.source, seed: seed)
        let parts = all.split(test: fraction(data.test), validation: fraction(data.validation), seed: seed)
        var splits = DataSplits(train: parts.train, validation: parts.validation, test: parts.test)
        if case .source(let other) = data.validation {
            splits.validation = try agreeing(dataset(for: other, seed: seed), with: all)
        }
        if case .source(let other) = data.test {
            splits.test = try agreeing(dataset(for: other, seed: seed), with: all, role: "test")
        }
        let scaling: FeatureScaling?
        switch data.normalize {
        case .none: scaling = nil
        case .standardize: scaling = .standardize(fittedOn: splits.train)
        case .minmax: scaling = .minmax(fittedOn: splits.train)
        }
        guard let scaling else { return splits }
        return DataSplits(train: scaling.apply(to: splits.train), validation: splits.validation.map(scaling.apply),
                          test: splits.test.map(scaling.apply), scaling: scaling)
    }

    /// The fraction a setting holds out of all the examples: 0 for none or another source.
    static func fraction(_ heldOut: Validation) -> Double {
        if case .fraction(let fraction) = heldOut { return fraction }
        return 0
    }
}
