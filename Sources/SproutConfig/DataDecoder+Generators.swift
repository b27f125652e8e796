import SproutDiagnostics
import SproutYAML

/// The seeded generators' parameters (each checked against its range by the schema), and the rule across them
/// (sine's range must not be empty).
extension DataDecoder {
    /// `nil` when `name` is not a generator this file reads; `.some(nil)` when its parameters have an error.
    static func generator(_ name: String, _ p: SectionReader, into diagnostics: DiagnosticCollector) -> DataSourceSpec?? {
        let samples = p.integer("samples")
        switch name {
        case "teacher":
            let features = p.integer("features"), classes = p.integer("classes")
            guard let samples, let features, let classes else { return .some(nil) }
            return .teacher(samples: samples, features: features, classes: classes)
        case "moons":
            let noise = p.number("noise")
            guard let samples, let noise else { return .some(nil) }
            return .moons(samples: samples, noise: noise)
        case "circles":
            let factor = p.number("factor"), noise = p.number("noise")
            guard let samples, let factor, let noise else { return .some(nil) }
            return .circles(samples: samples, factor: factor, noise: noise)
        case "blobs":
            let centers = p.integer("centers"), features = p.integer("features"), std = p.number("std")
            guard let samples, let centers, let features, let std else { return .some(nil) }
            return .blobs(samples: samples, centers: centers, features: features, std: std)
        case "parity":
            let bits = p.integer("bits")
            guard let samples, let bits else { return .some(nil) }
            return .parity(samples: samples, bits: bits)
        case "teacher_regression":
            let features = p.integer("features"), hidden = p.integer("hidden"), outputs = p.integer("outputs")
            let noise = p.number("noise")
            guard let samples, let features, let hidden, let outputs, let noise else { return .some(nil) }
            return .teacherRegression(samples: samples, features: features, hidden: hidden, outputs: outputs,
                                      noise: noise)
        case "sine":
            let low = p.number("low"), high = p.number("high"), noise = p.number("noise")
            guard let samples, let low, let high, let noise else { return .some(nil) }
            guard high > low else {
                diagnostics.report(.emptyRange, "sine's 'high' (\(ResolvedConfig.number(high))) must be greater than 'low' (\(ResolvedConfig.number(low)))",
                                   at: (p["high"] ?? p["low"] ?? p.node).location,
                                   help: ["x is drawn uniformly from [low, high)"])
                return .some(nil)
            }
            return .sine(samples: samples, low: low, high: high, noise: noise)
        default:
            return nil
        }
    }
}
