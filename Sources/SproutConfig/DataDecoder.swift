import SproutDiagnostics
import SproutYAML

/// Reads `data:`: the `source`, that source's parameters beside it, and the split, scaling and shuffling.
enum DataDecoder {
    static func decode(_ node: Node, into diagnostics: DiagnosticCollector) -> DataSpec? {
        guard let data = UnionReader(node, ExperimentSchema.data, what: "data", into: diagnostics),
              let p = data.parameters else { return nil }
        let source = self.source(data, p, into: diagnostics)
        let validation = decodeValidation(p, into: diagnostics)
        let normalize = p.choice("normalize", as: Normalization.self)
        let shuffle = p.boolean("shuffle")
        guard let source, let validation, let normalize, let shuffle else { return nil }
        guard check(validation, of: source, p, into: diagnostics) else { return nil }
        return DataSpec(source: source, validation: validation, normalize: normalize, shuffle: shuffle)
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

    /// `validation`: a fraction (0 meaning none), or a mapping naming another source.
    static func decodeValidation(_ p: SectionReader, into diagnostics: DiagnosticCollector) -> Validation? {
        guard let node = p["validation"], node.mappingEntries != nil else {
            return p.number("validation").map { $0 == 0 ? .none : .fraction($0) }
        }
        guard let other = UnionReader(node, ExperimentSchema.validationSource, what: "data.validation", into: diagnostics),
              let q = other.parameters else { return nil }
        return source(other, q, into: diagnostics).map { .source($0) }
    }

    /// A fraction must leave an example on each side of the split; a validation source must have the training
    /// source's features and classes (the network's input and output widths are the training source's).
    static func check(_ validation: Validation, of source: DataSourceSpec, _ p: SectionReader,
                      into diagnostics: DiagnosticCollector) -> Bool {
        guard let node = p["validation"] else { return true }
        switch validation {
        case .none:
            return true
        case .fraction(let fraction):
            // Both parts must keep at least one example (the split rounds to the nearest whole example).
            let held = Int((fraction * Double(source.exampleCount)).rounded())
            guard held == 0 || held == source.exampleCount else { return true }
            diagnostics.report(.emptySplit,
                "validation \(node.scalar?.text ?? "") of \(source.exampleCount) examples leaves "
                    + (held == 0 ? "no example to validate on" : "no example to train on"),
                at: node.location, help: ["use a fraction that holds out at least one example and keeps one"])
            return false
        case .source(let other):
            // A generator would draw from the same seeded stream as the training data and give the very same
            // points: validation on copies of the training set. Only files make a second source.
            switch other {
            case .xor, .spirals, .teacher, .moons, .circles, .blobs, .parity, .teacherRegression, .sine, .bundled:
                diagnostics.report(.validationNotFile, "the validation source '\(other.name)' is not a file: generated or bundled data "
                                   + "would repeat the training examples", at: node.location,
                                   help: ["hold out a fraction instead (validation: 0.2), or validate on a csv or idx file"])
                return false
            case .csv, .idx:
                break
            }
            var fits = true
            if other.featureCount != source.featureCount {
                diagnostics.report(.validationMismatch, "the validation source gives \(other.featureCount) features, but the training source gives \(source.featureCount)",
                                   at: node.location, help: ["validate on data with the same columns as the training data"])
                fits = false
            }
            if other.targetClasses != source.targetClasses {
                diagnostics.report(.validationMismatch, "the validation source gives \(targets(other)), but the training source gives \(targets(source))",
                                   at: node.location, help: ["validate on data with the same targets as the training data"])
                fits = false
            } else if classNames(other) != classNames(source) {
                // Class i is the i-th name in sorted order: other names would give one index two meanings.
                diagnostics.report(.validationMismatch, "the validation source's classes are named \(names(other)), but the training source's \(names(source))",
                                   at: node.location,
                                   help: ["validate on data with the same class names, so that each class index means the same class"])
                fits = false
            }
            return fits
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
