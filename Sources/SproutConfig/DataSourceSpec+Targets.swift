/// What the loss rules need to know about a data source's targets.
extension DataSourceSpec {
    /// The name in the language (`data.source`).
    public var name: String {
        switch self {
        case .xor: return "xor"
        case .spirals: return "spirals"
        case .teacher: return "teacher"
        case .moons: return "moons"
        case .circles: return "circles"
        case .blobs: return "blobs"
        case .parity: return "parity"
        case .teacherRegression: return "teacher_regression"
        case .sine: return "sine"
        case .bundled(let dataset): return dataset.rawValue
        case .csv: return "csv"
        case .idx: return "idx"
        }
    }

    /// The number of classes when the targets are class labels; `nil` when they are regression targets (real
    /// numbers): teacher_regression, sine, or a CSV file whose target column holds numbers that are not all whole
    /// numbers from 0 to 999.
    public var targetClasses: Int? {
        switch self {
        case .xor, .spirals, .moons, .circles, .parity: return 2
        case .teacher(_, _, let classes): return classes
        case .blobs(_, let centers, _, _): return centers
        case .teacherRegression, .sine: return nil
        case .bundled(let dataset): return dataset.classCount
        case .csv(let file): return file.classes
        case .idx(let file): return file.classes
        }
    }

    /// Targets per example when they are regression targets: the output width mse, mae and huber need; `nil` for
    /// class labels. A csv file has one target column.
    public var regressionOutputs: Int? {
        guard targetClasses == nil else { return nil }
        switch self {
        case .teacherRegression(_, _, _, let outputs, _): return outputs
        case .xor, .spirals, .teacher, .moons, .circles, .blobs, .parity, .sine, .bundled, .idx, .csv: return 1
        }
    }
}
