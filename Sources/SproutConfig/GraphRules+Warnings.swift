import SproutDiagnostics

/// The graph's warnings: legal configs that are almost always mistakes, each saying why.
extension GraphRules {
    static func warn(_ model: ModelSpec, _ reporter: GraphReporter) {
        let consumers = consumerIndex(model)
        warnAboutUnusedNodes(model, reporter)
        warnAboutSymmetry(model, consumers, reporter)
        warnAboutReluGain(model, consumers, reporter)
        warnAboutSharedSeeds(model, reporter)
        warnAboutUnmatchedRules(model, reporter.diagnostics)
    }

    /// The indices of the nodes reading each node.
    static func consumerIndex(_ model: ModelSpec) -> [String: [Int]] {
        var consumers: [String: [Int]] = [:]
        for (i, node) in model.nodes.enumerated() {
            for input in node.inputs { consumers[input, default: []].append(i) }
        }
        return consumers
    }

    /// Nodes the output does not depend on are computed for nothing: likely an `output:` or `inputs:` mistake.
    static func warnAboutUnusedNodes(_ model: ModelSpec, _ reporter: GraphReporter) {
        var byName: [String: LayerSpec] = [:]
        for node in model.nodes where byName[node.name] == nil { byName[node.name] = node }
        var used: Set<String> = [model.output], pending = [model.output]
        while let name = pending.popLast() {
            for input in byName[name]?.inputs ?? [] where !used.contains(input) {
                used.insert(input)
                pending.append(input)
            }
        }
        for node in model.nodes where !used.contains(node.name) {
            reporter.report(.unusedNode, node, "node '\(node.name)' does not lead to the output '\(model.output)', so it has no effect",
                            help: ["remove it, or check model.output and the 'inputs' of the nodes after it"])
        }
    }

    /// A constant weight initializer on a hidden dense layer of more than one unit, or a conv2d layer of more than
    /// one filter (a filter is a convolution's unit): legal (configs/ uses it to show the problem) but almost always
    /// a mistake, so it is a warning that says why.
    ///
    /// Hidden unit i's gradient is Σ_k dy_k · W_next[k, i], W_next the next dense (or conv2d) layer's weight. "Next"
    /// follows the values forward through every other node, merges included, to the dense and conv2d layers they
    /// reach. When all of
    /// those are constant too, their columns are equal and stay equal (their gradients dyᵀh are equal because the
    /// units h_i are), so the units stay identical forever: elementwise nodes, the norms and concat (which only puts
    /// the units side by side) keep them equal. Two nodes on the way can tell the units apart without a random next
    /// layer: a dropout (its mask differs from unit to unit) and an add (its other inputs differ from unit to unit,
    /// so the next layer's columns receive different gradients). The warning names what can push the units apart.
    /// The output layer is exempt: its units are told apart by their own targets (a zero-initialized last layer is
    /// even a known technique). A layer with random biases is told apart by them: the warning says so instead.
    static func warnAboutSymmetry(_ model: ModelSpec, _ consumers: [String: [Int]], _ reporter: GraphReporter) {
        for node in model.nodes {
            // A conv2d's filters are its units: identical filters give identical channels (configs/symmetry/conv-*).
            let (units, unit, hasBias): (Int, String, Bool)
            switch node.kind {
            case .dense(let count, let bias): (units, unit, hasBias) = (count, "unit", bias)
            case .conv2d(let conv): (units, unit, hasBias) = (conv.filters, "filter", conv.bias)
            default: continue
            }
            guard units > 1 else { continue }
            let initializer = model.weightInit(for: node)
            guard initializer.isConstant else { continue }
            let (next, breakers) = nextWeighted(after: node.name, in: model, consumers)
            guard !next.isEmpty else { continue }
            let message = "every \(unit) of \(WeightShapes.noun(node.kind)) '\(node.name)' starts with the same weights (\(initializer.canonicalName))"
            let fix = "use a random initializer such as xavier_uniform or kaiming_normal"
            let random = next.filter { !model.weightInit(for: $0).isConstant }.map { "'\($0.name)'" }
            if hasBias, !model.biasInit(for: node).isConstant {
                // Random biases make the units' outputs tanh(w·x + b_i) differ, and so their gradients from the
                // next layer's second step on (configs/symmetry/zero-weights-random-biases.yaml measures it).
                reporter.report(.symmetricInit, node, message, help: [
                    "the \(unit)s differ only by their random biases, which push them apart, but only after a few steps",
                    fix])
                continue
            }
            var reasons = breakers
            if !random.isEmpty { reasons.insert("the random weights of " + random.joined(separator: ", "), at: 0) }
            if reasons.isEmpty {
                reporter.report(.symmetricInit, node, message, help: [
                    "identical \(unit)s compute the same output and receive the same gradient, so they stay identical: the layer acts as one \(unit)",
                    fix])
            } else {
                reporter.report(.symmetricInit, node, message, help: [
                    "the \(unit)s compute the same output; only " + reasons.joined(separator: " or ") + " can push them apart",
                    fix])
            }
        }
    }

