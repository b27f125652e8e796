import Foundation
import SproutConfig
import Testing

/// The table of other libraries' names (`Synonyms`): listed in docs/config.md as it is, each Sprout name a word of
/// the language (a key or a choice of schemas/experiment.schema.json), each word listed once; and the help it gives
/// only where Sprout's name is valid and not already close by spelling.
@Suite struct SynonymsTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Every property name and every enum or const string of the JSON Schema, recursively.
    static func vocabulary() throws -> Set<String> {
        let data = try Data(contentsOf: root.appendingPathComponent("schemas/experiment.schema.json"))
        var words = Set<String>()
        func walk(_ value: Any) {
            if let object = value as? [String: Any] {
                if let properties = object["properties"] as? [String: Any] { words.formUnion(properties.keys) }
                if let choices = object["enum"] as? [Any] { words.formUnion(choices.compactMap { $0 as? String }) }
                if let constant = object["const"] as? String { words.insert(constant) }
                object.values.forEach(walk)
            } else if let array = value as? [Any] {
                array.forEach(walk)
            }
        }
        walk(try JSONSerialization.jsonObject(with: data))
        return words
    }

    @Test func everySproutNameIsAWordOfTheLanguage() throws {
        let words = try Self.vocabulary()
        #expect(words.contains("lr") && words.contains("cross_entropy"), "the schema walk found the language's words")
        for entry in Synonyms.table { #expect(words.contains(entry.sprout), "\(entry.word) -> \(entry.sprout)") }
        let keys = Synonyms.table.map { Synonyms.key($0.word) }
        #expect(keys.count == Set(keys).count, "a word is listed twice")
    }

    @Test func docsListTheTable() throws {
        let text = try String(contentsOf: Self.root.appendingPathComponent("docs/config.md"), encoding: .utf8)
        let section = try #require(text.components(separatedBy: "## Names from Keras and PyTorch").dropFirst().first?
            .components(separatedBy: "\n## ").first)
        let rows = section.split(separator: "\n").filter { $0.hasPrefix("| `") }.map { line in
            line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "`")) }
        }
        #expect(rows == Synonyms.table.map { [$0.word, $0.sprout, $0.origin] })
    }

    @Test func theHelpNamesSproutsWordOnlyWhereItIsValid() {
        #expect(Synonyms.help(for: "learning_rate", among: ["type", "lr", "momentum"])
                == "did you mean 'lr'? ('learning_rate' is what Keras calls it)")
        // Case, `_` and `-` do not matter.
        #expect(Synonyms.help(for: "CATEGORICAL-CROSSENTROPY", among: ["cross_entropy", "mse"])?
            .hasPrefix("did you mean 'cross_entropy'?") == true)
        // In train (no `lr` there) the word gets no synonym.
        #expect(Synonyms.help(for: "learning_rate", among: ["loss", "optimizer", "epochs"]) == nil)
        // A spelling already close is the edit distance's: no origin claimed for it.
        #expect(Suggestions.help(for: "leakyrelu", among: ["relu", "leaky_relu"], kind: "choices") == "did you mean 'leaky_relu'?")
    }
}
