import SproutDiagnostics
import SproutYAML

/// Reading a `.pair` field: one integer for both axes of an image, or `[height, width]`.
extension SectionReader {
    /// The pair written at `key`, its default (one integer for both axes) when absent, or `nil` after reporting a
    /// wrong form or value. A field whose default is computed (a pool's stride) gives `nil` silently when absent:
    /// check `self[key] == nil`.
    func pair(_ key: String) -> AxisPair? {
        guard let value = value(key) else {
            if case .defaultValue(.integer(let both))? = fields.first(where: { $0.name == key })?.requirement {
                return AxisPair(both, both)
            }
            return nil
        }
        guard let range = Self.pairRange(fields.first { $0.name == key }?.type) else { return nil }
        return diagnostics.pair(value, key, in: range)
    }

    /// The integers a pair field takes, found also among an `.either`'s forms (a convolution's padding).
    static func pairRange(_ type: SchemaType?) -> ClosedRange<Int>? {
        switch type {
        case .pair(let range)?: return range
        case .either(let forms)?: return forms.lazy.compactMap { pairRange($0) }.first
        default: return nil
        }
    }
}

extension DiagnosticCollector {
    /// `5` (both axes) or `[5, 3]` (height, width), each in `range`.
    func pair(_ node: Node, _ name: String, in range: ClosedRange<Int>) -> AxisPair? {
        if node.scalar != nil {
            return integer(node, name, in: range).map { AxisPair($0, $0) }
        }
        guard let items = node.sequenceItems, items.count == 2 else {
            let found = node.sequenceItems.map { "a list of \($0.count)" } ?? node.kindDescription
            report(.typeMismatch, "'\(name)' must be one integer or a list [height, width] of two, found \(found)",
                   at: node.location, help: ["write \(name): 3 for both axes, or \(name): [3, 5]"])
            return nil
        }
        let height = integer(items[0], name, in: range), width = integer(items[1], name, in: range)
        guard let height, let width else { return nil }
        return AxisPair(height, width)
    }
}
