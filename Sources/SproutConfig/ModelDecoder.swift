import SproutDiagnostics
import SproutShapes
import SproutYAML

/// Reads `model:`: the layer list (repeat blocks expanded), the model-wide initializers and their rules, and the
/// output node, then checks the graph. A nil `inputShape` is data that could not be read: the graph is checked
/// without it (the spec, which is never run, holds a placeholder).
enum ModelDecoder {
    static func decode(_ node: Node, inputShape: FeatureShape?, into diagnostics: DiagnosticCollector) -> ModelSpec? {
        guard let model = SectionReader(node, section: "model", schema: ExperimentSchema.model, into: diagnostics)
        else { return nil }
        var weightInit = ModelSpec.defaultWeightInit, biasInit = ModelSpec.defaultBiasInit
        var rules: [InitRuleSpec] = []
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
                if let r = inits["rules"] {
                    if let decoded = InitRuleDecoder.decode(r, into: diagnostics) { rules = decoded } else { initializersOK = false }
                }
            } else {
                initializersOK = false
            }
        }
        guard let layersNode = model.value("layers") else { return nil }
        guard let items = layersNode.sequenceItems, !items.isEmpty else {
            diagnostics.report(.typeMismatch, "model.layers must be a non-empty list of nodes, found \(layersNode.kindDescription)",
                               at: layersNode.location)
            return nil
        }
        var layers: [LayerSpec] = []
        var blocks: [RepeatSpec] = []
        var typeCounts: [String: Int] = [:]
        var complete = initializersOK
        for item in items {
            if RepeatDecoder.isRepeatBlock(item) {
                guard let block = RepeatDecoder.decode(item, start: layers.count, into: diagnostics) else {
                    complete = false
                    continue
                }
                guard let expanded = RepeatDecoder.expand(block, after: layers.last?.name, nodesSoFar: layers.count,
                                                          at: item, into: diagnostics) else {
                    complete = false
                    break
                }
                blocks.append(block)
                layers += expanded
                continue
            }
            guard let layer = LayerDecoder.decode(item, previous: layers.last?.name, typeCounts: &typeCounts,
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
                diagnostics.report(.unknownNode, "unknown output node '\(Suggestions.display(name))'", at: outputNode.location,
                                   help: [Suggestions.help(for: name, among: layers.map(\.name), kind: "nodes")])
                return nil
            }
            output = name
        } else {
            output = layers.last?.name ?? ""
        }
        guard complete else { return nil }
        let spec = ModelSpec(inputShape: inputShape ?? .flat(1), nodes: layers, output: output, weightInit: weightInit,
                             biasInit: biasInit, rules: rules, blocks: blocks)
        GraphRules.check(spec, inputKnown: inputShape != nil, into: diagnostics)
        return spec
    }
}

/// Reads `model.init.rules`: each `{match, weight, bias}` with at least one of weight and bias.
enum InitRuleDecoder {
    static func decode(_ node: Node, into diagnostics: DiagnosticCollector) -> [InitRuleSpec]? {
        guard let items = node.sequenceItems, !items.isEmpty else {
            diagnostics.report(.typeMismatch, "model.init.rules must be a non-empty list of rules, found \(node.kindDescription)",
                               at: node.location)
            return nil
        }
        var rules: [InitRuleSpec] = []
        var ok = true
        for item in items {
            guard let reader = SectionReader(item, section: "rule", schema: ExperimentSchema.initRule, into: diagnostics),
                  let pattern = reader.string("match") else {
                ok = false
                continue
            }
            let weight = reader["weight"].map { InitializerDecoder.decode($0, "weight", into: diagnostics) }
            let bias = reader["bias"].map { InitializerDecoder.decode($0, "bias", into: diagnostics) }
            if weight == nil && bias == nil {
                diagnostics.report(.emptyInitRule, "rule '\(Suggestions.display(pattern))' sets neither weight nor bias", at: item.location,
                                   help: ["add weight: or bias:, or remove the rule"])
                ok = false
                continue
            }
            if weight == .some(nil) || bias == .some(nil) {
                ok = false
                continue
            }
            rules.append(InitRuleSpec(pattern: pattern, weight: weight ?? nil, bias: bias ?? nil, location: item.location))
        }
        return ok ? rules : nil
    }
}
