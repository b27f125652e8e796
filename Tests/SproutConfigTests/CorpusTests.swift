import Foundation
import SproutConfig
import SproutDiagnostics
import Testing

/// The corpus of invalid configs in `Corpus/`: each file lists, as comment lines, every diagnostic it must produce
/// (`# expect: 5:3: error: message [rule-id]`, file name left out, complete and in file order) and help lines that must be
/// among them (`# help: did you mean 'noise'?`). The expectations were written by hand from the rules, not copied
/// from the program's output. `# note: 5:7: 'h' is first used here` must be among the notes (`L:C: ` only for a
/// note with its own location). `# schema: invalid` marks the files a JSON schema must reject (checked by
/// Tests/SchemaAgreement/check_schema.py with check-jsonschema, run by `make test`).
enum Corpus {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Corpus")

    /// The fixture file names, found at run time.
    static func fixtureNames() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted()
    }

    struct Outcome {
        var expected: [String] = []
        var expectedHelp: [String] = []
        var actual: [String] = []
        var actualHelp: [String] = []
        var expectedNotes: [String] = []
        var actualNotes: [String] = []
        /// Everything that disagrees; empty when the file passes.
        var problems: [String] = []
        var errorCount = 0
    }

    /// The values of the comment lines `# <tag>: value`, in file order.
    static func commentValues(_ tag: String, in text: String) -> [String] {
        let prefix = "# \(tag):"
        return text.split(separator: "\n", omittingEmptySubsequences: false).compactMap { line in
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            guard trimmed.hasPrefix(prefix) else { return nil }
            return String(trimmed.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces)
        }
    }

    /// A headline without its file: `PATH:L:C: severity: message` becomes `L:C: severity: message`, and
    /// `PATH: severity: message` (no position) becomes `severity: message`. `nil` when it does not start with PATH.
    static func strip(_ headline: String, path: String) -> String? {
        guard headline.hasPrefix(path + ":") else { return nil }
        let rest = headline.dropFirst(path.count + 1)
        return rest.hasPrefix(" ") ? String(rest.dropFirst()) : String(rest)
    }

    /// Loads one file through `ConfigLoader` and compares its diagnostics with the file's own expectations.
    static func run(path: String) -> Outcome {
        var outcome = Outcome()
        guard let data = FileManager.default.contents(atPath: path) else {
            outcome.problems.append("cannot read \(path)")
            return outcome
        }
        let text = String(decoding: data, as: UTF8.self)
        outcome.expected = commentValues("expect", in: text)
        outcome.expectedHelp = commentValues("help", in: text)
        outcome.expectedNotes = commentValues("note", in: text)
        if outcome.expected.isEmpty {
            outcome.problems.append("no '# expect:' line: the fixture would test nothing")
        }
        let result = ConfigLoader.load(path: path)
        outcome.errorCount = result.diagnostics.filter { $0.severity == .error }.count
        outcome.actualHelp = result.diagnostics.flatMap(\.help)
        outcome.actualNotes = result.diagnostics.flatMap(\.notes).map { note in
            note.location.map { "\($0.line):\($0.column): \(note.message)" } ?? note.message
        }
        for diagnostic in result.diagnostics {
            if let headline = strip(diagnostic.headline, path: path) {
                outcome.actual.append(headline)
            } else {
                outcome.problems.append("headline does not start with the path: \(diagnostic.headline)")
            }
        }
        if outcome.actual != outcome.expected {
            outcome.problems.append(
                "diagnostics differ\n  expected:\n" + outcome.expected.map { "    \($0)" }.joined(separator: "\n")
                    + "\n  actual:\n" + outcome.actual.map { "    \($0)" }.joined(separator: "\n"))
        }
        for help in outcome.expectedHelp where !outcome.actualHelp.contains(help) {
            outcome.problems.append("help line not found: \(help)\n  actual help: \(outcome.actualHelp)")
        }
        for note in outcome.expectedNotes where !outcome.actualNotes.contains(note) {
            outcome.problems.append("note not found: \(note)\n  actual notes: \(outcome.actualNotes)")
        }
        return outcome
    }
}

@Suite struct CorpusTests {
    @Test(arguments: Corpus.fixtureNames())
    func fixture(_ name: String) {
        let outcome = Corpus.run(path: Corpus.directory.appendingPathComponent(name).path)
        #expect(outcome.problems.isEmpty, "\(name): \(outcome.problems.joined(separator: "\n"))")
    }

    @Test func corpusIsLarge() {
        #expect(Corpus.fixtureNames().count >= 60)
    }

    /// The runner passes a valid config: configs/xor.yaml has no error (and no expect line, which the runner
    /// reports, showing that it can fail).
    @Test func validConfigHasNoErrors() {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../configs/xor.yaml").standardizedFileURL.path
        let outcome = Corpus.run(path: path)
        #expect(outcome.errorCount == 0)
        #expect(outcome.actual.allSatisfy { !$0.contains(": error: ") && !$0.hasPrefix("error: ") })
        #expect(outcome.problems == ["no '# expect:' line: the fixture would test nothing"])
    }

    /// The runner fails a file whose expectations are wrong: a wrong position, a missing diagnostic, a help line
    /// that is not produced.
    @Test func runnerCatchesWrongExpectations() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sprout-corpus-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let body = """
            data: {source: xor, samples: 3}
            model: {layers: [{type: dense, units: 2}]}
            train: {loss: cross_entropy, optimizer: {type: sgd, lr: 0.1}, epochs: 1}

            """
        func outcome(_ comments: String) throws -> Corpus.Outcome {
            let path = directory.appendingPathComponent("case.yaml").path
            try (body + comments).write(toFile: path, atomically: true, encoding: .utf8)
            return Corpus.run(path: path)
        }
        let right = "# expect: 1:30: error: 'samples' must be between 4 and 10000000, found 3 [out-of-range]\n"
        #expect(try outcome(right).problems == [])
        #expect(try outcome(right.replacingOccurrences(of: "1:30", with: "1:29")).problems.count == 1)
        #expect(try outcome("").problems.count == 2)  // no expect line, and an unexpected diagnostic
        #expect(try outcome(right + "# help: did you mean 'xor'?\n").problems.count == 1)
        #expect(try outcome(right + "# expect: 2:1: warning: extra\n").problems.count == 1)
        #expect(try outcome(right.replacingOccurrences(of: "[out-of-range]", with: "[type-mismatch]")).problems.count == 1)
        #expect(try outcome(right + "# note: 1:1: a note that is not there\n").problems.count == 1)
    }

    @Test func headlinesAreStrippedOfTheirPath() {
        #expect(Corpus.strip("a/b.yaml:5:3: error: x [unknown-key]", path: "a/b.yaml") == "5:3: error: x [unknown-key]")
        #expect(Corpus.strip("a/b.yaml: error: the file is empty [empty-file]", path: "a/b.yaml")
                    == "error: the file is empty [empty-file]")
        #expect(Corpus.strip("other.yaml:1:1: error: x", path: "a/b.yaml") == nil)
    }
}
