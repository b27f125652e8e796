import SproutYAML

extension YAMLTree {
    /// The node as one line of flow YAML, which reads back as the same tree: `0.1`, `[hidden, skip]`,
    /// `{type: sgd, lr: 0.1, momentum: 0.0}`. Mappings keep their document order; separators are `", "` and
    /// `": "`; scalars are written as `YAMLScalar.flowText` writes them.
    public var flowText: String {
        switch self {
        case .scalar(let scalar): return scalar.flowText
        case .sequence(let items): return "[" + items.map(\.flowText).joined(separator: ", ") + "]"
        case .mapping(let entries):
            return "{" + entries.map { YAMLScalar.plainOrQuoted($0.key) + ": " + $0.value.flowText }
                .joined(separator: ", ") + "}"
        }
    }
}

extension YAMLScalar {
    /// A number, boolean or null as its text (`0.1` stays `0.1`); a string plain when it reads back as the same
    /// string (`adam`, `/data/fruit.csv`), else double-quoted with JSON's escapes, which are YAML's too
    /// (`"a b"`, `""`, `"16"`, `"true"`, `"h*"`). So a string is told from a number of the same digits, and a
    /// description's spaces and line breaks stay on one line.
    public var flowText: String { isString ? Self.plainOrQuoted(text) : text }

    /// Plain when a plain scalar with this text is the same string in a flow collection: an ASCII letter, `_` or
    /// `/` first (a digit, sign or `.` could make a number), then letters, digits and `_-./+@%~` only (no space,
    /// no `:`, `#`, `,` or bracket), and none of the core schema's null and boolean words. Anything else is quoted:
    /// quoting more than needed is still correct YAML, quoting less would change the value.
    static func plainOrQuoted(_ text: String) -> String {
        let words: Set<String> = ["null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE"]
        func isLetter(_ c: Unicode.Scalar) -> Bool { ("a"..."z").contains(c) || ("A"..."Z").contains(c) }
        let scalars = Array(text.unicodeScalars)
        guard let first = scalars.first, isLetter(first) || first == "_" || first == "/", !words.contains(text),
              scalars.allSatisfy({ isLetter($0) || ("0"..."9").contains($0) || "_-./+@%~".unicodeScalars.contains($0) })
        else { return JSONString.quoted(text) }
        return text
    }
}