    /// The dense and conv2d nodes that read `name`'s values through other nodes, and the dropout and add nodes met on the
    /// way ("the dropout of 'd'", "the other inputs of 'a'").
    static func nextWeighted(after name: String, in model: ModelSpec,
                          _ consumers: [String: [Int]]) -> (weighted: [LayerSpec], breakers: [String]) {
        var found: [LayerSpec] = [], breakers: [String] = [], frontier = [name], seen: Set<String> = [name]
        while let current = frontier.popLast() {
            for i in consumers[current] ?? [] where !seen.contains(model.nodes[i].name) {
                let node = model.nodes[i]
                seen.insert(node.name)
                switch node.kind {
                case .dense, .conv2d: found.append(node); continue
                case .dropout: breakers.append("the dropout of '\(node.name)'")
                case .add: breakers.append("the other inputs of '\(node.name)'")
                default: break
                }
                frontier.append(node.name)
            }
        }
        return (found, breakers)
    }

    /// He/kaiming with ReLU's gain √2 in front of tanh or sigmoid (the first elementwise node after the dense,
    /// looking through identity and dropout). The gain doubles the weights' variance to make up for ReLU zeroing
    /// half its inputs (He et al. 2015); tanh and sigmoid zero none, so the pre-activations grow layer by layer
    /// and the units saturate. A norm in between rescales the values, so the gain no longer matters: no warning.
    static func warnAboutReluGain(_ model: ModelSpec, _ consumers: [String: [Int]], _ reporter: GraphReporter) {
        for node in model.nodes {
            guard case .dense = node.kind else { continue }
            let initializer = model.weightInit(for: node)
            guard initializer.usesReluGain else { continue }
            var frontier = [node.name], seen: Set<String> = [node.name]
            var squashing: [(node: String, kind: ActivationKind)] = []
            while let current = frontier.popLast() {
                for i in consumers[current] ?? [] where seen.insert(model.nodes[i].name).inserted {
                    switch model.nodes[i].kind {
                    case .activation(.identity), .dropout: frontier.append(model.nodes[i].name)
                    case .activation(let kind) where kind == .tanh || kind == .sigmoid:
                        squashing.append((model.nodes[i].name, kind))
                    default: break
                    }
                }
            }
            guard let first = squashing.first else { continue }
            let gain = first.kind == .tanh ? "nonlinearity: tanh (gain 5/3)" : "nonlinearity: sigmoid (gain 1)"
            reporter.report(.reluGainBeforeSquashing, node,
                "dense layer '\(node.name)' uses \(initializer.canonicalName) with relu's gain √2, but '\(first.node)' applies \(first.kind.rawValue)",
                help: ["the gain √2 makes up for relu zeroing half of its inputs; \(first.kind.rawValue) zeroes none, so the values grow layer by layer and saturate it",
                       "use xavier_uniform or xavier_normal, or kaiming with \(gain)"])
        }
    }

    /// A rule whose pattern matches no dense or conv2d node does nothing: likely a typo in the pattern.
    static func warnAboutUnmatchedRules(_ model: ModelSpec, _ diagnostics: DiagnosticCollector) {
        let weighted = model.nodes.filter(\.kind.hasWeights).map(\.name)
        let noun = model.nodes.contains { if case .conv2d = $0.kind { return true } else { return false } }
            ? "dense or conv2d" : "dense"
        for rule in model.rules where !weighted.contains(where: rule.matches) {
            let shown = weighted.prefix(5).joined(separator: ", ") + (weighted.count > 5 ? ", …" : "")
            diagnostics.report(.unmatchedInitRule, "rule '\(Suggestions.display(rule.pattern))' matches no \(noun) node", at: rule.location,
                               help: ["'*' matches any characters and '?' one; the \(noun) nodes are: \(shown)"])
        }
    }
}
