import SproutDiagnostics
import SproutYAML

/// Reads one node of model.layers (or of a repeat block's body): a bare word (`- gelu`) or a mapping.
enum LayerDecoder {
    /// An unnamed node is called `<type><k>`, k counting that type from 1 (dense1, tanh1, dense2): adding a node
    /// later in the list renames nothing before it, so the random streams keyed by node name (and so the other
    /// layers' weights) do not change. Without `inputs`, a node reads `previous` (nothing: the data, or in a repeat
    /// body, the node the expansion decides).
    static func decode(_ node: Node, previous: String?, typeCounts: inout [String: Int],
                       into diagnostics: DiagnosticCollector) -> LayerSpec? {
        guard let layer = UnionReader(node, ExperimentSchema.layer, what: "layer", into: diagnostics),
              let p = layer.parameters else { return nil }
        let type = layer.variant.name
        typeCounts[type, default: 0] += 1
        var spec = LayerSpec(name: "\(type)\(typeCounts[type, default: 1])", kind: .add,
                             inputs: previous.map { [$0] } ?? [], location: node.location)
        var ok = true
        if let nameNode = p["name"] {
            if let name = NameRules.nodeName(nameNode, into: diagnostics) { spec.name = name } else { ok = false }
        }
        if let inputsNode = p["inputs"] {
            if let inputs = decodeInputs(inputsNode, into: diagnostics) { spec.inputs = inputs } else { ok = false }
        }
        switch type {
        case "dense":
            let units = p.integer("units")
            let bias = p.boolean("bias")
            ok = decodeInitializers(p, bias: bias, into: &spec, diagnostics) && ok
            guard let units, let bias else { return nil }
            spec.kind = .dense(units: units, bias: bias)
        case "conv2d", "max_pool2d", "avg_pool2d":
            guard let kind = decodeWindowed(type, p, into: &spec, diagnostics) else { return nil }
            spec.kind = kind
        case "global_avg_pool": spec.kind = .globalAvgPool
        case "flatten": spec.kind = .flatten
        case "leaky_relu":
            guard let slope = p.number("negative_slope") else { return nil }
            spec.kind = .leakyRelu(negativeSlope: slope)
        case "elu":
            guard let alpha = p.number("alpha") else { return nil }
            spec.kind = .elu(alpha: alpha)
        case "gelu":
            guard let approximate = p.choice("approximate", as: GeluApproximation.self) else { return nil }
            spec.kind = .gelu(approximate: approximate)
        case "softplus":
            guard let beta = p.number("beta"), let threshold = p.number("threshold") else { return nil }
            spec.kind = .softplus(beta: beta, threshold: threshold)
        case "dropout":
            guard let rate = p.number("rate") else { return nil }
            spec.kind = .dropout(rate: rate)
        case "layer_norm":
            guard let eps = p.number("eps"), let affine = p.boolean("elementwise_affine") else { return nil }
            spec.kind = .layerNorm(eps: eps, elementwiseAffine: affine)
        case "batch_norm":
            let momentum = p.number("momentum"), eps = p.number("eps"), affine = p.boolean("affine")
            guard let momentum, let eps, let affine else { return nil }
            spec.kind = .batchNorm(momentum: momentum, eps: eps, affine: affine)
        case "add": spec.kind = .add
        case "concat": spec.kind = .concat
        default:
            guard let activation = ActivationKind(rawValue: type) else { return layer.unhandled() }
            spec.kind = .activation(activation)
        }
        return ok ? spec : nil
    }

    /// A dense or conv2d node's own `weight_init` and `bias_init`; false after reporting a problem (a bias
    /// initializer on a layer without bias, an initializer that cannot be read).
    static func decodeInitializers(_ p: SectionReader, bias: Bool?, into spec: inout LayerSpec,
                                   _ diagnostics: DiagnosticCollector) -> Bool {
        var ok = true
        if bias == false, let biasInit = p["bias_init"] {
            diagnostics.report(.inapplicableSetting, "'bias_init' is set but this layer has no bias (bias: false)", at: biasInit.location,
                               help: ["remove bias_init, or remove bias: false"])
            ok = false
        }
        if let w = p["weight_init"] {
            spec.weightInit = InitializerDecoder.decode(w, "weight_init", into: diagnostics)
            ok = ok && spec.weightInit != nil
        }
        if let b = p["bias_init"] {
            spec.biasInit = InitializerDecoder.decode(b, "bias_init", into: diagnostics)
            ok = ok && spec.biasInit != nil
        }
        return ok
    }

    /// `inputs: a` or `inputs: [a, b]`.
    static func decodeInputs(_ node: Node, into diagnostics: DiagnosticCollector) -> [String]? {
        if node.scalar != nil { return diagnostics.string(node, "inputs").map { [$0] } }
        guard let items = node.sequenceItems else {
            diagnostics.report(.typeMismatch, "'inputs' must be a node name or a list of them, found \(node.kindDescription)",
                               at: node.location)
            return nil
        }
        guard !items.isEmpty else {
            diagnostics.report(.emptyList, "'inputs' is empty", at: node.location,
                               help: ["leave 'inputs' out to read the node before (or the data, for the first node)"])
            return nil
        }
        let names = items.compactMap { diagnostics.string($0, "inputs") }
        return names.count == items.count ? names : nil
    }
}
