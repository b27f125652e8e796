import SproutDiagnostics
import SproutYAML

/// Reads `data:`: the `source`, that source's parameters beside it, and the split, scaling and shuffling.
enum DataDecoder {
    static func decode(_ node: Node, into diagnostics: DiagnosticCollector) -> DataSpec? {
        guard let data = UnionReader(node, ExperimentSchema.data, what: "data", into: diagnostics),
              let p = data.parameters else { return nil }
        let source: DataSourceSpec?
        switch data.variant.name {
        case "xor":
            source = p.integer("samples").flatMap { samples in p.number("noise").map { .xor(samples: samples, noise: $0) } }
        case "spirals":
            let samples = p.integer("samples"), turns = p.number("turns"), noise = p.number("noise")
            if let samples, let turns, let noise {
                source = .spirals(samples: samples, turns: turns, noise: noise)
            } else {
                source = nil
            }
        case "digits":
            source = .digits
        default:
            source = data.unhandled()
        }
        let validation = p.number("validation")
        let normalize = p.choice("normalize", as: Normalization.self)
        let shuffle = p.boolean("shuffle")
        guard let source, let validation, let normalize, let shuffle else { return nil }
        // Both parts must keep at least one example (the split rounds to the nearest whole example).
        let held = Int((validation * Double(source.exampleCount)).rounded())
        if validation > 0, held == 0 || held == source.exampleCount, let node = p["validation"] {
            diagnostics.error(
                "validation \(node.scalar?.text ?? "") of \(source.exampleCount) examples leaves "
                    + (held == 0 ? "no example to validate on" : "no example to train on"),
                at: node.location, help: ["use a fraction that holds out at least one example and keeps one"])
            return nil
        }
        return DataSpec(source: source, validation: validation, normalize: normalize, shuffle: shuffle)
    }
}
