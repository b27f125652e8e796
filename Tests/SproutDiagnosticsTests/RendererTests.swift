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
}
