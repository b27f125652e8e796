import Foundation
import Testing

/// `sprout parse` through the built binary: the core schema as JSON, and hostile files rejected with exit 1.
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

    /// Each hostile input: exit 1, an error at a real line:column. That the parser's work stays bounded on them is
    /// counted in SproutYAMLTests (LimitsTests, AliasTests, DuplicateKeyTests); their speed is measured in release
    /// builds (docs/yaml.md), not here: the timeout only turns a hang into a failure.
    @Test(arguments: HostileInput.all)
    func hostileInputIsRejected(input: HostileInput) throws {
        let scratch = try TemporaryDirectory()
        let file = try scratch.write("\(input.name).yaml", input.bytes)
        let result = try SproutBinary.run(["parse", file], timeout: 20)
        #expect(result.status == 1, "\(input.name): \(result.stdout.prefix(200))")
        #expect(result.stdout == "")
        #expect(result.stderr.hasPrefix("\(file):\(input.line):"), "\(input.name): \(result.stderr)")
        #expect(result.stderr.contains(input.message), "\(input.name): \(result.stderr)")
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

    static func fixture(_ name: String) -> Data {
        let url = SproutBinary.packageRoot.appendingPathComponent("Tests/SproutYAMLTests/Fixtures/\(name)")
        return (try? Data(contentsOf: url)) ?? Data()
    }

    /// Lines by reading each fixture: the alias that first passes the 100 000-node budget is `*e` on line 6
    /// (9^5 = 59 049 copies of "lol" so far; one more level is 531 441).
    static let all: [HostileInput] = [
        HostileInput(name: "billion-laughs", bytes: fixture("billion-laughs.yaml"), line: 6,
                     message: "error: expanding alias 'e' would make the document larger than 100000 nodes [alias-expansion-too-large]"),
        HostileInput(name: "deep-flow", bytes: Data(("a: " + String(repeating: "[", count: 100_000)).utf8), line: 1,
                     message: "error: nesting deeper than 64 levels [nesting-too-deep]"),
        HostileInput(name: "duplicate-key", bytes: fixture("duplicate-key.yaml"), line: 4,
                     message: "error: duplicate key 'epochs' [duplicate-key]"),
        HostileInput(name: "python-tag", bytes: fixture("python-tag.yaml"), line: 2,
                     message: "error: unsupported tag '!!python/object/apply:os.system' [unsupported-tag]"),
        HostileInput(name: "undefined-alias", bytes: fixture("undefined-alias.yaml"), line: 4,
                     message: "error: undefined alias 'default' [undefined-alias]"),
        HostileInput(name: "tab-indent", bytes: fixture("tab-indent.yaml"), line: 3,
                     message: "help: YAML forbids tabs for indentation; indent with spaces"),
    ]
}

/// `sprout schema` is the committed schema: one source of truth, and a reminder to run `make schema`.
@Suite struct SchemaCommandTests {
    @Test func outputEqualsTheCommittedSchema() throws {
        let result = try SproutBinary.run(["schema"])
        #expect(result.status == 0)
        let committed = try String(contentsOf: SproutBinary.packageRoot.appendingPathComponent(
            "schemas/experiment.schema.json"), encoding: .utf8)
        #expect(result.stdout == committed, "schemas/experiment.schema.json is stale: run `make schema` and commit it")
    }

    /// Recursively: configs/x.yaml points at ../schemas/, configs/sub/x.yaml at ../../schemas/, and so on.
    @Test func everyShippedConfigPointsAtTheSchema() throws {
        let configs = SproutBinary.packageRoot.appendingPathComponent("configs")
        let files = FileManager.default.subpaths(atPath: configs.path)?.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") } ?? []
        #expect(files.contains("xor.yaml") && files.contains("features/graph.yaml") && files.contains("symmetry/init-sweep.yaml"),
                "\(files)")
        for file in files {
            let up = String(repeating: "../", count: file.split(separator: "/").count)
            let text = try String(contentsOf: configs.appendingPathComponent(file), encoding: .utf8)
            #expect(text.hasPrefix("# yaml-language-server: $schema=\(up)schemas/experiment.schema.json\n"), "\(file)")
        }
    }
}
