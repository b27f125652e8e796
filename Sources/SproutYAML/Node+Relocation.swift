import SproutDiagnostics

extension Node {
    /// The same tree with every location (each node's and each mapping key's) passed through `move`: a value parsed
    /// on its own (a command-line override's `value` in `key=value`) placed where it was written (`<arguments>`,
    /// its argument's line, the columns after the `=`).
    public func relocated(_ move: (SourceLocation) -> SourceLocation) -> Node {
        switch kind {
        case .scalar:
            return Node(kind, at: move(location))
        case .sequence(let items):
            return Node(.sequence(items.map { $0.relocated(move) }), at: move(location))
        case .mapping(let entries):
            return Node(.mapping(entries.map {
                MappingEntry(key: $0.key, keyLocation: move($0.keyLocation), value: $0.value.relocated(move))
            }), at: move(location))
        }
    }
}
