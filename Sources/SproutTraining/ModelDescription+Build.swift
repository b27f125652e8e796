import SproutConfig
import SproutData
import SproutDataFiles
import SproutNN
import SproutRuns

/// model.json's contents from what a run trains: the config, the network built from it, the training data and the
/// scaling fitted on it (docs/runs.md, "model.json").
extension ModelDescription {
    static func of(_ spec: ExperimentSpec, network: Network, data: Dataset, scaling: FeatureScaling?) throws -> ModelDescription {
        let width = network.inputWidth
        let shift = scaling?.shift ?? [Double](repeating: 0, count: width)
        let scale = scaling?.scale ?? [Double](repeating: 1, count: width)
        return ModelDescription(
            sproutVersion: SproutVersion.current, name: spec.runPath,
            input: try input(spec.data.source, featureCount: width),
            scaling: Scaling(kind: spec.data.normalize.rawValue, shift: shift, scale: scale),
            target: target(spec.data.source, data: data),
            output: Output(loss: spec.train.loss.name, transform: transform(spec.train.loss), delta: huberDelta(spec.train.loss)),
            network: graph(spec.model, network: network))
    }

    static func input(_ source: DataSourceSpec, featureCount: Int) throws -> Input {
        switch source {
        case .csv(let file):
            let header = try csvHeader(file)
            let features = file.features ?? header.filter { $0 != file.target }
            return Input(kind: "csv", source: source.name, features: features,
                         otherColumns: header.filter { !features.contains($0) },
                         delimiter: String(decoding: [file.delimiter], as: UTF8.self))
        case .bundled(let dataset):
            let columns = BundledDataset(rawValue: dataset.rawValue)?.columnNames ?? []
            guard columns.count == featureCount + 1 else { return generated(source, featureCount) }
            return Input(kind: "bundled", source: source.name, features: Array(columns.dropLast()),
                         otherColumns: columns.suffix(1))
        case .idx(let file):
            let names = (0..<file.rows).flatMap { r in (0..<file.columns).map { c in "pixel_\(r)_\(c)" } }
            return Input(kind: "idx", source: source.name, features: names, otherColumns: [],
                         image: Image(rows: file.rows, columns: file.columns, scale: file.scale))
        case .xor, .spirals, .teacher, .moons, .circles, .blobs, .parity, .teacherRegression, .sine:
            return generated(source, featureCount)
        }
    }

    static func generated(_ source: DataSourceSpec, _ count: Int) -> Input {
        Input(kind: "generated", source: source.name, features: (1...max(count, 1)).map { "x\($0)" }, otherColumns: [])
    }

    /// The training file's header, its first record.
    static func csvHeader(_ file: CSVSource) throws -> [String] {
        var record = CSVRecord()
        do {
            let stream = try CSVStream(path: file.path, delimiter: file.delimiter)
            guard try stream.next(into: &record) else { throw RunError.cannotRead(path: file.path, reason: "it is empty") }
        } catch let failure as CSVStream.Failure {
            throw RunError.cannotRead(path: file.path, reason: failure.line.map { "line \($0) \(failure.reason)" } ?? failure.reason)
        }
        return (0..<record.count).map(record.text)
    }

    static func target(_ source: DataSourceSpec, data: Dataset) -> Target {
        let column: String
        switch source {
        case .csv(let file): column = file.target
        case .idx: column = "label"
        default: column = "target"
        }
        if data.isRegression { return Target(kind: "regression", column: column, width: data.targetWidth) }
        return Target(kind: "classes", column: column,
                      classes: data.classNames ?? (0..<data.classCount).map(String.init))
    }

    static func huberDelta(_ loss: LossKind) -> Double? {
        if case .huber(let delta) = loss { return delta }
        return nil
    }

    static func transform(_ loss: LossKind) -> String {
        switch loss {
        case .crossEntropy: return "softmax"
        case .binaryCrossEntropy: return "sigmoid"
        case .mse, .mae, .huber: return "identity"
        }
    }
}
