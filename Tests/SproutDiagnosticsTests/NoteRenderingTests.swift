import SproutDiagnostics
import Testing

/// Notes that point at another place render compiler-style, with their own location, source line and caret.
@Suite struct NoteRenderingTests {
    func render(_ diagnostic: Diagnostic, sources: [String: String]) -> String {
        var renderer = DiagnosticRenderer()
        for (file, text) in sources { renderer.addSource(text, for: file) }
        return renderer.render(diagnostic)
    }

    @Test func noteInTheSameFileShowsItsOwnLineAndCaret() {
        let d = Diagnostic(.duplicateNode, "duplicate node name 'h'", at: SourceLocation(file: "x.yaml", line: 3, column: 5),
                           notes: [Diagnostic.Note("'h' is first used here", at: SourceLocation(file: "x.yaml", line: 1, column: 3))],
                           help: ["rename one"])
        #expect(render(d, sources: ["x.yaml": "a: h\nb: 1\nc:  h\n"]) == """
            x.yaml:3:5: error: duplicate node name 'h' [duplicate-node]
            c:  h
                ^
            x.yaml:1:3: note: 'h' is first used here
            a: h
              ^
            help: rename one
            """)
    }

    /// A note about a file the renderer has no text for prints its location and message only; a note without a
    /// location keeps the plain `note:` form, in the order the notes were given.
    @Test func noteElsewhereAndPlainNotes() {
        let d = Diagnostic(.sharedSeed, "w", at: SourceLocation(file: "x.yaml", line: 1, column: 1),
                           notes: [Diagnostic.Note("plain"),
                                   Diagnostic.Note("there", at: SourceLocation(file: "other.yaml", line: 9, column: 2))])
        #expect(render(d, sources: ["x.yaml": "k: v\n"]) == """
            x.yaml:1:1: warning: w [shared-seed]
            k: v
            ^
            note: plain
            other.yaml:9:2: note: there
            """)
    }

    @Test func idFollowsTheMessageWithOrWithoutALocation() {
        let located = Diagnostic(.symmetricInit, "m", at: SourceLocation(file: "f.yaml", line: 2, column: 7))
        #expect(located.headline == "f.yaml:2:7: warning: m [symmetric-init]")
        #expect(Diagnostic(.fileTooLarge, "big", file: "f.yaml").headline == "f.yaml: error: big [file-too-large]")
    }

    /// The severity comes from the rule: a warning rule's diagnostic is a warning wherever it is built.
    @Test func severityIsTheRules() {
        #expect(Diagnostic(.highLearningRate, "m", file: "f").severity == .warning)
        #expect(Diagnostic(.unknownKey, "m", file: "f").severity == .error)
    }

    /// The command line's path problems, built from the CLI's own sentences, all carry `bad-config-path`.
    @Test func commandLinePathProblems() {
        #expect(Diagnostic(.error, "no such file or directory", file: "cfg").headline
                    == "cfg: error: no such file or directory [bad-config-path]")
    }
}
