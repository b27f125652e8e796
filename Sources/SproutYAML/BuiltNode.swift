import SproutDiagnostics

/// A node under construction with the bookkeeping the limits need.
struct BuiltNode: Sendable {
    var node: Node
    /// Nodes in the subtree (itself, every key, every value), precomputed so that an alias is priced before it is
    /// copied. For a mapping with merge keys it is an upper bound (overridden merged keys still count).
    var size: Int
    /// Collection levels in the subtree: 0 for a scalar, 1 for a flat sequence or mapping.
    var height: Int
    /// Where this use of the node appears: its own start, or the `*alias` that copied it (the anchored node keeps
    /// its own locations inside).
    var site: SourceLocation
    /// A null standing in for a node that could not be built (an undefined alias), already reported: checks that
    /// would complain about its kind (a merge value, the top level) stay silent, so one mistake is one diagnostic.
    var isPlaceholder = false
}

/// Anchors seen so far: the completed ones (an alias copies them) and the ones still open (an alias to one of
/// those would be a node containing itself).
struct AnchorTable: Sendable {
    private var complete: [String: BuiltNode] = [:]
    private var open: [String: Int] = [:]

    enum Lookup {
        case found(BuiltNode)
        case recursive
        case undefined(defined: [String])
    }

    mutating func begin(_ name: String) {
        open[name, default: 0] += 1
    }

    /// Records a finished anchored node; a later anchor with the same name replaces it, as YAML specifies.
    mutating func define(_ name: String, as node: BuiltNode, wasOpen: Bool) {
        complete[name] = node
        if wasOpen, let count = open[name] {
            open[name] = count > 1 ? count - 1 : nil
        }
    }

    func lookup(_ name: String) -> Lookup {
        if open[name] != nil { return .recursive }
        if let node = complete[name] { return .found(node) }
        return .undefined(defined: Array(complete.keys))
    }
}
