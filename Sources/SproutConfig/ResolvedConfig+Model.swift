/// The `model:` section of a resolved config: output, model-wide initializers, and each layer with its own
/// resolved initializers.
extension ResolvedConfig {
    static func modelLines(_ model: ModelSpec) -> [String] {
        var lines = ["  output: \(name(model.output))", "  init:",
                     "    weight: \(initializer(model.weightInit))", "    bias: \(initializer(model.biasInit))",
                     "  layers:"]
        for (index, node) in model.nodes.enumerated() {
            lines.append("    - " + layer(node, first: index == 0, model: model))
        }
        return lines
    }

    static func layer(_ node: LayerSpec, first: Bool, model: ModelSpec) -> String {
        var parts = ["name: \(name(node.name))", "type: \(node.kind.typeName)"]
        // The first node's empty inputs mean "the data"; every other node's inputs are written out.
        if !(first && node.inputs.isEmpty) {
            parts.append("inputs: [" + node.inputs.map(name).joined(separator: ", ") + "]")
        }
        if case .dense(let units, let bias) = node.kind {
            parts += ["units: \(units)", "bias: \(bias)",
                      "weight_init: \(initializer(node.weightInit ?? model.weightInit))"]
            if bias { parts.append("bias_init: \(initializer(node.biasInit ?? model.biasInit))") }
        }
        return "{" + parts.joined(separator: ", ") + "}"
    }

    /// Canonical name and every parameter: `{type: kaiming_normal, mode: fan_in, nonlinearity: relu, negative_slope: 0.0}`.
    public static func initializer(_ spec: InitializerSpec) -> String {
        switch spec {
        case .zeros, .ones, .lecunUniform, .lecunNormal: return spec.canonicalName
        case .constant(let value): return "{type: constant, value: \(number(value))}"
        case .uniform(let low, let high): return "{type: uniform, low: \(number(low)), high: \(number(high))}"
        case .normal(let mean, let std): return "{type: normal, mean: \(number(mean)), std: \(number(std))}"
        case .xavierUniform(let gain), .xavierNormal(let gain):
            return "{type: \(spec.canonicalName), gain: \(number(gain))}"
        case .kaimingUniform(let mode, let nonlinearity, let slope), .kaimingNormal(let mode, let nonlinearity, let slope):
            var text = "{type: \(spec.canonicalName), mode: \(mode.rawValue), nonlinearity: \(nonlinearity.rawValue)"
            if nonlinearity == .leakyRelu { text += ", negative_slope: \(number(slope))" }
            return text + "}"
        }
    }
}
