import SproutDiagnostics
import SproutYAML

/// Reads `model:`: the layer list, the model-wide initializers and the output node, then checks the graph.
enum ModelDecoder {
    static func decode(_ node: Node, inputWidth: Int, into diagnostics: DiagnosticCollector) -> ModelSpec? {
        guard let model = SectionReader(node, section: "model", schema: ExperimentSchema.model, into: diagnostics)
        else { return nil }
        var weightInit = ModelSpec.defaultWeightInit, biasInit = ModelSpec.defaultBiasInit
        var initializersOK = true
        if let initNode = model["init"] {
            if let inits = SectionReader(initNode, section: "model.init", schema: ExperimentSchema.modelInit,
                                         into: diagnostics) {
                if let w = inits["weight"] {
                    weightInit = InitializerDecoder.decode(w, "model.init.weight", into: diagnostics) ?? weightInit
                }
                if let b = inits["bias"] {
                    biasInit = InitializerDecoder.decode(b, "model.init.bias", into: diagnostics) ?? biasInit
                }
            } else {
                initializersOK = false
            }
        }
        guard let layersNode = model.value("layers") else { return nil }
        guard let items = layersNode.sequenceItems, !items.isEmpty else {
            diagnostics.error("model.layers must be a non-empty list of nodes, found \(layersNode.kindDescription)",
                              at: layersNode.location)
            return nil
        }
        var layers: [LayerSpec] = []
        var typeCounts: [String: Int] = [:]
        var complete = initializersOK
        for item in items {
            guard let layer = decodeLayer(item, previous: layers.last?.name, typeCounts: &typeCounts,
                                          into: diagnostics) else {
                complete = false
                continue
            }
            layers.append(layer)
        }
        let output: String
        if let outputNode = model["output"] {
            guard let name = diagnostics.string(outputNode, "output") else { return nil }
            if complete && !layers.contains(where: { $0.name == name }) {
                diagnostics.error("unknown output node '\(Suggestions.display(name))'", at: outputNode.location,
                                  help: [Suggestions.help(for: name, among: layers.map(\.name), kind: "nodes")])
                return nil
            }
            output = name
        } else {
            output = layers.last?.name ?? ""
        }
        guard complete else { return nil }
        let spec = ModelSpec(inputWidth: inputWidth, nodes: layers, output: output,
                             weightInit: weightInit, biasInit: biasInit)
        GraphRules.check(spec, into: diagnostics)
        return spec
    }

    /// One node: a bare word (`- tanh`) or a mapping. An unnamed node is called `<type><k>`, k counting that type
    /// from 1 (dense1, tanh1, dense2): adding a node later in the list renames nothing before it, so the random
    /// streams keyed by node name (and so the other layers' weights) do not change.
    static func decodeLayer(_ node: Node, previous: String?, typeCounts: inout [String: Int],
                            into diagnostics: DiagnosticCollector) -> LayerSpec? {
        guard let layer = UnionReader(node, ExperimentSchema.layer, what: "layer", into: diagnostics),
              let p = layer.parameters else { return nil }
        let type = layer.variant.name
        typeCounts[type, default: 0] += 1
        var spec = LayerSpec(name: "\(type)\(typeCounts[type, default: 1])", kind: .activation(.identity),
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
            if bias == false, let biasInit = p["bias_init"] {
                diagnostics.error("'bias_init' is set but this layer has no bias (bias: false)", at: biasInit.location,
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
            guard let units, let bias else { return nil }
            spec.kind = .dense(units: units, bias: bias)
        default:
            guard let activation = ActivationKind(rawValue: type) else { return layer.unhandled() }
            spec.kind = .activation(activation)
        }
        return ok ? spec : nil
    }

    /// `inputs: a` or `inputs: [a, b]`.
    static func decodeInputs(_ node: Node, into diagnostics: DiagnosticCollector) -> [String]? {
        if node.scalar != nil { return diagnostics.string(node, "inputs").map { [$0] } }
        guard let items = node.sequenceItems else {
            diagnostics.error("'inputs' must be a node name or a list of them, found \(node.kindDescription)",
                              at: node.location)
            return nil
        }
        guard !items.isEmpty else {
            diagnostics.error("'inputs' is empty", at: node.location,
                              help: ["leave 'inputs' out to read the node before (or the data, for the first node)"])
            return nil
        }
        let names = items.compactMap { diagnostics.string($0, "inputs") }
        return names.count == items.count ? names : nil
    }
}
