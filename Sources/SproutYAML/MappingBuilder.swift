import SproutDiagnostics

/// Builds one mapping as its keys and values arrive.
///
/// Keys must be scalars, and a key's identity is its text, so quoted `"a"` and plain `a` are the same key. A
/// repeated key is an error at the second one naming the first, reported as soon as the key is read (so it is not
/// lost if a syntax error ends the parse later in the same mapping); one dictionary per mapping keeps it linear.
/// Merge keys (`<<`) are resolved when the mapping ends, see `MergeKey`.
struct MappingBuilder {
    private var firstSeen: [String: SourceLocation] = [:]
    private var parts: [MergeKey.Part] = []
    /// The key waiting for its value; `nil` between entries. `accepted` is false for a rejected key, whose value
    /// is then dropped.
    private var pendingKey: (node: BuiltNode, accepted: Bool)?
    /// Comparisons of a new key with the keys before it (`ParseWork.keyComparisons`): one dictionary lookup per key,
    /// counted as one. Any other way of finding a repeated key must count each key it compares with.
    private(set) var keyComparisons = 0

    /// Adds the next key or value.
    mutating func add(_ child: BuiltNode, diagnostics: inout [Diagnostic]) {
        guard let (key, accepted) = pendingKey else {
            pendingKey = (child, accept(key: child, diagnostics: &diagnostics))
            return
        }
        pendingKey = nil
        guard accepted, let scalar = key.node.scalar else { return }
        if MergeKey.isMergeKey(scalar) {
            if let part = MergeKey.part(from: child, diagnostics: &diagnostics) { parts.append(part) }
        } else {
            let entry = MappingEntry(key: scalar, keyLocation: key.site, value: child.node)
            parts.append(.entry(entry, size: 1 + child.size, height: child.height))
        }
    }

    private mutating func accept(key: BuiltNode, diagnostics: inout [Diagnostic]) -> Bool {
        guard let scalar = key.node.scalar else {
            diagnostics.append(YAMLMessages.nonScalarKey(found: key.node.kindDescription, at: key.site))
            return false
        }
        keyComparisons += 1
        if let first = firstSeen[scalar.text] {
            diagnostics.append(YAMLMessages.duplicateKey(scalar.text, first: first, at: key.site))
            return false
        }
        firstSeen[scalar.text] = key.site
        return true
    }

    /// The finished mapping (merge keys resolved).
    func finish(at location: SourceLocation) -> BuiltNode {
        MergeKey.resolve(parts, at: location)
    }
}
