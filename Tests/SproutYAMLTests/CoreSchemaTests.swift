import SproutDiagnostics
import SproutTestSupport
import Testing

@testable import SproutYAML

/// Expected typings from the YAML 1.2.2 core schema (section 10.3.2), written by hand.
private let coreSchemaTable: [(String, ScalarValue)] = [
    // null
    ("", .null), ("~", .null), ("null", .null), ("Null", .null), ("NULL", .null), ("nULL", .string("nULL")),
    // bool: only the six spellings; YAML 1.1's yes/no/on/off/y/n are strings
    ("true", .bool(true)), ("True", .bool(true)), ("TRUE", .bool(true)),
    ("false", .bool(false)), ("False", .bool(false)), ("FALSE", .bool(false)),
    ("tRUE", .string("tRUE")), ("yes", .string("yes")), ("no", .string("no")), ("on", .string("on")),
    ("off", .string("off")), ("y", .string("y")), ("n", .string("n")),
    // int: decimal (a leading zero is still decimal), 0o octal, 0x hex (no sign on those two)
    ("0", .int(0)), ("012", .int(12)), ("+12", .int(12)), ("-12", .int(-12)), ("-0", .int(0)),
    ("0o17", .int(15)), ("0o0", .int(0)), ("0x1F", .int(31)), ("0xff", .int(255)),
    ("9223372036854775807", .int(Int64.max)), ("-9223372036854775808", .int(Int64.min)),
    ("0x7FFFFFFFFFFFFFFF", .int(Int64.max)), ("0o777777777777777777777", .int(Int64.max)),
    ("0o8", .string("0o8")), ("0x", .string("0x")), ("0xG", .string("0xG")), ("-0x1", .string("-0x1")),
    ("+0o7", .string("+0o7")), ("1_000", .string("1_000")), ("0b101", .string("0b101")),
    ("1,000", .string("1,000")), ("12abc", .string("12abc")), ("0X1F", .string("0X1F")),
    // float
    ("1.5", .float(1.5)), ("1.", .float(1.0)), (".5", .float(0.5)), ("-.5", .float(-0.5)),
    ("+1.5e3", .float(1500)), ("1e3", .float(1000)), ("1E-2", .float(0.01)), ("6.02e+23", .float(6.02e23)),
    ("0.0", .float(0)), ("-0.0", .float(-0.0)), ("1e-400", .float(0)),
    (".inf", .float(.infinity)), ("-.Inf", .float(-.infinity)), ("+.INF", .float(.infinity)),
    (".nan", .float(.nan)), (".NaN", .float(.nan)), (".NAN", .float(.nan)),
    // not floats: Swift's Double(_:) would accept several of these
    ("nan", .string("nan")), ("NaN", .string("NaN")), ("inf", .string("inf")), ("-inf", .string("-inf")),
    ("infinity", .string("infinity")), ("Infinity", .string("Infinity")), (".Nan", .string(".Nan")),
    ("-.nan", .string("-.nan")), ("0x1p3", .string("0x1p3")), ("0x1.8p1", .string("0x1.8p1")),
    ("1e", .string("1e")), ("e3", .string("e3")), (".", .string(".")), ("1.2.3", .string("1.2.3")),
    ("1e3.5", .string("1e3.5")), ("+", .string("+")), ("-a", .string("-a")), ("+-1", .string("+-1")),
    // quoted scalars are always strings
    ("'true'", .string("true")), ("\"12\"", .string("12")), ("'~'", .string("~")), ("\"\"", .string("")),
    ("'.nan'", .string(".nan")),
]

/// Equality that treats NaN as equal to NaN and tells 0.0 from -0.0.
private func same(_ a: ScalarValue?, _ b: ScalarValue) -> Bool {
    if case .float(let x)? = a, case .float(let y) = b {
        return (x.isNaN && y.isNaN) || x.bitPattern == y.bitPattern
    }
    return a == b
}

@Suite struct CoreSchemaTests {
    @Test func tableHasEnoughCases() {
        #expect(coreSchemaTable.count >= 40)
    }

    @Test(arguments: coreSchemaTable)
    func typing(_ text: String, _ expected: ScalarValue) throws {
        let value = try YAMLTesting.value(of: text)
        #expect(same(value, expected), "\(text) typed as \(String(describing: value))")
    }

    @Test func intOverflowIsADiagnosticAtTheScalar() {
        let input = MarkedText("seed: 1️⃣99999999999999999999\n")
        #expect(
            YAMLTesting.rendered(input.text) == """
                test.yaml:1:7: error: integer 99999999999999999999 does not fit in 64 bits [integer-overflow]
                seed: 99999999999999999999
                      ^
                help: integers range from -9223372036854775808 to 9223372036854775807; quote it if you meant a string
                """)
    }

    @Test(arguments: [
        "9223372036854775808", "-9223372036854775809", "0x8000000000000000", "0o1000000000000000000000",
        "0xFFFFFFFFFFFFFFFFFF",
    ])
    func everyIntegerFormOverflows(_ text: String) {
        let diagnostics = YAMLTesting.diagnostics("v: \(text)\n")
        #expect(diagnostics.map(\.message) == ["integer \(text) does not fit in 64 bits"])
    }

    @Test func floatOverflowIsADiagnosticSuggestingInf() {
        #expect(
            YAMLTesting.rendered("lr: -1e400\n") == """
                test.yaml:1:5: error: number -1e400 overflows a 64-bit float [float-overflow]
                lr: -1e400
                    ^
                help: write .inf (or -.inf) if you mean infinity
                """)
    }

    @Test func everyOverflowInAFileIsReported() {
        let input = MarkedText("a: 1️⃣1e999\nb: ok\nc: [2️⃣0x10000000000000000]\n")
        #expect(YAMLTesting.diagnostics(input.text).map(\.location) == [input.location(1), input.location(2)])
    }

    @Test func fixtureCoreSchema() throws {
        let loaded = try YAMLDocument.load(path: YAMLTesting.fixture("core-schema.yaml"))
        #expect(loaded.root.json == #"{"a": "no", "b": 8, "c": "0x1p3"}"#)
    }

    @Test func fixtureIntOverflow() {
        #expect {
            try YAMLDocument.load(path: YAMLTesting.fixture("int-overflow.yaml"))
        } throws: { error in
            (error as? DiagnosticError)?.diagnostics.map(\.headline)
                == ["\(YAMLTesting.fixture("int-overflow.yaml")):1:7: error: integer 99999999999999999999 does not fit in 64 bits [integer-overflow]"]
        }
    }
}
