/// The execution order of a node graph: a topological sort (Kahn's algorithm, ties broken by the order the nodes were
/// given, so a chain written in order runs in that order) and the set of nodes the output depends on.
struct GraphOrder {
    /// Indices into the node list, every node after its inputs.
    let sorted: [Int]
    /// Indices of the nodes the output depends on (including the output).
    let executed: Set<Int>

    init(nodes: [NodeSpec], output: String) throws(NetworkError) {
        var indexByName = [String: Int]()
        for (index, node) in nodes.enumerated() {
            guard indexByName[node.name] == nil else { throw .duplicateNode(node.name) }
            indexByName[node.name] = index
        }
        var consumers = [[Int]](repeating: [], count: nodes.count)
        var pending = [Int](repeating: 0, count: nodes.count)
        for (index, node) in nodes.enumerated() {
            let count = node.inputs.count
            guard node.operation.isMerge ? count >= 2 : count <= 1 else {
                throw .unsupportedInputCount(node: node.name, count: count)
            }
            for input in node.inputs {
                guard let source = indexByName[input] else { throw .unknownInput(node: node.name, input: input) }
                consumers[source].append(index)
                pending[index] += 1
            }
        }
        // Kahn's algorithm; always taking the lowest ready index keeps the given order when it is already valid.
        var ready = Set(nodes.indices.filter { pending[$0] == 0 })
        var sorted = [Int]()
        while let next = ready.min() {
            ready.remove(next)
            sorted.append(next)
            for consumer in consumers[next] {
                pending[consumer] -= 1
                if pending[consumer] == 0 { ready.insert(consumer) }
            }
        }
        guard sorted.count == nodes.count else {
            throw .cycle(nodes: nodes.indices.filter { pending[$0] > 0 }.map { nodes[$0].name })
        }
        guard let outputIndex = indexByName[output] else { throw .unknownOutput(output) }

        var executed = Set<Int>()
        var stack = [outputIndex]
        while let index = stack.popLast() {
            guard executed.insert(index).inserted else { continue }
            for input in nodes[index].inputs { if let source = indexByName[input] { stack.append(source) } }
        }
        self.sorted = sorted
        self.executed = executed
    }
}
