import SproutConfig
import SproutRuns
import SproutData

/// Turns a `DataSpec` into examples: generated or loaded, split, scaled.
enum DatasetBuilder {
    /// The training set and, when the config holds some out or names a validation source, the validation set;
    /// both scaled with statistics of the training set (`splits`, without the test set), and that scaling (nil for
    /// `normalize: none`), which model.json records for predictions.
    static func datasets(for data: DataSpec, seed: UInt64) throws
        -> (train: Dataset, validation: Dataset?, scaling: FeatureScaling?) {
        let parts = try splits(for: data, seed: seed)
        return (parts.train, parts.validation, parts.scaling)
    }

    /// The examples of one source.
    static func dataset(for source: DataSourceSpec, seed: UInt64) throws -> Dataset {
        switch source {
        case .xor(let samples, let noise):
            return XORGenerator(samples: samples, noise: noise).generate(seed: seed)
        case .spirals(let samples, let turns, let noise):
            return SpiralsGenerator(samples: samples, turns: turns, noise: noise).generate(seed: seed)
        case .teacher(let samples, let features, let classes):
            return TeacherGenerator(samples: samples, features: features, classes: classes).generate(seed: seed)
        case .moons(let samples, let noise):
            return MoonsGenerator(samples: samples, noise: noise).generate(seed: seed)
        case .circles(let samples, let factor, let noise):
            return CirclesGenerator(samples: samples, factor: factor, noise: noise).generate(seed: seed)
        case .blobs(let samples, let centers, let features, let std):
            return BlobsGenerator(samples: samples, centers: centers, features: features, std: std).generate(seed: seed)
        case .parity(let samples, let bits):
            return ParityGenerator(samples: samples, bits: bits).generate(seed: seed)
        case .teacherRegression(let samples, let features, let hidden, let outputs, let noise):
            return TeacherRegressionGenerator(samples: samples, features: features, hidden: hidden, outputs: outputs,
                                              noise: noise).generate(seed: seed)
        case .sine(let samples, let low, let high, let noise):
            return SineGenerator(samples: samples, low: low, high: high, noise: noise).generate(seed: seed)
        case .bundled(let dataset):
            return try bundled(dataset)
        case .csv(let file):
            return try checked(load { () throws(DataFileError) in try CSVDataset.load(path: file.path, options: file.options) },
                               against: source, path: file.path)
        case .idx(let file):
            return try checked(load { () throws(DataFileError) in
                try IDXDataset.load(images: file.images, labels: file.labels, scale: file.scale)
            }, against: source, path: file.images)
        }
    }

    /// A file loader's failure as the run's error.
    static func load(_ loader: () throws(DataFileError) -> Dataset) throws(RunError) -> Dataset {
        do {
            return try loader()
        } catch {
            throw RunError.cannotRead(path: error.path, reason: error.reason)
        }
    }

    /// A loaded file checked against what the validator saw (the file may have changed since): the same counts,
    /// features and targets, or a clear error instead of a network of the wrong shape.
    static func checked(_ loaded: Dataset, against source: DataSourceSpec, path: String) throws -> Dataset {
        let classes = loaded.isRegression ? nil : loaded.classCount
        guard loaded.count == source.exampleCount, loaded.featureCount == source.featureCount,
              classes == source.targetClasses else {
            throw RunError.cannotRead(path: path, reason: "it changed since it was validated: it now holds \(loaded.count) "
                                      + "examples of \(loaded.featureCount) features (\(targets(classes))), the config was "
                                      + "checked with \(source.exampleCount) of \(source.featureCount) (\(targets(source.targetClasses)))")
        }
        return loaded
    }

    /// A validation (or test: `role`) source's classes or class names must mean what the training data's do.
    static func agreeing(_ validation: Dataset, with train: Dataset, role: String = "validation") throws -> Dataset {
        guard validation.classNames == train.classNames else {
            throw RunError.cannotBuild("the \(role) source's class names (\(validation.classNames?.joined(separator: ", ") ?? "numbers")) "
                                       + "differ from the training source's (\(train.classNames?.joined(separator: ", ") ?? "numbers")), "
                                       + "so the same class index would mean different things")
        }
        return validation
    }

    static func targets(_ classes: Int?) -> String {
        classes.map { "\($0) class" + ($0 == 1 ? "" : "es") } ?? "regression targets"
    }

    /// The engine's copy of a bundled dataset, checked against the shape the validator sized the network for (a
    /// defence: a test keeps the two in agreement).
    static func bundled(_ dataset: BundledData) throws -> Dataset {
        let source: BundledDataset
        switch dataset {
        case .digits: source = .digits
        case .iris: source = .iris
        case .wine: source = .wine
        case .breastCancer: source = .breastCancer
        }
        let name = "the bundled dataset '\(dataset.rawValue)'"
        let loaded: Dataset
        do {
            loaded = try source.load()
        } catch {
            throw RunError.cannotRead(path: name, reason: "line \(error.line): \(error.problem)")
        }
        guard loaded.count == dataset.exampleCount, loaded.featureCount == dataset.featureCount,
              loaded.classCount == dataset.classCount else {
            throw RunError.cannotRead(path: name, reason: "it holds \(loaded.count) × \(loaded.featureCount) features and "
                                      + "\(loaded.classCount) classes, the language expects \(dataset.exampleCount) × "
                                      + "\(dataset.featureCount) and \(dataset.classCount)")
        }
        return loaded
    }
}
