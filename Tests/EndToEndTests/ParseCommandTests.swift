import Foundation
import Testing

/// `sprout parse` through the built binary: the core schema as JSON, and hostile files rejected fast with exit 1.
@Suite struct ParseCommandTests {
    @Test func coreSchemaAsJSON() throws {
        let scratch = try TemporaryDirectory()
        let file = try scratch.write("schema.yaml", "a: no\nb: 0o10\nc: 0x1p3\n")
        let result = try SproutBinary.run(["parse", file])
        #expect(result.status == 0)
        // YAML 1.2: `no` is a string, 0o10 is octal 8, 0x1p3 is not a YAML number (hex floats do not exist).
        #expect(result.stdout == "{\"a\": \"no\", \"b\": 8, \"c\": \"0x1p3\"}\n")
        #expect(result.stderr == "")
    }

    @Test func nestedValuesAsJSON() throws {
        let scratch = try TemporaryDirectory()
        let file = try scratch.write("nested.yaml", """
            base: &b {lr: 0.5, on: yes}
            list: [1, -2.5e3, .inf, ~, true, "true", *b]
            """)
        let result = try SproutBinary.run(["parse", file])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == """
            {"base": {"lr": 0.5, "on": "yes"}, "list": [1, -2500.0, Infinity, null, true, "true", {"lr": 0.5, "on": "yes"}]}

            """)
    }

    @Test func integerTooLargeIsADiagnostic() throws {
        let scratch = try TemporaryDirectory()
        let file = try scratch.write("big.yaml", "seed: 1\nsteps: 99999999999999999999\n")
        let result = try SproutBinary.run(["parse", file])
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(result.stderr.hasPrefix("\(file):2:8: error: "))
        #expect(result.stderr.contains("64 bits"))
    }

    /// Each hostile input: exit 1, an error at a real line:column, well under a second even in a debug build.
    @Test(arguments: HostileInput.all)
    func hostileInputIsRejectedFast(input: HostileInput) throws {
        let scratch = try TemporaryDirectory()
        let file = try scratch.write("\(input.name).yaml", input.bytes)
        let result = try SproutBinary.run(["parse", file], timeout: 20)
        #expect(result.status == 1, "\(input.name): \(result.stdout.prefix(200))")
        #expect(result.stdout == "")
        #expect(result.stderr.hasPrefix("\(file):\(input.line):"), "\(input.name): \(result.stderr)")
        #expect(result.stderr.contains(input.message), "\(input.name): \(result.stderr)")
        // Generous for a debug build on a loaded 2-core machine; the release timings are in docs/yaml.md.
        #expect(result.seconds < 1.0, "\(input.name) took \(result.seconds) s")
    }

    @Test func missingFile() throws {
        let result = try SproutBinary.run(["parse", "/nonexistent/x.yaml"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("/nonexistent/x.yaml: error: "))
    }

    @Test func usageErrorExits64() throws {
        let result = try SproutBinary.run(["parse"])
        #expect(result.status == 64)
        let unknown = try SproutBinary.run(["frobnicate"])
        #expect(unknown.status == 64)
    }
}

/// A hostile file, the line its error must point at, and a phrase its message must contain.
struct HostileInput: Sendable, CustomTestStringConvertible {
    var name: String
    var bytes: Data
    var line: Int
    var message: String
    var testDescription: String { name }

    static let billionLaughs = """
        a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
        b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
        c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
        d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
        e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
        f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
        g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
        h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
        i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]

        """

    static let all: [HostileInput] = [
        HostileInput(name: "billion-laughs", bytes: Data(billionLaughs.utf8), line: 0, message: "PLACEHOLDER"),
    ]
}
