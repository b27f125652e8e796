import SproutDiagnostics
import SproutTestSupport
import Testing

@testable import SproutYAML

@Suite struct TagTests {
    @Test func coreTagsTypeTheScalar() throws {
        let root = try YAMLDocument.parse(
            """
            s: !!str 12
            i: !!int "12"
            f: !!float 1
            b: !!bool 'true'
            n: !!null ''
            bang: ! 12
            m: !!map {a: 1}
            q: !!seq [1]
            v: !<tag:yaml.org,2002:str> 7
            """, file: "t.yaml")
        #expect(root.json == #"{"s": "12", "i": 12, "f": 1.0, "b": true, "n": null, "bang": "12", "m": {"a": 1}, "q": [1], "v": "7"}"#)
    }

    @Test func pythonTagIsRejectedAtTheTag() {
        #expect(
            YAMLTesting.rendered("name: xor\nhook: !!python/object/apply:os.system [\"echo pwned\"]\n") == """
                test.yaml:2:7: error: unsupported tag '!!python/object/apply:os.system' [unsupported-tag]
                hook: !!python/object/apply:os.system ["echo pwned"]
                      ^
                help: Sprout accepts only the core tags !!str, !!int, !!float, !!bool, !!null, !!map and !!seq, \
                and never executes code or includes other files
                """)
    }

    @Test(arguments: ["!include x.yaml", "!custom 3", "!!binary aGk=", "!!set {a}", "!!timestamp 2001-12-14"])
    func nonCoreTagsAreRejected(_ value: String) {
        let tag = String(value.prefix { $0 != " " })
        #expect(YAMLTesting.diagnostics("v: \(value)\n").map(\.message) == ["unsupported tag '\(tag)'"])
    }

    @Test func valueThatDoesNotMatchItsTag() {
        let input = MarkedText("a: 1️⃣!!int abc\nb: 2️⃣!!float 0x10\nc: 3️⃣!!bool yes\n")
        let diagnostics = YAMLTesting.diagnostics(input.text)
        #expect(
            diagnostics.map(\.message) == [
                "'abc' is not a valid !!int", "'0x10' is not a valid !!float", "'yes' is not a valid !!bool",
            ])
        #expect(diagnostics.map(\.location) == [input.location(1), input.location(2), input.location(3)])
    }

    @Test func collectionTagOnTheWrongKind() {
        let input = MarkedText("a: 1️⃣!!map [1, 2]\nb: 2️⃣!!seq {k: v}\nc: 3️⃣!!map scalar\nd: 4️⃣!!int [1]\n")
        let diagnostics = YAMLTesting.diagnostics(input.text)
        #expect(
            diagnostics.map(\.message) == [
                "the tag !!map cannot be used on a sequence", "the tag !!seq cannot be used on a mapping",
                "the tag !!map cannot be used on a scalar", "the tag !!int cannot be used on a sequence",
            ])
        #expect(diagnostics.map(\.location) == (1...4).map { input.location($0) })
    }

    @Test func taggedIntOverflow() {
        #expect(YAMLTesting.diagnostics("a: !!int '0x10000000000000000'\n").map(\.message) == [
            "integer 0x10000000000000000 does not fit in 64 bits"
        ])
    }

    @Test func fixturePythonTag() {
        #expect {
            try YAMLDocument.load(path: YAMLTesting.fixture("python-tag.yaml"))
        } throws: { error in
            (error as? DiagnosticError)?.diagnostics.map(\.message)
                == ["unsupported tag '!!python/object/apply:os.system'"]
        }
    }
}
