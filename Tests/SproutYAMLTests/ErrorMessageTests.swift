import SproutDiagnostics
import SproutTestSupport
import Testing

@testable import SproutYAML

/// Each test asserts the whole rendered diagnostic: headline, source line, caret, notes and help.
@Suite struct ErrorMessageTests {
    @Test(arguments: ["", "\n\n", "# only a comment\n\n# another\n", "   \n"])
    func emptyOrCommentsOnlyFile(_ text: String) {
        #expect(
            YAMLTesting.rendered(text) == """
                test.yaml: error: the file is empty [empty-file]
                help: write the settings as `key: value` lines
                """)
    }

    @Test func severalDocuments() {
        #expect(
            YAMLTesting.rendered("a: 1\n---\nb: 2\n") == """
                test.yaml:2:1: error: several documents in one file [several-documents]
                ---
                ^
                help: Sprout reads one document per file; put each experiment in its own file
                """)
    }

    @Test func explicitSingleDocumentIsFine() throws {
        let root = try YAMLDocument.parse("---\na: 1\n...\n", file: "t.yaml")
        #expect(root.json == #"{"a": 1}"#)
    }

    @Test func topLevelMustBeAMapping() {
        #expect(
            YAMLTesting.rendered("# settings\n- a\n- b\n") == """
                test.yaml:2:1: error: the top level must be a mapping of settings, found a sequence [top-level-not-mapping]
                - a
                ^
                help: write the settings as `key: value` lines
                """)
        #expect(
            YAMLTesting.diagnostics("just text\n").map(\.message) == [
                "the top level must be a mapping of settings, found a string"
            ])
    }

    @Test func invalidUTF8PointsAtTheBadByte() {
        let bytes = Array("a: 1\nname: é".utf8) + [0xFF] + Array("x\n".utf8)
        #expect(
            YAMLTesting.rendered(bytes: bytes) == """
                test.yaml:2:8: error: invalid UTF-8 (byte 0xFF) [invalid-utf8]
                name: é\u{FFFD}x
                       ^
                help: save the file as UTF-8
                """)
    }

    @Test func truncatedUTF8SequenceAtTheEnd() {
        let bytes = Array("a: x".utf8) + [0xE4, 0xB8]
        let diagnostics = (try? YAMLDocument.parse(bytes: bytes, file: "t.yaml")).map { _ in [Diagnostic]() }
        #expect(diagnostics == nil)
        #expect(YAMLTesting.rendered(bytes: bytes).hasPrefix("test.yaml:1:5: error: invalid UTF-8 (byte 0xE4) [invalid-utf8]"))
    }

    @Test func nulBytePointsAtItsPosition() {
        let bytes = Array("a: 1\nb: x".utf8) + [0] + Array("y\n".utf8)
        #expect(
            YAMLTesting.rendered(bytes: bytes) == """
                test.yaml:2:5: error: the file contains a NUL byte [nul-byte]
                b: x\u{0}y
                    ^
                help: a YAML file is text; remove the NUL byte
                """)
    }

    @Test func controlCharacterReportedByLibYAMLGetsAPosition() {
        #expect(
            YAMLTesting.rendered("a: 1\nb: \"x\u{07}\"\n") == """
                test.yaml:2:6: error: control characters are not allowed (0x7) [yaml-syntax]
                b: "x\u{07}"
                     ^
                """)
    }

    @Test func tabAtTheStartOfALineAfterAKey() {
        #expect(
            YAMLTesting.rendered("a:\n\tb: 1\n") == """
                test.yaml:2:1: error: found character that cannot start any token [yaml-syntax]
                \tb: 1
                ^
                test.yaml:2:1: note: while scanning for the next token that starts here
                \tb: 1
                ^
                help: YAML forbids tabs for indentation; indent with spaces
                """)
    }

    @Test func tabIndentingAKeyInsideABlockMapping() {
        #expect(
            YAMLTesting.rendered("model:\n  units: 8\n\tactivation: relu\n") == """
                test.yaml:3:1: error: found a tab character that violates indentation [yaml-syntax]
                \tactivation: relu
                ^
                test.yaml:2:10: note: while scanning a plain scalar that starts here
                  units: 8
                         ^
                help: YAML forbids tabs for indentation; indent with spaces
                """)
    }

    @Test func tabsAsSeparatorsAreFine() throws {
        let root = try YAMLDocument.parse("a:\t1\nb: [1,\t2]\n", file: "t.yaml")
        #expect(root.json == #"{"a": 1, "b": [1, 2]}"#)
    }

    /// libyaml's words and context kept; the help (by hand: ' d' is indented 1, column 2; the mapping's keys at
    /// column 1; '  c: 2' above at column 3) says which line is out of line with what.
    @Test func syntaxErrorKeepsLibYAMLProblemAndContext() {
        #expect(
            YAMLTesting.rendered("a: 1\nb:\n  c: 2\n d: 3\n") == """
                test.yaml:4:2: error: did not find expected key [yaml-syntax]
                 d: 3
                 ^
                test.yaml:1:1: note: while parsing a block mapping that starts here
                a: 1
                ^
                help: 'd' starts at column 2, in line with neither the keys of the mapping at line 1 (column 1) nor line 3 above it (column 3): indent it to the column of the entries it belongs with
                """)
    }

    @Test func unclosedFlowSequence() {
        #expect(
            YAMLTesting.rendered("a: 1\nb: [1, 2\nc: 3\n") == """
                test.yaml:3:2: error: did not find expected ',' or ']' [yaml-syntax]
                c: 3
                 ^
                test.yaml:2:4: note: while parsing a flow sequence that starts here
                b: [1, 2
                   ^
                """)
    }

    /// libyaml's context mark becomes the note's own location, marked in the input rather than counted.
    @Test func contextNoteCarriesItsOwnLocation() {
        let input = MarkedText("a: 1\nb: 1️⃣[1, 2\nc2️⃣: 3\n")
        let diagnostics = YAMLTesting.diagnostics(input.text)
        #expect(diagnostics.map(\.id) == [.yamlSyntax])
        #expect(diagnostics.map(\.location) == [input.location(2)])
        #expect(diagnostics.first?.notes
                    == [Diagnostic.Note("while parsing a flow sequence that starts here", at: input.location(1))])
    }

    @Test func problemsBeforeASyntaxErrorAreReportedToo() {
        let input = MarkedText("a: 1\n1️⃣a: 2\nb: [2️⃣\n")
        #expect(YAMLTesting.diagnostics(input.text).map(\.location).first == input.location(1))
    }

    @Test func fixtureTabIndent() {
        #expect {
            try YAMLDocument.load(path: YAMLTesting.fixture("tab-indent.yaml"))
        } throws: { error in
            (error as? DiagnosticError)?.diagnostics.first?.help == [
                "YAML forbids tabs for indentation; indent with spaces"
            ]
        }
    }
}

