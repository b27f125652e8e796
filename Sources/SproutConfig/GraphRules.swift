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
        let errorsBefore = diagnostics.diagnostics.count
        var seen: [String: LayerSpec] = [:]
        for node in model.nodes {
            if let first = seen[node.name] {
                diagnostics.error("duplicate node name '\(node.name)' (first used on line \(first.location.line))",
                                  at: node.location,
                                  help: ["give every node its own name (an unnamed node is called <type><k>: dense1, tanh1, dense2, ...)"])
                continue
            }
            if node.inputs.count > 1 {
                diagnostics.error("node '\(node.name)' (\(node.kind.typeName)) reads exactly one input, found \(node.inputs.count)",
                                  at: node.location)
            }
            for input in node.inputs where seen[input] == nil {
                if input == node.name {
                    diagnostics.error("node '\(node.name)' reads itself", at: node.location,
                                      help: ["a node reads nodes written before it in model.layers"])
                    continue
                }
                let later = model.nodes.contains { $0.name == input }
                if seen.isEmpty && !later {
                    diagnostics.error("node '\(node.name)' reads unknown node '\(Suggestions.display(input))'",
                                      at: node.location,
                                      help: ["no node comes before it: leave 'inputs' out to read the data"])
                    continue
                }
                diagnostics.error(
                    later ? "node '\(node.name)' reads '\(input)', which comes after it"
                          : "node '\(node.name)' reads unknown node '\(Suggestions.display(input))'",
                    at: node.location,
                    help: later ? ["a node reads nodes written before it in model.layers"]
                                : [Suggestions.help(for: input, among: Array(seen.keys).sorted(), kind: "nodes")])
            }
            seen[node.name] = node
        }
        // Warnings about a graph only make sense once its wiring is right.
        guard diagnostics.diagnostics.count == errorsBefore else { return }
        warnAboutUnusedNodes(model).forEach(diagnostics.add)
        warnAboutSymmetry(model).forEach(diagnostics.add)
    }

    /// Nodes the output does not depend on are computed for nothing: likely an `output:` or `inputs:` mistake.
    static func warnAboutUnusedNodes(_ model: ModelSpec) -> [Diagnostic] {
        let byName = Dictionary(model.nodes.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var used: Set<String> = [model.output], pending = [model.output]
        while let name = pending.popLast() {
            for input in byName[name]?.inputs ?? [] where !used.contains(input) {
                used.insert(input)
                pending.append(input)
            }
        }
        return model.nodes.filter { !used.contains($0.name) }.map { node in
            .warning("node '\(node.name)' does not lead to the output '\(model.output)', so it has no effect",
                     at: node.location,
                     help: ["remove it, or check model.output and the 'inputs' of the nodes after it"])
        }
    }

    /// A constant weight initializer on a hidden dense layer of more than one unit: legal (configs/ uses it to show
    /// the problem) but almost always a mistake, so it is a warning that says why.
    ///
    /// Hidden unit i's gradient is Σ_k dy_k · W_next[k, i]. When the next dense layer is constant too, its columns
    /// are equal and stay equal (their gradients dy^T h are equal because the units h_i are), so the units receive
    /// the same gradient forever. When the next layer is random, its distinct columns slowly push the units apart.
    /// The output layer is exempt: its units are told apart by their own targets (a zero-initialized last layer is
    /// even a known technique).
    static func warnAboutSymmetry(_ model: ModelSpec) -> [Diagnostic] {
        model.nodes.compactMap { node in
            guard case .dense(let units, _) = node.kind, units > 1 else { return nil }
            let initializer = node.weightInit ?? model.weightInit
            let next = nextDense(after: node.name, in: model)
            guard initializer.isConstant, !next.isEmpty else { return nil }
            let message = "every unit of dense layer '\(node.name)' starts with the same weights (\(initializer.canonicalName))"
            let fix = "use a random initializer such as xavier_uniform or kaiming_normal"
            if next.allSatisfy({ ($0.weightInit ?? model.weightInit).isConstant }) {
                return .warning(message, at: node.location, help: [
                    "identical units compute the same output and receive the same gradient, so they stay identical: the layer acts as one unit",
                    fix])
            }
            let names = next.map { "'\($0.name)'" }.joined(separator: ", ")
            return .warning(message, at: node.location, help: [
                "the units compute the same output; only the random weights of \(names) can push them apart",
                fix])
        }
    }

    /// The dense nodes that read `name`'s values directly or through elementwise nodes.
    static func nextDense(after name: String, in model: ModelSpec) -> [LayerSpec] {
        var found: [LayerSpec] = [], frontier = [name], seen: Set<String> = [name]
        while let current = frontier.popLast() {
            for node in model.nodes where node.inputs.contains(current) && !seen.contains(node.name) {
                seen.insert(node.name)
                if case .dense = node.kind { found.append(node) } else { frontier.append(node.name) }
            }
        }
        return found
    }
}
