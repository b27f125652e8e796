import SproutDiagnostics

/// One node of a parsed YAML document: a scalar, a sequence or a mapping, with the place it starts.
///
/// Aliases are already expanded (each use of `*a` is a copy of the anchored node, keeping the anchor's marks),
/// so consumers never see anchors.
public struct Node: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case scalar(Scalar)
        case sequence([Node])
        /// Entries in document order; keys are unique (a duplicate is a parse error).
        case mapping([MappingEntry])
    }

    public var kind: Kind
    /// The 1-based position of the node's first character (for a scalar: its first character, or its opening quote).
    public var location: SourceLocation

    public init(_ kind: Kind, at location: SourceLocation) {
        self.kind = kind
        self.location = location
    }
}

/// One `key: value` pair of a mapping. Keys are scalars; a key's identity is its text, so quoted `"a"` and plain
/// `a` are the same key (and so are the keys JSON would print the same).
public struct MappingEntry: Sendable, Hashable {
    public var key: Scalar
    public var keyLocation: SourceLocation
    public var value: Node

    public init(key: Scalar, keyLocation: SourceLocation, value: Node) {
        self.key = key
        self.keyLocation = keyLocation
        self.value = value
    }
}

/// A scalar as written (its text and whether it was quoted) and its YAML 1.2 core-schema value.
public struct Scalar: Sendable, Hashable {
    public enum Style: Sendable, Hashable {
        /// Plain (unquoted) scalars are typed by the core schema.
        case plain
        /// Single- or double-quoted, literal or folded block scalars: always strings.
        case quoted
    }

    /// The text after YAML's own unescaping and folding.
    public var text: String
    public var style: Style
    public var value: ScalarValue

    public init(text: String, style: Style, value: ScalarValue) {
        self.text = text
        self.style = style
        self.value = value
    }
}

/// The value of a scalar under the YAML 1.2 core schema.
public enum ScalarValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int64)
    case float(Double)
    case string(String)
}

extension Node {
    /// The scalar, when this node is one.
    public var scalar: Scalar? {
        if case .scalar(let s) = kind { return s }
        return nil
    }

    /// The mapping entries, when this node is a mapping.
    public var mappingEntries: [MappingEntry]? {
        if case .mapping(let entries) = kind { return entries }
        return nil
    }

    /// The items, when this node is a sequence.
    public var sequenceItems: [Node]? {
        if case .sequence(let items) = kind { return items }
        return nil
    }

    /// The value for `key` in a mapping (linear search: mappings in configs are small).
    public subscript(key: String) -> Node? {
        mappingEntries?.first(where: { $0.key.text == key })?.value
    }

    /// "a mapping", "a sequence", "a string", ... for messages like "expected a number, found a string".
    public var kindDescription: String {
        switch kind {
        case .mapping: return "a mapping"
        case .sequence: return "a sequence"
        case .scalar(let s):
            switch s.value {
            case .null: return "null"
            case .bool: return "a boolean"
            case .int: return "an integer"
            case .float: return "a number"
            case .string: return "a string"
            }
        }
    }
}
