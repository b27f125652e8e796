import SproutYAML

/// A JSON value whose objects keep their keys in the order written, printed deterministically: what
/// `sprout schema` writes and the committed schemas/experiment.schema.json is compared against.
public indirect enum JSONValue: Sendable, Hashable {
    case string(String)
    case integer(Int)
    case number(Double)
    case boolean(Bool)
    case array([JSONValue])
    case object([(key: String, value: JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool { a.pretty() == b.pretty() }
    public func hash(into hasher: inout Hasher) { hasher.combine(pretty()) }

    /// Two-space indented JSON ending without a newline; arrays of plain values stay on one line.
    public func pretty(indent: String = "") -> String {
        let inner = indent + "  "
        switch self {
        case .string(let s): return Self.quote(s)
        case .integer(let i): return String(i)
        case .number(let d): return Self.format(d)
        case .boolean(let b): return b ? "true" : "false"
        case .array(let items):
            if items.isEmpty { return "[]" }
            if items.allSatisfy(\.isScalar) { return "[" + items.map { $0.pretty() }.joined(separator: ", ") + "]" }
            return "[\n" + items.map { inner + $0.pretty(indent: inner) }.joined(separator: ",\n") + "\n" + indent + "]"
        case .object(let members):
            if members.isEmpty { return "{}" }
            return "{\n" + members.map { inner + Self.quote($0.key) + ": " + $0.value.pretty(indent: inner) }
                .joined(separator: ",\n") + "\n" + indent + "}"
        }
    }

    var isScalar: Bool {
        switch self {
        case .array, .object: return false
        default: return true
        }
    }

    /// Whole numbers without a fraction (JSON Schema bounds read better as `0` than `0.0`), others in Swift's
    /// shortest round-trip form.
    static func format(_ d: Double) -> String {
        if d == d.rounded(), abs(d) < 1e15 { return String(Int(d)) }
        return "\(d)"
    }

    /// RFC 8259 string escaping.
    static func quote(_ s: String) -> String { JSONString.quoted(s) }
}
