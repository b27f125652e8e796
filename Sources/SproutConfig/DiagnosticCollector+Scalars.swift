import Foundation
import SproutDiagnostics
import SproutYAML

/// Typed readers for scalar settings. Each reports a wrong type or an out-of-range value at the value's position
/// and returns `nil`, so decoding goes on and finds the other problems too.
extension DiagnosticCollector {
    /// An integer in `range` (YAML ints only: `8.0` is rejected rather than truncated).
    func integer(_ node: Node, _ name: String, in range: ClosedRange<Int>) -> Int? {
        guard case .scalar(let scalar) = node.kind, case .int(let value) = scalar.value else {
            report(.typeMismatch, "'\(name)' must be an integer, found \(node.kindDescription)", at: node.location,
                   help: Self.integerHelp(node))
            return nil
        }
        guard value >= Int64(range.lowerBound) else {
            report(.outOfRange, "'\(name)' must be \(Self.describe(range)), found \(value)", at: node.location)
            return nil
        }
        guard value <= Int64(range.upperBound) else {
            // Above a technical bound (2^31 - 1: BLAS's dimensions), the bound itself is what to say.
            let bound = range.upperBound >= Int(Int32.max) ? "at most \(range.upperBound)" : Self.describe(range)
            report(.outOfRange, "'\(name)' must be \(bound), found \(value)", at: node.location)
            return nil
        }
        return Int(value)
    }

    /// A finite number (int or float) within `range` and within float32.
    func number(_ node: Node, _ name: String, _ range: NumberRange = .any) -> Double? {
        let value: Double
        switch node.scalar?.value {
        case .int(let i)?: value = Double(i)
        case .float(let f)?: value = f
        default:
            report(.typeMismatch, "'\(name)' must be a number, found \(node.kindDescription)", at: node.location,
                   help: Self.quotedNumberHelp(node))
            return nil
        }
        guard value.isFinite else {
            report(.notFinite, "'\(name)' must be finite, found \(node.scalar?.text ?? "")", at: node.location)
            return nil
        }
        // Sprout computes in float32: a larger value would become infinity there.
        guard abs(value) <= Double(Float.greatestFiniteMagnitude) else {
            report(.outOfRange, "'\(name)' is too large for float32 (at most 3.4028235e+38), found \(node.scalar?.text ?? "")",
                   at: node.location)
            return nil
        }
        if let problem = range.problem(value) {
            report(.outOfRange, "'\(name)' \(problem), found \(node.scalar?.text ?? "")", at: node.location)
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
        report(.typeMismatch, "'\(name)' must be true or false, found \(node.kindDescription)", at: node.location, help: help)
        return nil
    }

    /// A string scalar (a plain or quoted scalar typed as a string by the core schema). `choices`: the words a
    /// word-valued setting takes, listed when the value is not a string (`normalize: true`).
    func string(_ node: Node, _ name: String, choices: [String]? = nil) -> String? {
        if case .string(let s)? = node.scalar?.value { return s }
        var help: [String] = []
        if let choices { help = ["write one of: " + choices.joined(separator: ", ")] }
        report(.typeMismatch, "'\(name)' must be a string, found \(node.kindDescription)", at: node.location, help: help)
        return nil
    }

    /// For an integer setting given a whole number written as a float (`2e2`, `8.0`) or a quoted integer: how to write it.
    static func integerHelp(_ node: Node) -> [String] {
        guard let scalar = node.scalar else { return [] }
        switch scalar.value {
        case .float(let value) where value.isFinite && value == value.rounded() && abs(value) < 1e15:
            return ["YAML reads '\(Suggestions.display(scalar.text))' as a float; write the whole number \(Int64(value))"]
        case .string(let text) where Int64(text.trimmingCharacters(in: .whitespaces)) != nil:
            return ["remove the quotes: YAML reads a quoted value as a string"]
        default:
            return []
        }
    }

    /// For a number setting given a quoted number (`lr: "1e-3"`): remove the quotes.
    static func quotedNumberHelp(_ node: Node) -> [String] {
        guard case .string(let text)? = node.scalar?.value, Double(text.trimmingCharacters(in: .whitespaces)) != nil
        else { return [] }
        return ["remove the quotes: YAML reads a quoted value as a string, and '\(Suggestions.display(text))' is a number"]
    }

    /// One of a fixed set of words, with a did-you-mean.
    func choice<T: CaseIterable & RawRepresentable>(_ node: Node, _ name: String, as type: T.Type) -> T?
    where T.RawValue == String {
        let all = T.allCases.map(\.rawValue)
        guard let word = string(node, name, choices: all) else { return nil }
        if let value = T(rawValue: word) { return value }
        report(.unknownChoice, "unknown \(name) '\(Suggestions.display(word))'", at: node.location, help: [Suggestions.help(for: word, among: all, kind: "choices")])
        return nil
    }

    /// "between 4 and 10000000", or "at least 1" when the upper bound is only a technical one (2^31 - 1 or more).
    private static func describe(_ range: ClosedRange<Int>) -> String {
        if range.upperBound >= Int(Int32.max) { return "at least \(range.lowerBound)" }
        return "between \(range.lowerBound) and \(range.upperBound)"
    }
}
