import Foundation
import SproutDiagnostics
import Testing

@Suite struct RendererTests {
    func render(_ diagnostic: Diagnostic, source: String) -> String {
        var renderer = DiagnosticRenderer()
        renderer.addSource(source, for: "f.yaml")
        return renderer.render(diagnostic)
    }

    @Test func caretUnderTheColumnWithNotesThenHelp() {
        let d = Diagnostic(.unknownKey, "bad", at: SourceLocation(file: "f.yaml", line: 2, column: 4),
                           notes: [Diagnostic.Note("context")], help: ["fix it"])
        #expect(render(d, source: "a: 1\nb: 2\n")
                    == "f.yaml:2:4: error: bad [unknown-key]\nb: 2\n   ^\nnote: context\nhelp: fix it")
    }

    @Test func tabsBeforeTheColumnAreKept() {
        let d = Diagnostic(.unusedNode, "w", at: SourceLocation(file: "f.yaml", line: 1, column: 3))
        #expect(render(d, source: "\tx: y") == "f.yaml:1:3: warning: w [unused-node]\n\tx: y\n\t ^")
    }

    @Test func crlfLinesAndNonASCIIColumns() {
        // Column 4 is the 'x' after "é: " (é is one character, two bytes).
        let d = Diagnostic(.yamlSyntax, "e", at: SourceLocation(file: "f.yaml", line: 2, column: 4))
        #expect(render(d, source: "a: 1\r\né: x\r\n") == "f.yaml:2:4: error: e [yaml-syntax]\né: x\n   ^")
    }

    /// libyaml counts a lone CR, NEL, LS and PS as line breaks; the renderer must agree or the caret lands on the
    /// wrong line. Vertical tab and form feed are not breaks for YAML.
    @Test(arguments: ["\r", "\u{85}", "\u{2028}", "\u{2029}"])
    func yamlLineBreaks(separator: String) {
        let d = Diagnostic(.yamlSyntax, "e", at: SourceLocation(file: "f.yaml", line: 3, column: 1))
        #expect(render(d, source: ["a: 1", "b: 2", "c: 3"].joined(separator: separator)) == "f.yaml:3:1: error: e [yaml-syntax]\nc: 3\n^")
    }

    @Test func verticalTabIsNotALineBreak() {
        let d = Diagnostic(.yamlSyntax, "e", at: SourceLocation(file: "f.yaml", line: 2, column: 1))
        #expect(render(d, source: "a: 1\u{0B}x\nb: 2") == "f.yaml:2:1: error: e [yaml-syntax]\nb: 2\n^")
    }

    @Test func withoutLocationOrSource() {
        #expect(render(Diagnostic(.emptyFile, "the file is empty", file: "g.yaml"), source: "")
                    == "g.yaml: error: the file is empty [empty-file]")
        let d = Diagnostic(.yamlSyntax, "e", at: SourceLocation(file: "other.yaml", line: 1, column: 1))
        #expect(render(d, source: "x") == "other.yaml:1:1: error: e [yaml-syntax]")
    }

    @Test func longLinesShowAWindowAroundTheColumn() {
        let line = String(repeating: "a", count: 200) + "X" + String(repeating: "b", count: 200)
        let d = Diagnostic(.yamlSyntax, "e", at: SourceLocation(file: "f.yaml", line: 1, column: 201))
        let lines = render(d, source: line).split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        // 120 characters of source plus an ellipsis at each end.
        #expect(lines[1].count == 122 && lines[1].hasPrefix("…") && lines[1].hasSuffix("…"))
        let caret = lines[2].count - 1
        #expect(Array(lines[1])[caret] == "X")
    }

    /// The last line, an empty last line after a break, a line past the end, and a CRLF next to a lone CR.
    @Test func lineEdges() {
        let source = "a: 1\r\n\rb: 2\n"
        func excerpt(_ line: Int) -> [String] {
            let d = Diagnostic(.yamlSyntax, "e", at: SourceLocation(file: "f.yaml", line: line, column: 1))
            return Array(render(d, source: source).split(separator: "\n", omittingEmptySubsequences: false).dropFirst().map(String.init))
        }
        #expect(excerpt(1) == ["a: 1", "^"])
        #expect(excerpt(2) == ["", "^"])
        #expect(excerpt(3) == ["b: 2", "^"])
        #expect(excerpt(4) == ["", "^"])
        #expect(excerpt(5) == [])
    }

    /// Thousands of diagnostics on one long line (a flow mapping of 20 000 unknown keys) render in linear time: each
    /// excerpt reads its window, not the line. Copying the line for each one took minutes
    /// (Fuzz/regressions/slow-render-one-line.yaml); this takes well under a second.
    @Test func manyDiagnosticsOnOneLongLine() {
        let keys = (0..<20_000).map { "k\($0): 1" }
        let line = "data: {" + keys.joined(separator: ", ") + "}"
        var renderer = DiagnosticRenderer()
        renderer.addSource("# first\n" + line + "\n", for: "f.yaml")
        var column = 8
        var rendered: [String] = []
        let started = Date()
        for key in keys {
            let d = Diagnostic(.unknownKey, "unknown key", at: SourceLocation(file: "f.yaml", line: 2, column: column))
            rendered.append(renderer.render(d))
            column += key.count + 2
        }
        let seconds = Date().timeIntervalSince(started)
        #expect(seconds < 5, "\(seconds) s")
        // The last key's excerpt: the window ends with the line, and the caret is under the key.
        let last = rendered[keys.count - 1].split(separator: "\n").map(String.init)
        #expect(last[1].hasPrefix("…") && last[1].hasSuffix("k19999: 1}") && last[1].count == 121)
        #expect(Array(last[1])[last[2].count - 1] == "k")
    }
}
