import SproutDiagnostics
import SproutTestSupport
import Testing

@testable import SproutYAML

@Suite struct TreeTests {
    @Test func mappingKeepsKeyOrderAndLocations() throws {
        let input = MarkedText("1️⃣zeta: 2️⃣1\n3️⃣alpha: 4️⃣two\n5️⃣mid:\n  6️⃣- 7️⃣x\n  - 8️⃣{k: v}\n")
        let root = try YAMLDocument.parse(input.text, file: input.file)
        let entries = try #require(root.mappingEntries)
        #expect(entries.map(\.key.text) == ["zeta", "alpha", "mid"])
        #expect(root.location == input.location(1))
        #expect(entries.map(\.keyLocation) == [input.location(1), input.location(3), input.location(5)])
        #expect(entries[0].value.location == input.location(2))
        #expect(entries[1].value.location == input.location(4))
        let items = try #require(entries[2].value.sequenceItems)
        #expect(entries[2].value.location == input.location(6))
        #expect(items[0].location == input.location(7))
        #expect(items[1].location == input.location(8))
        #expect(items[1]["k"]?.scalar?.text == "v")
    }

    @Test func scalarStyles() throws {
        let root = try YAMLDocument.parse(
            "plain: 12\nsingle: '12'\ndouble: \"a\\tb\\0c\"\nliteral: |\n  12\nfolded: >\n  a\n  b\nempty:\n",
            file: "t.yaml")
        #expect(root["plain"]?.scalar == Scalar(text: "12", style: .plain, value: .int(12)))
        #expect(root["single"]?.scalar == Scalar(text: "12", style: .quoted, value: .string("12")))
        #expect(root["double"]?.scalar?.value == .string("a\tb\u{0}c"))
        #expect(root["literal"]?.scalar?.value == .string("12\n"))
        #expect(root["folded"]?.scalar?.value == .string("a b\n"))
        #expect(root["empty"]?.scalar?.value == .null)
    }

    /// libyaml 0.2.5 advances its column once per character, not per byte: `é` (2 bytes), `😀` (4 bytes) and `中`
    /// (3 bytes) each count one column, so our columns count Unicode scalars.
    @Test func columnsCountCharactersNotBytes() throws {
        let input = MarkedText("é😀中: 1️⃣x\nk: [é, 😀, 2️⃣*nope]\n")
        let root = try? YAMLDocument.parse(input.text, file: input.file)
        #expect(root == nil)
        let diagnostics = YAMLTesting.diagnostics(input.text)
        #expect(diagnostics.map(\.location) == [input.location(2)])
        let valid = MarkedText("é😀中: 1️⃣x\n")
        let parsed = try YAMLDocument.parse(valid.text, file: valid.file)
        #expect(parsed["é😀中"]?.location == valid.location(1))
        #expect(valid.location(1).column == 6)  // e-acute, grinning face, CJK, colon, space: 5 scalars before.
    }

    @Test func byteOrderMarkIsAcceptedAndNotCounted() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("a: 1\nb: x\n".utf8)
        let root = try YAMLDocument.parse(bytes: bytes, file: "bom.yaml")
        #expect(root.json == #"{"a": 1, "b": "x"}"#)
        #expect(root["a"]?.location == SourceLocation(file: "bom.yaml", line: 1, column: 4))
    }

    @Test func crlfLineEndingsKeepLineNumbers() throws {
        let input = MarkedText("a: 1\r\nb:\r\n  - 1️⃣x\r\n2️⃣c: 'q'\r\n")
        let root = try YAMLDocument.parse(input.text, file: input.file)
        #expect(root.json == #"{"a": 1, "b": ["x"], "c": "q"}"#)
        #expect(root["b"]?.sequenceItems?.first?.location == input.location(1))
        #expect(root.mappingEntries?.last?.keyLocation == input.location(2))
        #expect(input.location(2).line == 4)
    }

    @Test func crlfErrorsPointAtTheRightLine() {
        let input = MarkedText("a: 1\r\nb: 2\r\n1️⃣a: 3\r\n")
        #expect(YAMLTesting.diagnostics(input.text).map(\.location) == [input.location(1)])
    }

    @Test func sequenceOfMappingsAndFlowCollections() throws {
        let root = try YAMLDocument.parse(
            "layers:\n  - {type: dense, units: 8}\n  - type: relu\nempty_map: {}\nempty_seq: []\n", file: "t.yaml")
        #expect(
            root.json
                == #"{"layers": [{"type": "dense", "units": 8}, {"type": "relu"}], "empty_map": {}, "empty_seq": []}"#)
    }
}
