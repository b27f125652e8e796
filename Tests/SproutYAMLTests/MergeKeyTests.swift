import SproutDiagnostics
import SproutTestSupport
import Testing

@testable import SproutYAML

@Suite struct MergeKeyTests {
    @Test func mergeBringsInTheAnchoredKeys() throws {
        let root = try YAMLDocument.parse(
            "base: &base {lr: 0.1, epochs: 10}\nrun:\n  name: a\n  <<: *base\n  seed: 1\n", file: "t.yaml")
        #expect(root["run"]?.json == #"{"name": "a", "lr": 0.1, "epochs": 10, "seed": 1}"#)
    }

    @Test func explicitKeysWinWhereverTheyAre() throws {
        let root = try YAMLDocument.parse(
            "base: &base {lr: 0.1, epochs: 10}\nrun:\n  epochs: 1\n  <<: *base\n  lr: 0.5\n", file: "t.yaml")
        #expect(root["run"]?.json == #"{"epochs": 1, "lr": 0.5}"#)
    }

    @Test func earlierMappingInASequenceWins() throws {
        let root = try YAMLDocument.parse(
            "a: &a {x: 1, y: 1}\nb: &b {y: 2, z: 2}\nrun: {<<: [*a, *b], w: 0}\n", file: "t.yaml")
        #expect(root["run"]?.json == #"{"x": 1, "y": 1, "z": 2, "w": 0}"#)
    }

    @Test func mergedEntriesKeepTheirOwnLocations() throws {
        let input = MarkedText("base: &base\n  1️⃣lr: 2️⃣0.1\nrun:\n  <<: *base\n")
        let root = try YAMLDocument.parse(input.text, file: input.file)
        let entry = try #require(root["run"]?.mappingEntries?.first)
        #expect(entry.keyLocation == input.location(1))
        #expect(entry.value.location == input.location(2))
    }

    @Test func mergesChain() throws {
        let root = try YAMLDocument.parse(
            "a: &a {x: 1}\nb: &b {<<: *a, y: 2}\nc: {<<: *b, z: 3}\n", file: "t.yaml")
        #expect(root["c"]?.json == #"{"x": 1, "y": 2, "z": 3}"#)
    }

    @Test func inlineMappingCanBeMerged() throws {
        let root = try YAMLDocument.parse("c: {<<: {x: 1}, y: 2}\n", file: "t.yaml")
        #expect(root["c"]?.json == #"{"x": 1, "y": 2}"#)
    }

    @Test func mergeValueMustBeMappings() {
        let input = MarkedText("a: &a 1\nb: {<<: 1️⃣*a}\nc: &c {k: v}\nd: {<<: [*c, 2️⃣3]}\n")
        let diagnostics = YAMLTesting.diagnostics(input.text)
        #expect(
            diagnostics.map(\.message) == [
                "the value of a merge key '<<' must be a mapping or a sequence of mappings, found an integer",
                "the value of a merge key '<<' must be a mapping or a sequence of mappings, found an integer",
            ])
        #expect(diagnostics.map(\.location) == [input.location(1), input.location(2)])
    }

    @Test func quotedMergeKeyIsAnOrdinaryKey() throws {
        let root = try YAMLDocument.parse("a: &a {x: 1}\nb: {'<<': *a}\n", file: "t.yaml")
        #expect(root["b"]?.json == #"{"<<": {"x": 1}}"#)
    }

    @Test func twoMergeKeysAreDuplicates() {
        let input = MarkedText("a: &a {x: 1}\nb:\n  <<: *a\n  1️⃣<<: *a\n")
        let diagnostics = YAMLTesting.diagnostics(input.text)
        #expect(diagnostics.map(\.message) == ["duplicate key '<<'"])
        #expect(diagnostics.map(\.location) == [input.location(1)])
    }
}
