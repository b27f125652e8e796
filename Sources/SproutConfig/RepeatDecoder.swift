import SproutDiagnostics
import SproutYAML

/// Reads and expands a repeat block: `{repeat: 30, name: block, layers: [{type: dense, units: 256}, relu]}`.
///
/// Copy k (1-based) of local node `x` is called `<name><k>.x` (`block3.dense1`): PyTorch's nested module names, so
/// the parameter `block3.dense1.weight` matches a `state_dict` key. Local names (written or `<type><j>`, counted
/// within the body) and `inputs` naming them refer to the same copy; other inputs name nodes outside the block.
/// Without `inputs`, the body's first node reads the node before the block (copy 1) or the previous copy's last
/// node; the others read the node before them in the body. Blocks do not nest.
enum RepeatDecoder {
    static func isRepeatBlock(_ node: Node) -> Bool {
        node.mappingEntries != nil && node["repeat"] != nil
    }

    /// The block with its body in local form (inputs empty where the node reads the node before it).
    static func decode(_ node: Node, start: Int, into diagnostics: DiagnosticCollector) -> RepeatSpec? {
        guard let block = SectionReader(node, section: "repeat block", schema: ExperimentSchema.repeatBlock,
                                        into: diagnostics) else { return nil }
        let count = block.integer("repeat")
        let name = block.value("name").flatMap { NameRules.nodeName($0, into: diagnostics) }
        guard let layersNode = block.value("layers") else { return nil }
        guard let items = layersNode.sequenceItems, !items.isEmpty else {
            diagnostics.report(.typeMismatch, "a repeat block's layers must be a non-empty list of nodes, found \(layersNode.kindDescription)",
                               at: layersNode.location)
            return nil
        }
        var body: [LayerSpec] = []
        var typeCounts: [String: Int] = [:]
        var ok = true
        for item in items {
            if isRepeatBlock(item) {
                diagnostics.report(.nestedRepeat, "repeat blocks cannot be nested", at: item.location,
                                   help: ["write the inner block's layers out, or make the outer block one longer repeat"])
                ok = false
                continue
            }
            guard let layer = LayerDecoder.decode(item, previous: nil, typeCounts: &typeCounts, into: diagnostics)
            else { ok = false; continue }
            body.append(layer)
        }
        guard ok, let count, let name else { return nil }
        return RepeatSpec(name: name, count: count, body: body, start: start, location: node.location)
    }

    /// The copies' nodes, or `nil` after an error when the expanded model would pass `maxExpandedNodes`.
    static func expand(_ block: RepeatSpec, after previous: String?, nodesSoFar: Int, at node: Node,
                       into diagnostics: DiagnosticCollector) -> [LayerSpec]? {
        let total = nodesSoFar + block.count * block.body.count
        guard total <= ExperimentSchema.maxExpandedNodes else {
            diagnostics.report(.modelTooLarge,
                "repeat block '\(block.name)' makes the model \(total) nodes, more than Sprout's limit of \(ExperimentSchema.maxExpandedNodes)",
                at: node["repeat"]?.location ?? node.location,
                help: ["\(block.count) copies of \(block.body.count) nodes: repeat fewer times or shorten the block"])
            return nil
        }
        let locals = Set(block.body.map(\.name))
        var nodes: [LayerSpec] = []
        var before = previous
        for k in 1...block.count {
            for (j, local) in block.body.enumerated() {
                var node = local
                node.name = block.expandedName(local.name, repetition: k)
                node.repetition = k
                if local.inputs.isEmpty {
                    let implicit = j == 0 ? before : block.expandedName(block.body[j - 1].name, repetition: k)
                    node.inputs = implicit.map { [$0] } ?? []
                } else {
                    node.inputs = local.inputs.map { locals.contains($0) ? block.expandedName($0, repetition: k) : $0 }
                }
                nodes.append(node)
            }
            before = nodes.last?.name
        }
        return nodes
    }
}
