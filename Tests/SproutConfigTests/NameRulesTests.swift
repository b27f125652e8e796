import Foundation
import Testing
@testable import SproutConfig

/// The name rules exist twice by necessity: as Swift checks (what Sprout enforces) and as regular expressions (what
/// editors enforce through the JSON Schema). These tests hold the two to the same answers.
@Suite struct NameRulesTests {
    static let runNames: [(String, Bool)] = [
        ("xor", true), ("xor-zeros", true), ("a.b_c-1", true), ("9lives", true), ("-x", true), ("_", true),
        ("", false), (".hidden", false), ("..", false), ("../up", false), ("a/b", false), ("a b", false),
        ("ü", false), (String(repeating: "a", count: 100), true), (String(repeating: "a", count: 101), false),
    ]
    static let nodeNames: [(String, Bool)] = [
        ("hidden", true), ("block3-dense", true), ("_x", true), ("7", true), ("", false), ("a.b", false),
        ("a b", false), ("é", false), (String(repeating: "n", count: 64), true), (String(repeating: "n", count: 65), false),
    ]

    static func matches(_ pattern: String, _ text: String) -> Bool {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return false }
        return regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    @Test(arguments: runNames)
    func runName(name: String, valid: Bool) {
        #expect(NameRules.isValidRunName(name) == valid)
        #expect(Self.matches(NameRules.pattern(.run), name) == valid)
    }

    @Test(arguments: nodeNames)
    func nodeName(name: String, valid: Bool) {
        #expect(NameRules.isValidNodeName(name) == valid)
        #expect(Self.matches(NameRules.pattern(.node), name) == valid)
    }
}
