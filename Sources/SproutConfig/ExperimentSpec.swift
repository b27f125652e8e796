/// A whole experiment, decoded and checked: what `sprout run` trains. Every default is already filled in.
public struct ExperimentSpec: Sendable, Hashable {
    /// The run's name, also its directory under runs/. Default: the config file's stem.
    public var name: String
    public var description: String
    /// The one seed from which every random stream (initialization, data, shuffling) is derived.
    public var seed: UInt64
    public var data: DataSpec
    public var model: ModelSpec
    public var train: TrainSpec
    public var log: LogSpec
}

/// Where the examples come from. Later issues add bundled datasets, CSV and IDX files.
public struct DataSpec: Sendable, Hashable {
    public var source: DataSourceSpec
}

public enum DataSourceSpec: Sendable, Hashable {
    /// The four corners (±1, ±1), each with the same number of points plus Gaussian noise; the class is 1 when the
    /// two signs differ. Inputs: 2 features; classes: 2.
    case xor(samples: Int, noise: Double)

    /// The number of input features the source produces.
    public var featureCount: Int {
        switch self {
        case .xor: return 2
        }
    }

    /// The number of classes for classification sources.
    public var classCount: Int {
        switch self {
        case .xor: return 2
        }
    }
}

/// The logging schedule.
public struct LogSpec: Sendable, Hashable {
    /// Log every N epochs (and always epoch 0 and the last). Default in `ExperimentSchema.log`.
    public var every: Int
}
