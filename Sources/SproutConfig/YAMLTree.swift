import SproutDiagnostics
import SproutYAML

/// A YAML document as plain values: mappings in document order, sequences, and scalars as their text. For modules
/// that compare or print YAML but may not import the YAML layer (`SproutRuns` compares two resolved configs with
/// it, see `ConfigChanges`).
///
/// Not JSON through `JSONSerialization`: that loses the mapping order and, on Linux, prints `0.1` as
/// `0.10000000000000001`. Here a scalar keeps its text, so `0.1` stays `0.1` and a changed value is shown as the
/// file writes it.
public indirect enum YAMLTree: Sendable, Hashable {
    case scalar(YAMLScalar)
    case sequence([YAMLTree])
    /// Entries in document order; keys are unique (a duplicate key is a parse error).
    case mapping([YAMLTreeEntry])

    /// Parses one YAML document (the YAML 1.2 core schema, aliases and merge keys expanded, within the default
    /// `YAMLLimits`); its top level must be a mapping. `file` names the text in the diagnostics. Throws on any
    /// error the YAML layer finds, with its line and column.
    public static func parse(_ text: String, file: String) throws(DiagnosticError) -> YAMLTree {
        YAMLTree(try YAMLDocument.parse(text, file: file))
    }

    init(_ node: Node) {
        switch node.kind {
        case .scalar(let scalar):
            if case .string = scalar.value {
                self = .scalar(YAMLScalar(text: scalar.text, isString: true))
            } else {
                self = .scalar(YAMLScalar(text: scalar.text, isString: false))
            }
        case .sequence(let items):
            self = .sequence(items.map(YAMLTree.init))
        case .mapping(let entries):
            self = .mapping(entries.map { YAMLTreeEntry(key: $0.key.text, value: YAMLTree($0.value)) })
        }
    }

    /// The value for `key` in a mapping (linear search: mappings in configs are small); nil for other nodes.
    public subscript(key: String) -> YAMLTree? {
        guard case .mapping(let entries) = self else { return nil }
        return entries.first { $0.key == key }?.value
    }
}

/// One `key: value` pair of a `YAMLTree` mapping; the key is its text (quoted `"a"` and plain `a` are one key).
public struct YAMLTreeEntry: Sendable, Hashable {
    public var key: String
    public var value: YAMLTree

    public init(key: String, value: YAMLTree) {
        self.key = key
        self.value = value
    }
}

/// A scalar's text after YAML's own unescaping (`0.1`, `true`, `/data/fruit.csv`), and whether the core schema
/// reads it as a string: a quoted `"16"` is a string, a plain `16` an integer, and they are different values.
public struct YAMLScalar: Sendable, Hashable {
    public var text: String
    public var isString: Bool

    public init(text: String, isString: Bool) {
        self.text = text
        self.isString = isString
    }
}
