import SproutDiagnostics
import SproutShapes
import SproutYAML

/// Reads `data:`: the `source`, that source's parameters beside it, and the split, scaling and shuffling (the
/// validation and test data's rules: `DataDecoder+HeldOut`).
enum DataDecoder {
    static func decode(_ node: Node, into diagnostics: DiagnosticCollector) -> DataSpec? {
        guard let data = UnionReader(node, ExperimentSchema.data, what: "data", into: diagnostics),
              let p = data.parameters else { return nil }
        let source = self.source(data, p, into: diagnostics)
        let validation = heldOut(.validation, p, into: diagnostics)
        let test = heldOut(.test, p, into: diagnostics)
        let normalize = p.choice("normalize", as: Normalization.self)
        let shuffle = p.boolean("shuffle")
        guard let source, let validation, let test, let normalize, let shuffle else { return nil }
        // Every rule runs, so that every mistake of the section is reported at once.
        let checks = [check(validation, as: .validation, of: source, p, into: diagnostics),
                      check(test, as: .test, of: source, p, into: diagnostics),
                      checkFractions(validation: validation, test: test, of: source, p, into: diagnostics)]
        let shape = p["shape"].map { self.shape($0, of: source, into: diagnostics) }
        guard !checks.contains(false), shape != .some(nil) else { return nil }
        var spec = DataSpec(source: source, validation: validation, test: test, normalize: normalize, shuffle: shuffle)
        // A written shape that is the source's own (flat [features], an idx file's [1, rows, columns]) is no shape:
        // one experiment, one spec, however it is written (a resolved config writes an idx file's shape out).
        if let written = shape ?? nil, written != spec.exampleShape { spec.shape = written }
        return spec
    }

    /// `data.shape`: `[features]` or `[channels, height, width]`, whose product is the source's number of features.
    static func shape(_ node: Node, of source: DataSourceSpec, into diagnostics: DiagnosticCollector) -> FeatureShape? {
        guard let items = node.sequenceItems else {
            diagnostics.report(.typeMismatch, "'shape' must be a list, [features] or [channels, height, width], found \(node.kindDescription)",
                               at: node.location)
            return nil
        }
        let dimensions = items.compactMap { diagnostics.integer($0, "shape", in: 1...Int(Int32.max)) }
        guard dimensions.count == items.count else { return nil }
        let features = source.featureCount
        let product = dimensions.reduce(1.0) { $0 * Double($1) }
        guard let shape = FeatureShape(dimensions: dimensions), product == Double(features) else {
            let written = "[" + dimensions.map(String.init).joined(separator: ", ") + "]"
            let problem = dimensions.count == 1 || dimensions.count == 3
                ? "holds \(ResourceRules.count(product)) values" : "has \(dimensions.count) dimensions"
            diagnostics.report(.dataShapeMismatch,
                               "data.shape \(written) \(problem), but each example of '\(source.name)' has \(features) features",
                               at: node.location,
                               help: ["write [\(features)] for flat features, or [channels, height, width] whose product is \(features)"
                                      + Self.imageHint(features)])
            return nil
        }
        return shape
    }

    /// `(for example [1, 8, 8])` when the features make a square single-channel image.
    static func imageHint(_ features: Int) -> String {
        let side = Int(Double(features).squareRoot().rounded())
        return side > 1 && side * side == features ? " (for example [1, \(side), \(side)])" : ""
    }

    /// The source named by the union's tag, with its parameters from `p`.
    static func source(_ data: UnionReader, _ p: SectionReader, into diagnostics: DiagnosticCollector) -> DataSourceSpec? {
        switch data.variant.name {
        case "xor":
            return p.integer("samples").flatMap { samples in p.number("noise").map { .xor(samples: samples, noise: $0) } }
        case "spirals":
            let samples = p.integer("samples"), turns = p.number("turns"), noise = p.number("noise")
            guard let samples, let turns, let noise else { return nil }
            return .spirals(samples: samples, turns: turns, noise: noise)
        case "teacher", "moons", "circles", "blobs", "parity", "teacher_regression", "sine":
            return generator(data.variant.name, p, into: diagnostics) ?? nil
        case "csv":
            return DataFileRules.csv(p, at: data.node, into: diagnostics)
        case "idx":
            return DataFileRules.idx(p, at: data.node, into: diagnostics)
        case let name:
            // digits, iris, wine, breast_cancer: no parameters.
            if let dataset = BundledData(rawValue: name) { return .bundled(dataset) }
            return data.unhandled()
        }
    }

    /// The class names of a csv source whose target column holds text; `nil` otherwise.
    static func classNames(_ source: DataSourceSpec) -> [String]? {
        if case .csv(let file) = source { return file.classNames }
        return nil
    }

    /// "a, b, c" (at most 10 shown), or "by number" when the classes are numbered in the file.
    static func names(_ source: DataSourceSpec) -> String {
        guard let names = classNames(source) else { return "by number" }
        let shown = names.prefix(10).map { "'\(Suggestions.display($0))'" }.joined(separator: ", ")
        return shown + (names.count > 10 ? ", … (\(names.count))" : "")
    }

    /// "10 classes", "regression targets".
    static func targets(_ source: DataSourceSpec) -> String {
        source.targetClasses.map { "\($0) class" + ($0 == 1 ? "" : "es") } ?? "regression targets"
    }
}
