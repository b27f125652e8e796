/// Renders diagnostics with the offending source line and a caret under the column.
///
/// The caret line copies the tabs of the source line before the column, so the caret lands under the right
/// character whatever the terminal's tab width.
public struct DiagnosticRenderer: Sendable {
    /// The source lines of each file, by file name as it appears in `SourceLocation.file`.
    private var sources: [String: [Substring]] = [:]

    public init() {}

    /// Registers the text of a file so that its diagnostics can show the source line.
    public mutating func addSource(_ text: String, for file: String) {
        sources[file] = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
    }

    /// The full text of one diagnostic: headline, source line and caret (when the line is known), notes, help.
    /// Ends without a trailing newline.
    public func render(_ diagnostic: Diagnostic) -> String {
        var lines = [diagnostic.headline]
        if let location = diagnostic.location,
           let fileLines = sources[location.file],
           location.line >= 1, location.line <= fileLines.count {
            let source = String(fileLines[location.line - 1].filter { $0 != "\r" })
            lines.append(source)
            lines.append(Self.caretLine(under: source, column: location.column))
        }
        lines += diagnostic.notes.map { "note: \($0)" }
        lines += diagnostic.help.map { "help: \($0)" }
        return lines.joined(separator: "\n")
    }

    /// Spaces (or the source's own tabs) up to `column`, then `^`.
    static func caretLine(under source: String, column: Int) -> String {
        var prefix = ""
        for (index, scalar) in source.unicodeScalars.enumerated() where index < column - 1 {
            prefix.append(scalar == "\t" ? "\t" : " ")
        }
        if column - 1 > prefix.unicodeScalars.count {
            prefix += String(repeating: " ", count: column - 1 - prefix.unicodeScalars.count)
        }
        return prefix + "^"
    }
}
