import SproutDiagnostics
import SproutYAML

/// Reads `model:`: the layer list, the model-wide initializers and the output node, then checks the graph.
enum ModelDecoder {
    static let modelKeys = ["layers", "init", "output"]
    static let initKeys = ["weight", "bias"]
    static let denseKeys = ["name", "type", "inputs", "units", "bias", "weight_init", "bias_init"]
    static let activationKeys = ["name", "type", "inputs"]
    static var typeNames: [String] { ["dense"] + ActivationKind.allCases.map(\.rawValue) }

    static func decode(_ node: Node, inputWidth: Int, into diagnostics: DiagnosticCollector) -> ModelSpec? {
        guard let fields = Fields(node, section: "model", allowed: modelKeys, into: diagnostics) else { return nil }
        var weightInit = ModelSpec.defaultWeightInit, biasInit = ModelSpec.defaultBiasInit
        if let initNode = fields["init"],
           let initFields = Fields(initNode, section: "model.init", allowed: initKeys, into: diagnostics) {
            if let w = initFields["weight"] {
                weightInit = InitializerDecoder.decode(w, "model.init.weight", into: diagnostics) ?? weightInit
            }
            if let b = initFields["bias"] {
                biasInit = InitializerDecoder.decode(b, "model.init.bias", into: diagnostics) ?? biasInit
            }
        }
        guard let layersNode = fields.required("layers", section: "model", into: diagnostics) else { return nil }
        guard let items = layersNode.sequenceItems, !items.isEmpty else {
            diagnostics.error("model.layers must be a non-empty list of nodes, found \(layersNode.kindDescription)",
                              at: layersNode.location)
            return nil
        }
        var layers: [LayerSpec] = []
        var typeCounts: [String: Int] = [:]
        var complete = true
        for item in items {
            guard let layer = decodeLayer(item, previous: layers.last?.name, typeCounts: &typeCounts,
                                          into: diagnostics) else {
                complete = false
                continue
            }
            layers.append(layer)
        }
        let output: String
        if let outputNode = fields["output"] {
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
        let model = ModelSpec(inputWidth: inputWidth, nodes: layers, output: output,
                              weightInit: weightInit, biasInit: biasInit)
        GraphRules.check(model, into: diagnostics)
        return model
    }

    /// One node: a bare word (`- tanh`) or a mapping. An unnamed node is called `<type><k>`, k counting that type
    /// from 1 (dense1, tanh1, dense2): adding a node later in the list renames nothing before it, so the random
    /// streams keyed by node name (and so the other layers' weights) do not change.
    static func decodeLayer(_ node: Node, previous: String?, typeCounts: inout [String: Int],
                            into diagnostics: DiagnosticCollector) -> LayerSpec? {
        let typeNode: Node
        if node.mappingEntries != nil {
            guard let t = node["type"] else {
                _ = Fields(node, section: "a layer", allowed: denseKeys, into: diagnostics)
                diagnostics.error("layer is missing the required key 'type'", at: node.location,
                                  help: ["valid types: " + typeNames.joined(separator: ", ")])
                return nil
            }
            typeNode = t
        } else {
            typeNode = node
        }
        guard let type = diagnostics.string(typeNode, "type") else { return nil }
        let kind: LayerKind
        let allowed: [String]
        if type == "dense" {
            allowed = denseKeys
            kind = .dense(units: 0, bias: true)
        } else if let activation = ActivationKind(rawValue: type) {
            allowed = activationKeys
            kind = .activation(activation)
        } else {
            diagnostics.error("unknown layer type '\(Suggestions.display(type))'", at: typeNode.location,
                              help: [Suggestions.help(for: type, among: typeNames, kind: "types")])
            return nil
        }
        typeCounts[type, default: 0] += 1
        let defaultName = "\(type)\(typeCounts[type, default: 1])"
        let defaultInputs = previous.map { [$0] } ?? []
        guard node.mappingEntries != nil else {
            if case .dense = kind {
                diagnostics.error("a dense layer needs its number of units", at: node.location,
                                  help: ["write {type: dense, units: 8}"])
                return nil
            }
            return LayerSpec(name: defaultName, kind: kind, inputs: defaultInputs, location: node.location)
        }
        guard let layer = Fields(node, section: "layer '\(type)'", allowed: allowed, into: diagnostics) else {
            return nil
        }
        var spec = LayerSpec(name: defaultName, kind: kind, inputs: defaultInputs, location: node.location)
        var ok = true
        if let nameNode = layer["name"] {
            if let name = NameRules.nodeName(nameNode, into: diagnostics) { spec.name = name } else { ok = false }
        }
        if let inputsNode = layer["inputs"] {
            if let inputs = decodeInputs(inputsNode, into: diagnostics) { spec.inputs = inputs } else { ok = false }
        }
        if case .dense = kind {
            let units = layer.required("units", section: "dense layer '\(spec.name)'", into: diagnostics)
                .flatMap { diagnostics.integer($0, "units", in: 1...Int(Int32.max)) }
            let bias = layer["bias"].map { diagnostics.boolean($0, "bias") } ?? true
            if bias == false, let biasInit = layer["bias_init"] {
                diagnostics.error("'bias_init' is set but this layer has no bias (bias: false)", at: biasInit.location,
                                  help: ["remove bias_init, or remove bias: false"])
                ok = false
            }
            if let w = layer["weight_init"] {
                spec.weightInit = InitializerDecoder.decode(w, "weight_init", into: diagnostics)
                ok = ok && spec.weightInit != nil
            }
            if let b = layer["bias_init"] {
                spec.biasInit = InitializerDecoder.decode(b, "bias_init", into: diagnostics)
                ok = ok && spec.biasInit != nil
            }
            guard let units, let bias else { return nil }
            spec.kind = .dense(units: units, bias: bias)
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
