import SproutDiagnostics
import SproutYAML

/// Typed readers for scalar settings. Each reports a wrong type or an out-of-range value at the value's position
/// and returns `nil`, so decoding goes on and finds the other problems too.
extension DiagnosticCollector {
    /// An integer in `range` (YAML ints only: `8.0` is rejected rather than truncated).
    func integer(_ node: Node, _ name: String, in range: ClosedRange<Int>) -> Int? {
        guard case .scalar(let scalar) = node.kind, case .int(let value) = scalar.value else {
            error("'\(name)' must be an integer, found \(node.kindDescription)", at: node.location)
            return nil
        }
        guard value >= Int64(range.lowerBound), value <= Int64(range.upperBound) else {
            error("'\(name)' must be \(Self.describe(range)), found \(value)", at: node.location)
            return nil
        }
        return Int(value)
    }

    /// A non-negative integer (seeds): 0 to 2^63 - 1, what a YAML integer can hold.
    func unsigned(_ node: Node, _ name: String) -> UInt64? {
        guard case .scalar(let scalar) = node.kind, case .int(let value) = scalar.value else {
            error("'\(name)' must be an integer, found \(node.kindDescription)", at: node.location)
            return nil
        }
        guard value >= 0 else {
            error("'\(name)' must be 0 or more, found \(value)", at: node.location)
            return nil
        }
        return UInt64(value)
    }

    /// A finite number (int or float) that passes `rule`; the rule returns what is wrong, e.g. "must be > 0".
    func number(_ node: Node, _ name: String, _ rule: NumberRule = .any) -> Double? {
        let value: Double
        switch node.scalar?.value {
        case .int(let i)?: value = Double(i)
        case .float(let f)?: value = f
        default:
            error("'\(name)' must be a number, found \(node.kindDescription)", at: node.location)
            return nil
        }
        guard value.isFinite else {
            error("'\(name)' must be finite, found \(node.scalar?.text ?? "")", at: node.location)
            return nil
        }
        // Sprout computes in float32: a larger value would become infinity there.
        guard abs(value) <= Double(Float.greatestFiniteMagnitude) else {
            error("'\(name)' is too large for float32 (at most 3.4028235e+38), found \(node.scalar?.text ?? "")",
                  at: node.location)
            return nil
        }
        if let problem = rule.problem(value) {
            error("'\(name)' \(problem), found \(node.scalar?.text ?? "")", at: node.location)
            return nil
        }
        return value
    }

    func boolean(_ node: Node, _ name: String) -> Bool? {
        if case .bool(let b)? = node.scalar?.value { return b }
        var help: [String] = []
        if let text = node.scalar?.text, ["yes", "no", "on", "off", "y", "n"].contains(text.lowercased()) {
            help = ["YAML 1.2 reads '\(text)' as a string; write true or false"]
        }
        error("'\(name)' must be true or false, found \(node.kindDescription)", at: node.location, help: help)
        return nil
    }

    /// A string scalar (a plain or quoted scalar typed as a string by the core schema).
    func string(_ node: Node, _ name: String) -> String? {
        if case .string(let s)? = node.scalar?.value { return s }
        error("'\(name)' must be a string, found \(node.kindDescription)", at: node.location)
        return nil
    }

    /// One of a fixed set of words, with a did-you-mean.
    func choice<T: CaseIterable & RawRepresentable>(_ node: Node, _ name: String, as type: T.Type) -> T?
    where T.RawValue == String {
        guard let word = string(node, name) else { return nil }
        if let value = T(rawValue: word) { return value }
        let all = T.allCases.map(\.rawValue)
        error("unknown \(name) '\(Suggestions.display(word))'", at: node.location, help: [Suggestions.help(for: word, among: all, kind: "choices")])
        return nil
    }

    private static func describe(_ range: ClosedRange<Int>) -> String {
        if range.upperBound == Int.max { return "at least \(range.lowerBound)" }
        return "between \(range.lowerBound) and \(range.upperBound)"
    }
}

/// A range check for a number setting, stated once with its message.
struct NumberRule: Sendable {
    let problem: @Sendable (Double) -> String?

    static let any = NumberRule { _ in nil }
    static let positive = NumberRule { $0 > 0 ? nil : "must be greater than 0" }
    static let nonNegative = NumberRule { $0 >= 0 ? nil : "must be 0 or more" }
    /// [0, 1): momentum, dropout rate, validation fraction.
    static let unitInterval = NumberRule { $0 >= 0 && $0 < 1 ? nil : "must be at least 0 and less than 1" }
}
