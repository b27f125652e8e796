import SproutDiagnostics
import SproutYAML

/// Reads an initializer: a bare word (`xavier_uniform`, `he_normal`) or a mapping with `type` and the scheme's
/// parameters (`{type: normal, std: 0.01}`). A parameter that does not belong to the scheme is an error, never
/// ignored (Caffe accepts a constant filler with `std: 2`; we reject it).
enum InitializerDecoder {
    /// The parameters each scheme takes, by the names users write. Aliases share their scheme's entry.
    static let parameters: [String: [String]] = [
        "zeros": [], "ones": [], "constant": ["value"],
        "uniform": ["low", "high"], "normal": ["mean", "std"],
        "xavier_uniform": ["gain"], "xavier_normal": ["gain"],
        "kaiming_uniform": ["mode", "nonlinearity", "negative_slope"],
        "kaiming_normal": ["mode", "nonlinearity", "negative_slope"],
        "he_uniform": [], "he_normal": [], "lecun_uniform": [], "lecun_normal": [],
        "glorot_uniform": ["gain"], "glorot_normal": ["gain"],
    ]

    static let names = ["zeros", "ones", "constant", "uniform", "normal", "xavier_uniform", "xavier_normal",
                        "kaiming_uniform", "kaiming_normal", "lecun_uniform", "lecun_normal",
                        "glorot_uniform", "glorot_normal", "he_uniform", "he_normal"]

    static func decode(_ node: Node, _ what: String, into diagnostics: DiagnosticCollector) -> InitializerSpec? {
        let typeNode: Node
        var fields: Fields?
        if node.mappingEntries != nil {
            let allKeys = ["type"] + Set(parameters.values.joined()).sorted()
            guard let f = Fields(node, section: what, allowed: allKeys, into: diagnostics),
                  let t = f.required("type", section: what, into: diagnostics) else { return nil }
            typeNode = t
            fields = f
        } else {
            typeNode = node
        }
        guard let type = diagnostics.string(typeNode, what) else { return nil }
        guard let allowed = parameters[type] else {
            diagnostics.error("unknown initializer '\(Suggestions.display(type))'", at: typeNode.location,
                              help: [Suggestions.help(for: type, among: names, kind: "initializers")])
            return nil
        }
        // Parameters that exist for some scheme but not this one (a constant with `std`).
        for entry in fields?.entries ?? [] where entry.key.text != "type" && !allowed.contains(entry.key.text)
            && parameters.values.contains(where: { $0.contains(entry.key.text) }) {
            let takes = allowed.isEmpty ? "takes no parameters" : "takes " + allowed.map { "'\($0)'" }.joined(separator: ", ")
            diagnostics.error("initializer '\(type)' has no parameter '\(entry.key.text)'", at: entry.keyLocation,
                              help: ["\(type) \(takes)"])
        }
        func number(_ key: String, default value: Double, _ rule: NumberRule = .any) -> Double? {
            guard let n = fields?[key] else { return value }
            return diagnostics.number(n, key, rule)
        }
        switch type {
        case "zeros": return .zeros
        case "ones": return .ones
        case "constant":
            guard let f = fields, let v = f.required("value", section: "initializer 'constant'", into: diagnostics)
            else {
                if fields == nil {
                    diagnostics.error("initializer 'constant' needs a value", at: node.location,
                                      help: ["write {type: constant, value: 0.5}"])
                }
                return nil
            }
            return diagnostics.number(v, "value").map { .constant(value: $0) }
        case "uniform":
            // PyTorch's uniform_ defaults: U(0, 1).
            guard let low = number("low", default: 0), let high = number("high", default: 1) else { return nil }
            guard high - low <= Double(Float.greatestFiniteMagnitude) else {
                diagnostics.error("uniform's range high - low is too wide for float32", at: fields?["high"]?.location ?? node.location)
                return nil
            }
            guard low < high else {
                diagnostics.error("uniform needs low < high, found low \(low) and high \(high)",
                                  at: fields?["high"]?.location ?? node.location)
                return nil
            }
            return .uniform(low: low, high: high)
        case "normal":
            // PyTorch's normal_ defaults: N(0, 1).
            guard let mean = number("mean", default: 0), let std = number("std", default: 1, .nonNegative)
            else { return nil }
            return .normal(mean: mean, std: std)
        case "xavier_uniform", "glorot_uniform":
            return number("gain", default: 1, .positive).map { .xavierUniform(gain: $0) }
        case "xavier_normal", "glorot_normal":
            return number("gain", default: 1, .positive).map { .xavierNormal(gain: $0) }
        case "kaiming_uniform", "kaiming_normal":
            // PyTorch's defaults: mode fan_in, nonlinearity leaky_relu, a = 0 (a gain of sqrt(2)).
            let mode = fields?["mode"].map { diagnostics.choice($0, "mode", as: FanModeSpec.self) } ?? .fanIn
            let nonlinearity = fields?["nonlinearity"].map {
                diagnostics.choice($0, "nonlinearity", as: NonlinearitySpec.self)
            } ?? .leakyRelu
            guard let mode, let nonlinearity, let slope = number("negative_slope", default: 0, .nonNegative)
            else { return nil }
            if nonlinearity != .leakyRelu, let slopeNode = fields?["negative_slope"] {
                diagnostics.error("'negative_slope' only applies to nonlinearity leaky_relu, not \(nonlinearity.rawValue)",
                                  at: slopeNode.location, help: ["remove it, or set nonlinearity: leaky_relu"])
                return nil
            }
            return type == "kaiming_uniform"
                ? .kaimingUniform(mode: mode, nonlinearity: nonlinearity, negativeSlope: slope)
                : .kaimingNormal(mode: mode, nonlinearity: nonlinearity, negativeSlope: slope)
        case "he_uniform": return .kaimingUniform(mode: .fanIn, nonlinearity: .relu, negativeSlope: 0)
        case "he_normal": return .kaimingNormal(mode: .fanIn, nonlinearity: .relu, negativeSlope: 0)
        case "lecun_uniform": return .lecunUniform
        case "lecun_normal": return .lecunNormal
        default: return nil
        }
    }
}
