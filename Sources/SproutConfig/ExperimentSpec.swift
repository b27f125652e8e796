import SproutShapes

/// A whole experiment, decoded and checked: what `sprout run` trains. Every default is already filled in.
public struct ExperimentSpec: Sendable, Hashable, Codable {
    /// The run's name, also its directory under runs/. Default: the config file's stem.
    public var name: String
    public var description: String
    /// The one seed from which every random stream (initialization, data, shuffling) is derived.
    public var seed: UInt64
    public var data: DataSpec
    public var model: ModelSpec
    public var train: TrainSpec
    public var log: LogSpec
    /// The sweep combination this run is (`lr=0.1,seed=2`), or `nil` for a config without a sweep.
    public var variant: String? = nil
    /// The sweep's settings for this run, in the sweep's order (the sweep summary's columns).
    public var sweepSettings: [SweepSetting] = []

    /// The command-line overrides the run was read with, as given (`train.optimizer.lr=0.01`): run.json's
    /// `overrides` and config.yaml's first comment. Like the name, not part of the fingerprint (their effect is).
    public var overrides: [String] = []
    /// What the overrides add to the run's name (`ConfigOverrides.label`), or `nil` without overrides.
    public var overrideLabel: String? = nil

    /// The run's directory below runs/: `<name>`, `<name>@<overrides>` when overridden from the command line, and
    /// `/<variant>` after either for a sweep's run. A run of other overrides is another run, beside the config's own
    /// (`runs/xor` and `runs/xor@train.optimizer.lr=0.01`), never inside it.
    public var runPath: String {
        let base = overrideLabel.map { "\(name)@\($0)" } ?? name
        return variant.map { "\(base)/\($0)" } ?? base
    }
}

/// One swept setting of a run: `train.optimizer.lr` = `0.1`.
public struct SweepSetting: Sendable, Hashable, Codable {
    public var path: String
    /// A scalar as written (`0.1`, `he_normal`); a mapping or list as JSON (`{"type": "normal", "std": 0.1}`).
    public var value: String
}

/// Where the examples come from, and how they are split, scaled and shuffled.
public struct DataSpec: Sendable, Hashable, Codable {
    public var source: DataSourceSpec
    /// What the validation metrics are computed on, if anything.
    public var validation: Validation
    /// What the run is tested on once, after training (`data.test`), if anything: the same three forms as
    /// `validation`. A fraction is taken from all the examples before the validation split (`Dataset.split(test:
    /// validation:seed:)`); the test examples are never trained on, logged or watched by early stopping.
    public var test: Validation = .none
    public var normalize: Normalization
    /// Shuffle the training examples every epoch.
    public var shuffle: Bool
    /// `data.shape` as written (checked against the features) when it is not the source's own; nil takes the
    /// source's own (`exampleShape`).
    public var shape: FeatureShape? = nil

    /// Each example's shape: `data.shape`, else an IDX file's images `[1, rows, columns]`, else flat.
    public var exampleShape: FeatureShape {
        if let shape { return shape }
        if case .idx(let file) = source { return .image(channels: 1, height: file.rows, width: file.columns) }
        return .flat(source.featureCount)
    }
}

/// `data.validation` (and `data.test`, of the same forms): nothing (written 0), a fraction of the examples held out,
/// or another source.
public enum Validation: Sendable, Hashable, Codable {
    case none
    /// In (0, 1); at least one example on each side of the split.
    case fraction(Double)
    /// Another source with the training source's features and classes (never itself a `.source`: a validation or
    /// test source has no shared settings).
    case source(DataSourceSpec)
}

/// Feature scaling, fitted on the training split only (so validation data does not leak into it).
public enum Normalization: String, Sendable, Hashable, Codable, CaseIterable {
    case none
    /// x' = (x - mean) / std per feature (std 0 leaves the feature centred, unscaled).
    case standardize
    /// x' = (x - min) / (max - min) per feature (a constant feature becomes 0).
    case minmax
}

