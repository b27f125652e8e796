import SproutDiagnostics

/// Checks the model graph once every node has been read: names, inputs, cycles, widths, safetensors shapes, then
/// the warnings (GraphRules+Warnings). A node may read any node, written before or after it: the graph is run in
/// topological order, so only a cycle is an error.
///
/// A repeat block's copies share their body's source positions: a problem of a body node is reported once, for
/// its first copy that has it (`GraphReporter`), not once per copy.
///
/// `inputKnown` false: the data could not be read, so `model.inputShape` is a placeholder; the nodes that read the
/// data are checked only in what does not depend on it (GraphRules+Shapes), and their safetensors tensors not at all.
enum GraphRules {
    static func check(_ model: ModelSpec, inputKnown: Bool = true, into diagnostics: DiagnosticCollector) {
        let reporter = GraphReporter(diagnostics)
        let errorsBefore = diagnostics.diagnostics.count
        checkNamesAndInputs(model, reporter)
        guard diagnostics.diagnostics.count == errorsBefore else { return }
        checkCycles(model, reporter)
        guard diagnostics.diagnostics.count == errorsBefore else { return }
        let shapes = computeShapes(model, inputKnown: inputKnown, reporter: reporter)
        SafetensorsRules.check(model, shapes: shapes, inputKnown: inputKnown, into: diagnostics)
        InitializerRules.check(model, into: reporter)
        // Warnings about a graph only make sense once its wiring is right.
        guard diagnostics.diagnostics.count == errorsBefore else { return }
        warn(model, reporter)
    }

    /// How many unknown inputs of a model get a did-you-mean searched among all its nodes (as compilers bound
    /// their spelling corrections: clang's -fspell-checking-limit is 50). Without a bound, 9000 nodes each reading
    /// an unknown node took minutes to validate (Fuzz/regressions/slow-unknown-inputs.yaml).
    static let maxNodeSearches = 50

    static func checkNamesAndInputs(_ model: ModelSpec, _ reporter: GraphReporter) {
        var first: [String: LayerSpec] = [:]
        var duplicates = Set<Int>()
        for (index, node) in model.nodes.enumerated() {
            if let earlier = first[node.name] {
                duplicates.insert(index)
                reporter.report(.duplicateNode, node, "duplicate node name '\(node.name)'",
                                notes: [Diagnostic.Note("'\(node.name)' is first used here", at: earlier.location)],
                                help: ["give every node its own name (an unnamed node is called <type><k>: dense1, tanh1, dense2, ...)"])
            } else {
                first[node.name] = node
            }
        }
        let names = model.nodes.indices.filter { !duplicates.contains($0) }.map { model.nodes[$0].name }
        var searches = 0
        for (index, node) in model.nodes.enumerated() where !duplicates.contains(index) {
            if node.kind.isMerge && node.inputs.count < 2 {
                reporter.report(.inputCount, node, "node '\(node.name)' (\(node.kind.typeName)) reads at least 2 inputs, found \(node.inputs.count)",
                                help: ["name them: inputs: [a, b]"])
            } else if !node.kind.isMerge && node.inputs.count > 1 {
                reporter.report(.inputCount, node, "node '\(node.name)' (\(node.kind.typeName)) reads exactly one input, found \(node.inputs.count)",
                                help: ["to combine several nodes, read them with an add or a concat node"])
            }
            for input in node.inputs where first[input] == nil || input == node.name {
                if input == node.name {
                    reporter.report(.readsItself, node, detail: input, "node '\(node.name)' reads itself",
                                    help: ["a node cannot read its own output"])
                    continue
                }
                // Each search measures the input against every node; past the first few the help offers the
                // first 20 names only, or every unknown input of a large model would cost the model's size.
                let near = searches < maxNodeSearches ? Suggestions.closest(to: input, among: names) : []
                searches += 1
                let help = near.isEmpty && index == 0 ? "no node comes before it: leave 'inputs' out to read the data"
                    : Suggestions.help(for: input, among: near.isEmpty ? Array(names.prefix(20)) : near, kind: "nodes")
                reporter.report(.unknownNode, node, detail: input, "node '\(node.name)' reads unknown node '\(Suggestions.display(input))'",
                                help: [help])
            }
        }
    }

