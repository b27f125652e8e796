import SproutYAML

/// `sprout show --origins`: a config as written after `extends` and the command line's overrides, in block YAML,
/// each value followed by the place it was written (`# configs/base.yaml:12`, `# <arguments>:1`). Settings left to
/// their defaults are not in it (plain `sprout show` prints those).
public enum ConfigOrigins {
    public static func text(_ root: Node) -> String {
        var lines: [String] = []
        // `name` and `description` first, where a config usually writes them (a merge appends the config's own keys
        // after its bases').
        let first = ["name", "description"]
        let entries = root.mappingEntries.map { entries in
            first.compactMap { key in entries.first { $0.key.text == key } } + entries.filter { !first.contains($0.key.text) }
        }
        block(entries.map { Node(.mapping($0), at: root.location) } ?? root, indent: "", into: &lines)
        return lines.map { $0 + "\n" }.joined()
    }

    private static func origin(_ node: Node) -> String {
        "  # \(node.location.file):\(node.location.line)"
    }

    /// A mapping's entries or a sequence's items, one per line, nested ones indented by two spaces.
    private static func block(_ node: Node, indent: String, into lines: inout [String]) {
        switch node.kind {
        case .mapping(let entries):
            for entry in entries {
                let key = indent + flowScalar(entry.key) + ":"
                if isLeaf(entry.value) {
                    lines.append(key + " " + flow(entry.value) + origin(entry.value))
                } else {
                    lines.append(key)
                    block(entry.value, indent: indent + "  ", into: &lines)
                }
            }
        case .sequence(let items):
            for item in items {
                if isLeaf(item) {
                    lines.append(indent + "- " + flow(item) + origin(item))
                } else {
                    // `- first: ...` with the item's other lines under it, as YAML is usually written.
                    var itemLines: [String] = []
                    block(item, indent: indent + "  ", into: &itemLines)
                    if let first = itemLines.first { itemLines[0] = indent + "- " + first.dropFirst(indent.count + 2) }
                    lines += itemLines
                }
            }
        case .scalar:
            lines.append(indent + flow(node) + origin(node))
        }
    }

    /// A scalar, an empty collection, or a collection written in one place (a flow collection from one file line).
    private static func isLeaf(_ node: Node) -> Bool {
        switch node.kind {
        case .scalar: return true
        case .mapping(let entries): return entries.isEmpty
        case .sequence(let items): return items.isEmpty || items.allSatisfy { $0.scalar != nil }
        }
    }

    private static func flow(_ node: Node) -> String {
        switch node.kind {
        case .scalar(let scalar): return flowScalar(scalar)
        case .sequence(let items): return "[" + items.map(flow).joined(separator: ", ") + "]"
        case .mapping(let entries):
            return "{" + entries.map { flowScalar($0.key) + ": " + flow($0.value) }.joined(separator: ", ") + "}"
        }
    }

    /// A plain scalar as written; a quoted one as a JSON string (valid YAML), so that `"1e-3"` stays a string.
    private static func flowScalar(_ scalar: Scalar) -> String {
        scalar.style == .plain ? (scalar.text.isEmpty ? "null" : scalar.text) : Node(.scalar(scalar), at: .init(file: "", line: 1, column: 1)).json
    }
}
