/// The `model:` section of a resolved config: output, model-wide initializers and rules, and each node with every
/// parameter written out.
///
/// Repeat blocks are kept as blocks (their expanded names hold '.', which a written name may not): the body is
/// written once, with local names, its inputs only where the config wrote them, and a dense node's own
/// initializers only where it had them, so the rules and model.init still decide the others exactly as before.
/// Top-level dense nodes get their resolved initializers (own, else rule, else model-wide), which changes nothing
/// on a second reading: an own initializer comes first.
extension ResolvedConfig {
    static func modelLines(_ model: ModelSpec) -> [String] {
        var lines = ["  input_width: \(model.inputWidth)", "  output: \(name(model.output))", "  init:",
                     "    weight: \(initializer(model.weightInit))", "    bias: \(initializer(model.biasInit))"]
        if !model.rules.isEmpty {
            lines.append("    rules:")
            for rule in model.rules {
                var parts = ["match: \(quote(rule.pattern))"]
                if let weight = rule.weight { parts.append("weight: \(initializer(weight))") }
                if let bias = rule.bias { parts.append("bias: \(initializer(bias))") }
                lines.append("      - {" + parts.joined(separator: ", ") + "}")
            }
        }
        lines.append("  layers:")
        var index = 0
        while index < model.nodes.count {
            if let block = model.blocks.first(where: { $0.start == index }), !block.body.isEmpty {
                lines += ["    - repeat: \(block.count)", "      name: \(name(block.name))", "      layers:"]
                for node in block.body {
                    lines.append("        - " + layer(node, writeInputs: !node.inputs.isEmpty, resolvedInits: false,
                                                      model: model))
                }
                index += block.count * block.body.count
                continue
            }
            let node = model.nodes[index]
            // The first node's empty inputs mean "the data"; every other node's inputs are written out.
            lines.append("    - " + layer(node, writeInputs: !(index == 0 && node.inputs.isEmpty), resolvedInits: true,
                                          model: model))
            index += 1
        }
        return lines
    }

    static func layer(_ node: LayerSpec, writeInputs: Bool, resolvedInits: Bool, model: ModelSpec) -> String {
        var parts = ["name: \(name(node.name))", "type: \(node.kind.typeName)"]
        if writeInputs { parts.append("inputs: [" + node.inputs.map(name).joined(separator: ", ") + "]") }
        /// A dense or conv2d layer's initializers: resolved (own, else rule, else model-wide) or its own only.
        func initializers(bias: Bool) {
            if let weight = resolvedInits ? model.weightInit(for: node) : node.weightInit {
                parts.append("weight_init: \(initializer(weight))")
            }
            if bias, let biasInit = resolvedInits ? model.biasInit(for: node) : node.biasInit {
                parts.append("bias_init: \(initializer(biasInit))")
            }
        }
        switch node.kind {
        case .dense(let units, let bias):
            parts += ["units: \(units)", "bias: \(bias)"]
            initializers(bias: bias)
        case .conv2d(let c):
            parts += ["filters: \(c.filters)", "kernel_size: \(c.kernel.text)", "stride: \(c.stride.text)",
                      "padding: \(c.padding.text)", "dilation: \(c.dilation.text)", "groups: \(c.groups)", "bias: \(c.bias)"]
            initializers(bias: c.bias)
        case .maxPool2d(let pool):
            parts += ["kernel_size: \(pool.kernel.text)", "stride: \(pool.stride.text)", "padding: \(pool.padding.text)",
                      "dilation: \(pool.dilation.text)"]
        case .avgPool2d(let pool, let countIncludePad):
            parts += ["kernel_size: \(pool.kernel.text)", "stride: \(pool.stride.text)", "padding: \(pool.padding.text)",
                      "count_include_pad: \(countIncludePad)"]
        case .leakyRelu(let slope): parts.append("negative_slope: \(number(slope))")
        case .elu(let alpha): parts.append("alpha: \(number(alpha))")
        case .gelu(let approximate): parts.append("approximate: \(approximate.rawValue)")
        case .softplus(let beta, let threshold): parts += ["beta: \(number(beta))", "threshold: \(number(threshold))"]
        case .dropout(let rate): parts.append("rate: \(number(rate))")
        case .layerNorm(let eps, let affine): parts += ["eps: \(number(eps))", "elementwise_affine: \(affine)"]
        case .batchNorm(let momentum, let eps, let affine):
            parts += ["momentum: \(number(momentum))", "eps: \(number(eps))", "affine: \(affine)"]
        case .activation, .add, .concat, .globalAvgPool, .flatten: break
        }
        return "{" + parts.joined(separator: ", ") + "}"
    }

    /// Canonical name and every parameter: `{type: kaiming_normal, mode: fan_in, nonlinearity: relu, negative_slope: 0.0}`.
    public static func initializer(_ spec: InitializerSpec) -> String {
        let type = "{type: \(spec.canonicalName)"
        switch spec {
        case .zeros, .ones, .lecunUniform, .lecunNormal, .dirac: return spec.canonicalName
        case .constant(let value): return "\(type), value: \(number(value))}"
        case .uniform(let low, let high): return "\(type), low: \(number(low)), high: \(number(high))}"
        case .normal(let mean, let std): return "\(type), mean: \(number(mean)), std: \(number(std))}"
        case .xavierUniform(let gain), .xavierNormal(let gain), .orthogonal(let gain), .identity(let gain):
            return "\(type), gain: \(number(gain))}"
        case .kaimingUniform(let mode, let nonlinearity, let slope), .kaimingNormal(let mode, let nonlinearity, let slope):
            var text = "\(type), mode: \(mode.rawValue), nonlinearity: \(nonlinearity.rawValue)"
            if nonlinearity == .leakyRelu { text += ", negative_slope: \(number(slope))" }
            return text + "}"
        case .truncatedNormal(let mean, let std, let a, let b):
            return "\(type), mean: \(number(mean)), std: \(number(std)), a: \(number(a)), b: \(number(b))}"
        case .sparse(let sparsity, let std): return "\(type), sparsity: \(number(sparsity)), std: \(number(std))}"
        case .varianceScaling(let scale, let mode, let distribution):
            return "\(type), scale: \(number(scale)), mode: \(mode.rawValue), distribution: \(distribution.rawValue)}"
        case .safetensors(let source):
            return "\(type), path: \(quote(source.path))" + (source.tensor.map { ", tensor: \(quote($0))" } ?? "") + "}"

        case .seeded(let scheme, let seed):
            // The scheme's own text with `seed` last; a bare word becomes a mapping to hold it.
            let text = initializer(scheme)
            guard text.hasSuffix("}") else { return "{type: \(text), seed: \(seed)}" }
            return String(text.dropLast()) + ", seed: \(seed)}"
        }
    }
}
