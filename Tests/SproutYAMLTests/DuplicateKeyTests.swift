import SproutDiagnostics
import SproutTestSupport
import Testing

@testable import SproutYAML

@Suite struct DuplicateKeyTests {
    @Test func duplicateKeyNamesBothPlaces() {
        #expect(
            YAMLTesting.rendered("name: xor\nepochs: 10\nlr: 0.1\nepochs: 20\n") == """
                test.yaml:4:1: error: duplicate key 'epochs' [duplicate-key]
                epochs: 20
                ^
                test.yaml:2:1: note: 'epochs' is first defined here
                epochs: 10
                ^
                help: remove one of them: a key may appear only once in a mapping
                """)
    }

    /// The note is a value with its own location (not "line N" in its text), at the first key's position.
    @Test func firstDefinitionIsTheNotesOwnLocation() {
        let input = MarkedText("model:\n  1️⃣units: 8\n  lr: 0.1\n  2️⃣units: 9\n")
        let diagnostics = YAMLTesting.diagnostics(input.text)
        #expect(diagnostics.map(\.id) == [.duplicateKey])
        #expect(diagnostics.map(\.location) == [input.location(2)])
        #expect(diagnostics.first?.notes == [Diagnostic.Note("'units' is first defined here", at: input.location(1))])
    }

    @Test func quotedAndPlainKeysAreTheSameKey() {
        let input = MarkedText("\"a\": 1\nb: 2\n1️⃣a: 3\n")
        let diagnostics = YAMLTesting.diagnostics(input.text)
        #expect(diagnostics.map(\.message) == ["duplicate key 'a'"])
        #expect(diagnostics.map(\.location) == [input.location(1)])
    }

    @Test func duplicatesInNestedAndFlowMappingsAreAllReported() {
        let input = MarkedText("model:\n  units: 8\n  1️⃣units: 9\nflow: {x: 1, 2️⃣x: 2}\n")
        #expect(YAMLTesting.diagnostics(input.text).map(\.location) == [input.location(1), input.location(2)])
    }

    @Test func sameKeyInDifferentMappingsIsFine() throws {
        let root = try YAMLDocument.parse("a: {k: 1}\nb: {k: 2}\n", file: "t.yaml")
        #expect(root.json == #"{"a": {"k": 1}, "b": {"k": 2}}"#)
    }

    @Test func complexKeysAreRejected() {
        let input = MarkedText("? 1️⃣[a, b]\n: c\n2️⃣{a: b}: c\n")
        let diagnostics = YAMLTesting.diagnostics(input.text)
        #expect(
            diagnostics.map(\.message) == [
                "a mapping key must be a scalar, found a sequence", "a mapping key must be a scalar, found a mapping",
            ])
        #expect(diagnostics.map(\.location) == [input.location(1), input.location(2)])
    }

    /// 20 000 distinct keys then a duplicate of the first: each key is compared once (a dictionary lookup), so the
    /// check is linear, N + 1 comparisons; comparing each key with every earlier one would make N(N + 1)/2, 2·10^8.
    /// The events are linear too: stream, document and mapping start and end (6) and two scalars per entry.
    @Test func manyKeysCostOneComparisonEach() throws {
        let keys = 20_000
        let text = (0..<keys).map { "k\($0): \($0)\n" }.joined() + "k0: again\n"
        let (messages, work) = try ParseWorkTesting.parse(text)
        #expect(messages == ["duplicate key 'k0'"])
        #expect(work.keyComparisons == keys + 1, "\(work)")
        #expect(work.events == 6 + 2 * (keys + 1), "\(work)")
    }

    @Test func fixtureDuplicateKey() {
        #expect {
            try YAMLDocument.load(path: YAMLTesting.fixture("duplicate-key.yaml"))
        } throws: { error in
            (error as? DiagnosticError)?.diagnostics.map(\.message)
                == ["duplicate key 'epochs'"]
        }
    }
}
