import SproutDiagnostics
import SproutTestSupport
import Testing

@testable import SproutYAML

@Suite struct AliasTests {
    @Test func aliasIsACopyOfTheAnchoredNode() throws {
        let input = MarkedText("base: 1️⃣&b {lr: 0.1, layers: [8, 4]}\nrun: 2️⃣*b\nname: &n xor\nalso: *n\n")
        let root = try YAMLDocument.parse(input.text, file: input.file)
        #expect(
            root.json
                == #"{"base": {"lr": 0.1, "layers": [8, 4]}, "run": {"lr": 0.1, "layers": [8, 4]}, "name": "xor", "also": "xor"}"#)
        // The copy keeps the anchored node's marks (documented on `Node`).
        #expect(root["run"]?.location == input.location(1))
    }

    @Test func aliasAsKeyUsesTheAliasPosition() throws {
        let input = MarkedText("k: &k name\n1️⃣*k : value\n")
        let root = try YAMLDocument.parse(input.text, file: input.file)
        #expect(root.json == #"{"k": "name", "name": "value"}"#)
        #expect(root.mappingEntries?.last?.keyLocation == input.location(1))
    }

    /// The 9-level "billion laughs" asks for about 10^9 nodes: the alias budget refuses the first `*e` (line 6), whose
    /// 66 430-node subtree would pass 100 000, before copying it. So the nodes built stay within `maxNodes` (without
    /// the budget they would count 9^9 copies of "lol"), and the aliases expanded are the 36 of lines 2 to 5.
    @Test func billionLaughsStopsAtTheNodeBudget() throws {
        let (messages, work) = try ParseWorkTesting.parse(fixture: "billion-laughs.yaml")
        #expect(messages == ["expanding alias 'e' would make the document larger than 100000 nodes"])
        #expect(work.nodes <= YAMLLimits.default.maxNodes, "\(work)")
        #expect(work.aliasExpansions == 4 * 9, "\(work)")
    }

    @Test func aliasBudgetIsCheckedBeforeCopying() {
        let limits = YAMLLimits(maxNodes: 20)
        // a: 1 key + 1 seq + 9 items = 11 nodes so far; *a costs 10 more: 1 + 11 + 1 (key b) + 10 > 20.
        let input = MarkedText("a: &a [1, 2, 3, 4, 5, 6, 7, 8, 9]\nb: 1️⃣*a\n")
        #expect(YAMLTesting.diagnostics(input.text, limits: limits).map(\.location) == [input.location(1)])
        let fits = YAMLTesting.diagnostics(input.text, limits: YAMLLimits(maxNodes: 23))
        #expect(fits.isEmpty)
    }

    @Test func undefinedAliasListsDefinedAnchors() {
        #expect(
            YAMLTesting.rendered("defaults: &defaults\n  lr: 0.1\nother: &other 1\nrun: *default\n") == """
                test.yaml:4:6: error: undefined alias 'default' [undefined-alias]
                run: *default
                     ^
                help: anchors defined before this point: 'defaults', 'other'
                """)
    }

    @Test func undefinedAliasWithoutAnchors() {
        #expect(
            YAMLTesting.rendered("a: *x\n") == """
                test.yaml:1:4: error: undefined alias 'x' [undefined-alias]
                a: *x
                   ^
                help: define the anchor with '&x' before this alias
                """)
    }

    @Test func aliasBeforeItsAnchorIsUndefined() {
        let input = MarkedText("a: 1️⃣*x\nb: &x 1\n")
        #expect(YAMLTesting.diagnostics(input.text).map(\.message) == ["undefined alias 'x'"])
    }

    @Test func aliasInsideItsOwnAnchorIsRejected() {
        let input = MarkedText("a: &x [1, 1️⃣*x]\n")
        let diagnostics = YAMLTesting.diagnostics(input.text)
        #expect(diagnostics.map(\.message) == ["alias 'x' refers to a node that contains it"])
        #expect(diagnostics.map(\.location) == [input.location(1)])
    }

    @Test func redefinedAnchorUsesTheLatest() throws {
        let root = try YAMLDocument.parse("a: &x 1\nb: *x\nc: &x 2\nd: *x\n", file: "t.yaml")
        #expect(root.json == #"{"a": 1, "b": 1, "c": 2, "d": 2}"#)
    }

    @Test func aliasesCannotBuildATreeDeeperThanTheLimit() {
        let limits = YAMLLimits(maxDepth: 5)
        // &a is 3 levels deep by itself; under the 3 open levels (mapping, two sequences) it would make 6.
        let input = MarkedText("a: &a [[[x]]]\nb: [[1️⃣*a]]\n")
        let diagnostics = YAMLTesting.diagnostics(input.text, limits: limits)
        #expect(diagnostics.map(\.message) == ["nesting deeper than 5 levels"])
        #expect(diagnostics.map(\.location) == [input.location(1)])
        #expect(YAMLTesting.diagnostics("a: &a [[[x]]]\nb: [*a]\n", limits: limits).isEmpty)
    }

    @Test func fixtureUndefinedAlias() {
        let path = YAMLTesting.fixture("undefined-alias.yaml")
        #expect {
            try YAMLDocument.load(path: path)
        } throws: { error in
            (error as? DiagnosticError)?.diagnostics.map(\.message) == ["undefined alias 'default'"]
        }
    }
}