public enum DataSourceSpec: Sendable, Hashable, Codable {
    /// The four corners (±1, ±1), taking turns, plus Gaussian noise; the class is 1 when the two signs differ.
    case xor(samples: Int, noise: Double)
    /// Two interleaved spirals, `samples / 2` points each, `turns` windings, Gaussian noise.
    case spirals(samples: Int, turns: Double, noise: Double)
    /// Inputs `x ~ N(0, 1)` labelled by `argmax(x · W)` of a fixed random teacher `W ~ N(0, 1)` [features, classes].
    case teacher(samples: Int, features: Int, classes: Int)
    /// scikit-learn's make_moons: two interleaving half circles, `samples / 2` points the outer one, Gaussian noise.
    case moons(samples: Int, noise: Double)
    /// scikit-learn's make_circles: an inner circle of radius `factor` inside the unit circle, Gaussian noise.
    case circles(samples: Int, factor: Double, noise: Double)
    /// scikit-learn's make_blobs: `centers` uniform in [-10, 10)^features, points N(center, std²) around them.
    case blobs(samples: Int, centers: Int, features: Int, std: Double)
    /// `bits` random ±1 features; the class is their parity.
    case parity(samples: Int, bits: Int)
    /// x ~ N(0, I), targets tanh(x·W1/√features)·W2/√hidden + noise of a fixed random teacher: regression.
    case teacherRegression(samples: Int, features: Int, hidden: Int, outputs: Int, noise: Double)
    /// x uniform in [low, high), target sin(x) + noise: regression.
    case sine(samples: Int, low: Double, high: Double, noise: Double)
    /// A dataset compiled into Sprout.
    case bundled(BundledData)
    /// A CSV file, checked while validating (`CSVFileCheck`).
    case csv(CSVSource)
    /// A pair of IDX files (images and labels), checked while validating (`IDXFileCheck`).
    case idx(IDXSource)

    /// The number of input features the source produces.
    public var featureCount: Int {
        switch self {
        case .xor, .spirals, .moons, .circles: return 2
        case .teacher(_, let features, _): return features
        case .blobs(_, _, let features, _): return features
        case .parity(_, let bits): return bits
        case .teacherRegression(_, let features, _, _, _): return features
        case .sine: return 1
        case .bundled(let dataset): return dataset.featureCount
        case .csv(let file): return file.featureCount
        case .idx(let file): return file.rows * file.columns
        }
    }

    /// The number of examples.
    public var exampleCount: Int {
        switch self {
        case .xor(let samples, _), .spirals(let samples, _, _): return samples
        case .teacher(let samples, _, _): return samples
        case .moons(let samples, _), .circles(let samples, _, _), .blobs(let samples, _, _, _), .parity(let samples, _):
            return samples
        case .teacherRegression(let samples, _, _, _, _), .sine(let samples, _, _, _): return samples
        case .bundled(let dataset): return dataset.exampleCount
        case .csv(let file): return file.rows
        case .idx(let file): return file.count
        }
    }
}

/// The logging schedule.
public struct LogSpec: Sendable, Hashable, Codable {
    /// Log every N epochs (and always epoch 0 and the last). Defaults in `ExperimentSchema.log`.
    public var every: Int
    /// Write layers.csv.
    public var layers: Bool
    public var checkpoints: CheckpointSpec

    public init(every: Int, layers: Bool, checkpoints: CheckpointSpec) {
        self.every = every
        self.layers = layers
        self.checkpoints = checkpoints
    }
}

/// Which weights are saved.
public struct CheckpointSpec: Sendable, Hashable, Codable {
    public var initial: Bool
    public var final: Bool
    /// epoch-N.safetensors every N epochs; 0: never.
    public var every: Int
    /// resume.safetensors (the whole training state) at the end of the first epoch at least this many seconds after
    /// the last one; 0: every epoch. A stop asked for (SIGINT, SIGTERM) always saves it.
    public var resumeEvery: Double
    /// best.safetensors: which metric it follows.
    public var best: BestCheckpoint

    public init(initial: Bool, final: Bool, every: Int, resumeEvery: Double, best: BestCheckpoint = .auto) {
        self.initial = initial
        self.final = final
        self.every = every
        self.resumeEvery = resumeEvery
        self.best = best
    }

    /// Whether any checkpoint is asked for.
    public var any: Bool { initial || final || every > 0 }
}