    /// The nodes in an order where each comes after its inputs (Kahn's algorithm, ties by list order), and the
    /// nodes left over: those on a cycle or after one.
    static func order(_ model: ModelSpec) -> (sorted: [Int], leftOver: [Int]) {
        var index: [String: Int] = [:]
        for (i, node) in model.nodes.enumerated() where index[node.name] == nil { index[node.name] = i }
        var pending = [Int](repeating: 0, count: model.nodes.count)
        var consumers = [[Int]](repeating: [], count: model.nodes.count)
        for (i, node) in model.nodes.enumerated() {
            for input in node.inputs {
                guard let source = index[input] else { continue }
                consumers[source].append(i)
                pending[i] += 1
            }
        }
        var ready = Array(model.nodes.indices.filter { pending[$0] == 0 }.reversed())
        var sorted: [Int] = []
        while let next = ready.popLast() {
            sorted.append(next)
            for consumer in consumers[next].reversed() {
                pending[consumer] -= 1
                if pending[consumer] == 0 { ready.append(consumer) }
            }
        }
        return (sorted, model.nodes.indices.filter { pending[$0] > 0 })
    }

    /// Each cycle once, in data-flow order from its earliest-written node: `'a' -> 'b' -> 'a'` (a feeds b, b feeds a).
    static func checkCycles(_ model: ModelSpec, _ reporter: GraphReporter) {
        let leftOver = Set(order(model).leftOver)
        guard !leftOver.isEmpty else { return }
        var index: [String: Int] = [:]
        for (i, node) in model.nodes.enumerated() where index[node.name] == nil { index[node.name] = i }
        var visited = Set<Int>()
        for start in leftOver.sorted() where !visited.contains(start) {
            // Walk against the data flow: every left-over node reads a left-over node, so the walk meets a cycle
            // or a node an earlier walk visited.
            var path: [Int] = [], onPath: [Int: Int] = [:], current = start
            while !visited.contains(current) {
                visited.insert(current)
                onPath[current] = path.count
                path.append(current)
                guard let next = model.nodes[current].inputs.compactMap({ index[$0] }).first(where: leftOver.contains)
                else { break }
                if let position = onPath[next] {
                    var cycle = Array(path[position...].reversed())
                    let first = cycle.indices.min { cycle[$0] < cycle[$1] } ?? 0
                    cycle = Array(cycle[first...] + cycle[..<first])
                    let names = (cycle + [cycle[0]]).map { "'\(model.nodes[$0].name)'" }.joined(separator: " -> ")
                    reporter.report(.graphCycle, model.nodes[cycle[0]], "the model graph has a cycle: \(names)",
                                    help: ["a node's value cannot depend on itself: remove one of these inputs"])
                    break
                }
                current = next
            }
        }
    }

    /// The output width of every node, by name: its shape's number of values (GraphRules+Shapes). Nodes on a
    /// cycle, or after a node whose input does not fit, get none.
    static func widths(of model: ModelSpec) -> [String: Int] {
        shapes(of: model).mapValues(\.count)
    }
}

/// Adds the graph's diagnostics, once per source position and rule (and `detail`, such as the input named) for
/// the copies of a repeat block.
final class GraphReporter {
    let diagnostics: DiagnosticCollector
    private var seen = Set<String>()

    init(_ diagnostics: DiagnosticCollector) { self.diagnostics = diagnostics }

    private func firstTime(_ node: LayerSpec, _ key: String) -> Bool {
        guard node.repetition > 0 else { return true }
        return seen.insert("\(node.location.line):\(node.location.column):\(key)").inserted
    }

    func report(_ id: DiagnosticID, _ node: LayerSpec, detail: String = "", _ message: String,
                notes: [Diagnostic.Note] = [], help: [String] = []) {
        guard firstTime(node, id.rawValue + detail) else { return }
        diagnostics.report(id, message, at: node.location, notes: notes, help: help)
    }
}
