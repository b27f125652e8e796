/// Writes an `ExperimentSpec` back as YAML with every default filled in: what `sprout show` prints and what a run
/// directory's config.yaml will hold. The text is a config Sprout accepts and that describes the same experiment
/// (reading it back and writing it again gives the same text).
///
/// Every layer is written as a flow mapping with its name, its inputs (except the first node's, which reads the
/// data), and for dense layers its own resolved initializers. Strings are double-quoted with JSON escapes, which
/// YAML reads the same way; numbers use Swift's shortest round-trip form, which the YAML 1.2 core schema reads back
/// to the same Double.
public enum ResolvedConfig {
    public static func yaml(_ spec: ExperimentSpec) -> String {
        var lines: [String] = []
        lines.append("name: \(name(spec.name))")
        if !spec.description.isEmpty { lines.append("description: \(quote(spec.description))") }
        lines.append("seed: \(spec.seed)")
        lines.append("data:")
        switch spec.data.source {
        case .xor(let samples, let noise):
            lines += ["  source: xor", "  samples: \(samples)", "  noise: \(number(noise))"]
        }
        lines.append("model:")
        lines.append("  output: \(name(spec.model.output))")
        lines.append("  init:")
        lines.append("    weight: \(initializer(spec.model.weightInit))")
        lines.append("    bias: \(initializer(spec.model.biasInit))")
        lines.append("  layers:")
        for (index, node) in spec.model.nodes.enumerated() {
            lines.append("    - " + layer(node, first: index == 0, model: spec.model))
        }
        lines.append("train:")
        lines.append("  loss: \(spec.train.loss.rawValue)")
        switch spec.train.optimizer {
        case .sgd(let lr, let momentum, let nesterov, let weightDecay):
            lines.append("  optimizer: {type: sgd, lr: \(number(lr)), momentum: \(number(momentum)), "
                         + "nesterov: \(nesterov), weight_decay: \(number(weightDecay))}")
        }
        lines.append("  epochs: \(spec.train.epochs)")
        lines.append("  batch_size: \(spec.train.batchSize)")
        lines.append("log:")
        lines.append("  every: \(spec.log.every)")
        return lines.joined(separator: "\n") + "\n"
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

    /// Shortest round-trip form; always with a `.` or an exponent so it reads back as a float.
    static func number(_ value: Double) -> String { "\(value)" }

    /// A name as a plain scalar when the core schema reads it back as the same string (a letter first, then
    /// letters, digits, `_`, `-`; not true, false or null), else double-quoted.
    static func name(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        func isLetter(_ c: Unicode.Scalar) -> Bool { ("a"..."z").contains(c) || ("A"..."Z").contains(c) }
        let plain = scalars.first.map(isLetter) == true
            && scalars.allSatisfy { isLetter($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" }
            && !["true", "false", "null"].contains(text.lowercased())
        return plain ? text : quote(text)
    }

    /// A double-quoted YAML string (JSON escapes are YAML escapes).
    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                out += "\\x" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