/// Malformed UTF-8 per the Unicode standard's table 3-7, each rejected at its first byte.
@Suite struct UTF8CheckTests {
    @Test(arguments: [
        [0xC0, 0xAF], [0xC1, 0xBF], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80], [0xF0, 0x80, 0x80, 0xAF],
        [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0x80], [0xBF], [0xFE], [0xE4, 0xB8, 0x41],
    ] as [[UInt8]])
    func malformedSequences(_ bad: [UInt8]) {
        let bytes = Array("k: ab".utf8) + bad + Array("\n".utf8)
        var diagnostics: [Diagnostic] = []
        do { _ = try YAMLDocument.parse(bytes: bytes, file: "t.yaml") } catch { diagnostics = error.diagnostics }
        #expect(diagnostics.map(\.location) == [SourceLocation(file: "t.yaml", line: 1, column: 6)])
    }

    @Test func wellFormedMultibyteCharacters() throws {
        // 2-, 3- and 4-byte forms near their range edges (libyaml refuses C1 controls, so U+00A0 not U+0080): U+00A0, U+07FF, U+0800, U+FFFD, U+10000, U+10FFFF.
        let root = try YAMLDocument.parse("k: \"\u{A0}\u{7FF}\u{800}\u{FFFD}\u{10000}\u{10FFFF}\"\n", file: "t.yaml")
        #expect(root["k"]?.scalar?.text.unicodeScalars.count == 6)
    }
}
