import SproutDiagnostics
import SproutYAML

/// Reads an initializer: a bare word (`xavier_uniform`, `he_normal`) or a mapping with `type` and the scheme's
/// parameters (`{type: normal, std: 0.01}`). A parameter that does not belong to the scheme is an error, never
/// ignored (Caffe accepts a constant filler with `std: 2`; we reject it). A random scheme may carry its own
/// `seed` (the schema lists it on those schemes only), which wraps it in `.seeded`.
enum InitializerDecoder {
    static func decode(_ node: Node, _ what: String, into diagnostics: DiagnosticCollector) -> InitializerSpec? {
        guard let initializer = UnionReader(node, ExperimentSchema.initializer, what: what, into: diagnostics),
              let p = initializer.parameters else { return nil }
        let scheme = decodeScheme(initializer, p, node, into: diagnostics)
        guard p["seed"] != nil else { return scheme }
        guard let seed = p.integer("seed"), let scheme else { return nil }
        return .seeded(scheme, seed: UInt64(seed))
    }

    static func decodeScheme(_ initializer: UnionReader, _ p: SectionReader, _ node: Node,
                             into diagnostics: DiagnosticCollector) -> InitializerSpec? {
        switch initializer.variant.name {
        case "zeros": return .zeros
        case "ones": return .ones
        case "constant": return p.number("value").map { .constant(value: $0) }
        case "uniform":
            guard let low = p.number("low"), let high = p.number("high") else { return nil }
            guard high - low <= Double(Float.greatestFiniteMagnitude) else {
                diagnostics.report(.outOfRange, "uniform's range high - low is too wide for float32", at: p["high"]?.location ?? node.location)
                return nil
            }
            guard low < high else {
                diagnostics.report(.emptyRange, "uniform needs low < high, found low \(low) and high \(high)",
                                   at: p["high"]?.location ?? node.location)
                return nil
            }
            return .uniform(low: low, high: high)
        case "normal":
            guard let mean = p.number("mean"), let std = p.number("std") else { return nil }
            return .normal(mean: mean, std: std)
        case "xavier_uniform": return p.number("gain").map { .xavierUniform(gain: $0) }
        case "xavier_normal": return p.number("gain").map { .xavierNormal(gain: $0) }
        case "kaiming_uniform", "kaiming_normal":
            let mode = p.choice("mode", as: FanModeSpec.self)
            let nonlinearity = p.choice("nonlinearity", as: NonlinearitySpec.self)
            guard let mode, let nonlinearity, let slope = p.number("negative_slope") else { return nil }
            if nonlinearity != .leakyRelu, let slopeNode = p["negative_slope"] {
                diagnostics.report(.inapplicableSetting, "'negative_slope' only applies to nonlinearity leaky_relu, not \(nonlinearity.rawValue)",
                                   at: slopeNode.location, help: ["remove it, or set nonlinearity: leaky_relu"])
                return nil
            }
            return initializer.variant.name == "kaiming_uniform"
                ? .kaimingUniform(mode: mode, nonlinearity: nonlinearity, negativeSlope: slope)
                : .kaimingNormal(mode: mode, nonlinearity: nonlinearity, negativeSlope: slope)
        case "he_uniform": return .kaimingUniform(mode: .fanIn, nonlinearity: .relu, negativeSlope: 0)
        case "he_normal": return .kaimingNormal(mode: .fanIn, nonlinearity: .relu, negativeSlope: 0)
        case "lecun_uniform": return .lecunUniform
        case "lecun_normal": return .lecunNormal
        case "truncated_normal":
            guard let mean = p.number("mean"), let std = p.number("std"), let a = p.number("a"), let b = p.number("b")
            else { return nil }
            guard a < b else {
                diagnostics.report(.emptyRange, "truncated_normal needs a < b, found a \(a) and b \(b)",
                                   at: p["b"]?.location ?? p["a"]?.location ?? node.location,
                                   help: ["a and b are absolute bounds (PyTorch's trunc_normal_), not multiples of std"])
                return nil
            }
            return .truncatedNormal(mean: mean, std: std, a: a, b: b)
        case "orthogonal": return p.number("gain").map { .orthogonal(gain: $0) }
        case "identity": return p.number("gain").map { .identity(gain: $0) }
        case "dirac": return .dirac
        case "sparse":
            guard let sparsity = p.number("sparsity"), let std = p.number("std") else { return nil }
            return .sparse(sparsity: sparsity, std: std)
        case "variance_scaling":
            let mode = p.choice("mode", as: VarianceModeSpec.self)
            let distribution = p.choice("distribution", as: VarianceDistributionSpec.self)
            guard let scale = p.number("scale"), let mode, let distribution else { return nil }
            return .varianceScaling(scale: scale, mode: mode, distribution: distribution)
        case "safetensors": return SafetensorsRules.decode(p, at: node, into: diagnostics)
        default: return initializer.unhandled()
        }
    }
}
