import Testing

@testable import SproutYAML

/// Expected strings are what Python 3 prints for `json.dumps(value, ensure_ascii=False)` / `repr(float)`.
@Suite struct JSONTests {
    @Test func pythonStyleSeparatorsAndOrder() throws {
        let root = try YAMLDocument.parse("a: no\nb: 0o10\nc: 0x1p3\nd: [1, {e: null}]\nf: true\n", file: "t.yaml")
        #expect(root.json == #"{"a": "no", "b": 8, "c": "0x1p3", "d": [1, {"e": null}], "f": true}"#)
    }

    @Test(arguments: [
        (1.0, "1.0"), (0.1, "0.1"), (-2.5, "-2.5"), (1e16, "1e+16"), (1e15, "1000000000000000.0"),
        (1.5e16, "1.5e+16"), (1e-5, "1e-05"), (0.0001, "0.0001"), (1.5e300, "1.5e+300"), (Double.leastNonzeroMagnitude, "5e-324"),
        (-0.0, "-0.0"), (0.0, "0.0"), (123456789.125, "123456789.125"), (1.2345678901234568e17, "1.2345678901234568e+17"),
        (0.30000000000000004, "0.30000000000000004"), (1e100, "1e+100"), (2.5e-7, "2.5e-07"), (100.0, "100.0"),
        (Double.infinity, "Infinity"), (-Double.infinity, "-Infinity"), (Double.nan, "NaN"),
    ])
    func floatsPrintLikePythonRepr(_ value: Double, _ expected: String) {
        #expect(PythonFloat.repr(value) == expected)
    }

    @Test func specialFloatsFromYAML() throws {
        let root = try YAMLDocument.parse("a: .inf\nb: -.inf\nc: .nan\nd: 1e3\n", file: "t.yaml")
        #expect(root.json == #"{"a": Infinity, "b": -Infinity, "c": NaN, "d": 1000.0}"#)
    }

    @Test func stringEscapes() throws {
        let root = try YAMLDocument.parse(
            #"s: "quote \" backslash \\ nl \n tab \t cr \r bs \b ff \f bell \a esc \e nul \0 é 😀""# + "\n",
            file: "t.yaml")
        #expect(
            root.json
                == #"{"s": "quote \" backslash \\ nl \n tab \t cr \r bs \b ff \f bell \u0007 esc \u001b nul \u0000 é 😀"}"#)
    }

    @Test func keysAreEscapedToo() throws {
        let root = try YAMLDocument.parse("\"a\\\"b\": 1\n", file: "t.yaml")
        #expect(root.json == #"{"a\"b": 1}"#)
    }
}
