extension LibYAMLFailure {
    /// libyaml's two messages for a line out of line, in Sprout's words, naming the key or item that is out of line
    /// and the column it should be at (columns 1-based, as diagnostics count them):
    ///
    /// - "did not find expected key" (a line indented between a mapping's keys and the entries above it):
    ///   `'samples' starts at column 3, in line with neither the keys of the mapping at line 2 (column 5) nor ...`;
    /// - "mapping values are not allowed in this context": a `key:` indented deeper than the key above it (YAML
    ///   reads it as more of that key's value), or a second `: ` on one line (a value holding `: ` must be quoted).
    func indentationHelp(in source: SourceText) -> [String] {
        let lines = source.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard problemMark.line < lines.count else { return [] }
        let line = lines[problemMark.line]
        let indent = line.prefix { $0 == " " }.count
        let entry = Self.entryName(line)
        switch problem {
        case "did not find expected key":
            guard let contextMark, contextMark.line < lines.count else { return [] }
            let keys = contextMark.column
            let above = Self.previousEntry(lines, before: problemMark.line)
            var columns = "the keys of the mapping at line \(contextMark.line + 1) (column \(keys + 1))"
            if let above, above.indent != keys {
                columns += " nor line \(above.line + 1) above it (column \(above.indent + 1))"
            }
            return ["\(entry) starts at column \(indent + 1), in line with neither \(columns): indent it to the column "
                    + "of the entries it belongs with"]
        case "mapping values are not allowed in this context":
            let before = line.prefix(problemMark.column)
            if before.contains(": ") || before.contains(":\t") {
                return ["a value with ': ' in it must be quoted (\"...\"), or the line holds two keys"]
            }
            guard let above = Self.previousEntry(lines, before: problemMark.line), above.indent < indent else { return [] }
            return ["\(entry) is indented deeper (column \(indent + 1)) than \(Self.entryName(lines[above.line])) on line "
                    + "\(above.line + 1) (column \(above.indent + 1)), so YAML reads it as more of that line's value: line "
                    + "it up with column \(above.indent + 1)"]
        default:
            return []
        }
    }

    /// How a line's entry is named: `'samples'` for a key, `the item '- tanh'` for a list item.
    static func entryName(_ line: String) -> String {
        let text = line.drop { $0 == " " }
        if text.hasPrefix("-") { return "the item '\(text.prefix(40))'" }
        let key = text.prefix { $0 != ":" }
        return "'\(key.prefix(40))'"
    }

    /// The nearest line above `index` that holds an entry (not blank, not a comment), and its indentation.
    static func previousEntry(_ lines: [String], before index: Int) -> (line: Int, indent: Int)? {
        for candidate in stride(from: index - 1, through: 0, by: -1) {
            let text = lines[candidate].drop { $0 == " " }
            guard !text.isEmpty, !text.hasPrefix("#") else { continue }
            return (candidate, lines[candidate].count - text.count)
        }
        return nil
    }
}
