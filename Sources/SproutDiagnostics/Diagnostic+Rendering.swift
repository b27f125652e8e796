/// Renders diagnostics with the offending source line and a caret under the column.
///
/// The caret line copies the tabs of the source line before the column, so the caret lands under the right
/// character whatever the terminal's tab width.
public struct DiagnosticRenderer: Sendable {
    /// The source of each file, by file name as it appears in `SourceLocation.file`, split into lines once.
    private var sources: [String: SourceLines] = [:]
    /// Colour the output for a terminal (`DiagnosticColors`); plain text otherwise (files, pipes, tests).
    public var colored = false

    public init() {}

    /// Registers the text of a file so that its diagnostics can show the source line.
    public mutating func addSource(_ text: String, for file: String) {
        sources[file] = SourceLines(text)
    }

    /// The full text of one diagnostic: headline (with the rule's id), source line and caret (when the line is
    /// known), notes, help. A note with its own location renders as `file:line:column: note: ...` followed by its
    /// own source line and caret when its file is registered. Ends without a trailing newline.
    public func render(_ diagnostic: Diagnostic) -> String {
        var lines = [colored ? DiagnosticColors.headline(diagnostic) : diagnostic.headline]
        lines += excerpt(at: diagnostic.location)
        for note in diagnostic.notes {
            guard let location = note.location else {
                lines.append(label("note", note.message))
                continue
            }
            lines.append("\(location): " + label("note", note.message))
            lines += excerpt(at: location)
        }
        lines += diagnostic.help.map { label("help", $0) }
        return lines.joined(separator: "\n")
    }

    private func label(_ name: String, _ text: String) -> String {
        colored ? DiagnosticColors.label(name, text) : "\(name): \(text)"
    }

    /// The source line at `location` and the caret line under its column; empty when the file was not
    /// registered or the line is outside it.
    private func excerpt(at location: SourceLocation?) -> [String] {
        guard let location, let file = sources[location.file],
              location.line >= 1, location.line <= file.lines.count else { return [] }
        let (shown, column) = Self.window(of: file.scalars[file.lines[location.line - 1]], around: location.column)
        let caret = Self.caretLine(under: shown, column: column)
        return [shown, colored ? DiagnosticColors.caret(caret) : caret]
    }

    /// A file's text as Unicode scalars and each line's range in them (without its line break), made once by
    /// `addSource`: an excerpt then costs its window, at most `maxWidth` scalars, not its whole line. (Copying the
    /// line for every diagnostic made 30 000 diagnostics on one 300 000-character line, a file of unknown keys,
    /// take minutes; Fuzz/regressions/slow-render-*.)
    private struct SourceLines: Sendable {
        var scalars: [Unicode.Scalar] = []
        var lines: [Range<Int>] = []

        /// Lines end at the line breaks of YAML 1.1 as libyaml 0.2.5 counts them: LF, CR, CRLF, NEL (U+0085), LS
        /// (U+2028) and PS (U+2029), so that line N here is libyaml's line N. (Swift's `isNewline` would also split
        /// at vertical tab and form feed, which libyaml does not.)
        init(_ text: String) {
            scalars.reserveCapacity(text.utf8.count)
            var start = 0
            var afterCR = false
            for scalar in text.unicodeScalars {
                defer { afterCR = scalar == "\r" }
                if scalar == "\n" && afterCR { continue }  // the LF of a CRLF: its line ended at the CR
                if scalar == "\n" || scalar == "\r" || scalar == "\u{85}" || scalar == "\u{2028}" || scalar == "\u{2029}" {
                    lines.append(start..<scalars.count)
                    start = scalars.count
                } else {
                    scalars.append(scalar)
                }
            }
            lines.append(start..<scalars.count)
        }
    }

    /// Lines longer than `maxWidth` characters (a 100 000-bracket line) are cut to a window around the column,
    /// with `…` where text was left out; returns the text to show and the caret's column within it.
    static func window(of source: String, around column: Int, maxWidth: Int = 120) -> (String, Int) {
        window(of: Array(source.unicodeScalars)[...], around: column, maxWidth: maxWidth)
    }

    /// `window(of:around:maxWidth:)` for a line's scalars: reads only the scalars it shows.
    static func window(of scalars: ArraySlice<Unicode.Scalar>, around column: Int, maxWidth: Int = 120) -> (String, Int) {
        var shown = ""
        guard scalars.count > maxWidth else {
            shown.unicodeScalars.append(contentsOf: scalars)
            return (shown, column)
        }
        let start = max(0, min(column - 1 - maxWidth / 2, scalars.count - maxWidth))
        let end = min(scalars.count, start + maxWidth)
        if start > 0 { shown = "…" }
        shown.unicodeScalars.append(contentsOf: scalars[(scalars.startIndex + start)..<(scalars.startIndex + end)])
        if end < scalars.count { shown += "…" }
        return (shown, column - start + (start > 0 ? 1 : 0))
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
