import SproutDiagnostics

/// Checks the model graph once every node has been read: names, inputs, widths, and initializers that keep units
/// identical. Today's node types each take one input, so a node may only read nodes written before it, which also
/// rules out cycles.
enum GraphRules {
    /// The output width of every node, by name (only for a graph without errors).
    static func widths(of model: ModelSpec) -> [String: Int] {
        var widths: [String: Int] = [:]
        for node in model.nodes {
            let input = node.inputs.first.flatMap { widths[$0] } ?? model.inputWidth
            switch node.kind {
            case .dense(let units, _): widths[node.name] = units
            case .activation: widths[node.name] = input
            }
        }
        return widths
    }

    static func check(_ model: ModelSpec, into diagnostics: DiagnosticCollector) {
        var seen: [String: LayerSpec] = [:]
        for node in model.nodes {
            if let first = seen[node.name] {
                diagnostics.error("duplicate node name '\(node.name)' (first used on line \(first.location.line))",
                                  at: node.location, help: ["give every node its own name"])
                continue
            }
            if node.inputs.count > 1 {
                diagnostics.error("node '\(node.name)' (\(node.kind.typeName)) reads exactly one input, found \(node.inputs.count)",
                                  at: node.location)
            }
            for input in node.inputs where seen[input] == nil {
                let later = model.nodes.contains { $0.name == input }
                diagnostics.error(
                    later ? "node '\(node.name)' reads '\(input)', which comes after it"
                          : "node '\(node.name)' reads unknown node '\(input)'",
                    at: node.location,
                    help: later ? ["a node reads nodes written before it in model.layers"]
                                : [Suggestions.help(for: input, among: Array(seen.keys).sorted(), kind: "nodes")])
            }
            seen[node.name] = node
        }
        warnAboutSymmetry(model)
            .forEach(diagnostics.add)
    }

    /// A constant weight initializer on a hidden dense layer of more than one unit: legal (configs/ uses it to show
    /// the problem) but almost always a mistake, so it is a warning that says why. The output layer is exempt: its
    /// units are not interchangeable, since each one's gradient depends on its own target.
    static func warnAboutSymmetry(_ model: ModelSpec) -> [Diagnostic] {
        let outputLayer = outputDense(of: model)
        return model.nodes.compactMap { node in
            guard case .dense(let units, _) = node.kind, units > 1, node.name != outputLayer else { return nil }
            let initializer = node.weightInit ?? model.weightInit
            guard initializer.isConstant else { return nil }
            return .warning(
                "every unit of dense layer '\(node.name)' starts with the same weights (\(initializer.canonicalName))",
                at: node.location,
                help: ["identical units compute the same output and receive the same gradient, so they stay identical: the layer acts as one unit",
                       "use a random initializer such as xavier_uniform or kaiming_normal"])
        }
    }

    /// The dense node whose units are the network's outputs: reached from the output through elementwise nodes.
    static func outputDense(of model: ModelSpec) -> String? {
        let byName = Dictionary(model.nodes.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var current = byName[model.output]
        var visited = 0
        while let node = current, visited <= model.nodes.count {
            if case .dense = node.kind { return node.name }
            current = node.inputs.first.flatMap { byName[$0] }
            visited += 1
        }
        return nil
    }
}
