import SproutDiagnostics
import SproutTestSupport
import Testing

@testable import SproutYAML

@Suite struct LimitsTests {
    @Test func defaults() {
        #expect(YAMLLimits.default == YAMLLimits(maxFileBytes: 4 << 20, maxDepth: 64, maxNodes: 100_000))
    }

    @Test func fileSizeIsCheckedBeforeParsing() {
        // Not even valid YAML: the size check comes first.
        let text = String(repeating: "[", count: 101)
        #expect(
            YAMLTesting.rendered(text, limits: YAMLLimits(maxFileBytes: 100)) == """
                test.yaml: error: the file is larger than the limit of 100 bytes [file-too-large]
                help: Sprout configs are small; this limit guards against reading a wrong or hostile file
                """)
        #expect(YAMLTesting.diagnostics("a: 1\n", limits: YAMLLimits(maxFileBytes: 5)).isEmpty)
    }

    @Test func sixtyFourLevelsAreAcceptedSixtyFiveAreNot() {
        // The top-level mapping is level 1, so 63 nested sequences make 64 levels.
        let ok = "a: " + String(repeating: "[", count: 63) + String(repeating: "]", count: 63) + "\n"
        #expect(YAMLTesting.diagnostics(ok).isEmpty)
        let input = MarkedText("a: " + String(repeating: "[", count: 63) + "1️⃣[" + String(repeating: "]", count: 64))
        // (The 131-character line is shown cut to a window in the rendered text; RendererTests covers that.)
        let diagnostics = YAMLTesting.diagnostics(input.text)
        #expect(diagnostics.map(\.headline) == ["test.yaml:\(input.lineColumn(1)): error: nesting deeper than 64 levels [nesting-too-deep]"])
        #expect(diagnostics.first?.help == ["flatten it: Sprout configs need only a few levels of nesting"])
        #expect(input.location(1).column == 67)
    }

    @Test func deepBlockNestingIsLimitedToo() {
        let text = (0..<70).map { String(repeating: " ", count: $0) + "k\($0):\n" }.joined()
        #expect(YAMLTesting.diagnostics(text).map(\.message) == ["nesting deeper than 64 levels"])
    }

    /// libyaml 0.2.5 takes about 30 s to scan 100 000 nested `[` to the end; we stop at the 65th start event, which
    /// libyaml delivers after scanning a little over 1 KB (a flow simple key goes stale after 1024 characters).
    @Test(arguments: ["[", "{a: ", "[\n", "- "])
    func hundredThousandOpenersAreRejectedQuickly(_ opener: String) {
        let text = (opener == "- " ? "a:\n" : "a: ") + String(repeating: opener, count: 100_000)
        let clock = ContinuousClock()
        var messages: [String] = []
        let elapsed = clock.measure { messages = YAMLTesting.diagnostics(text).map(\.message) }
        #expect(messages == ["nesting deeper than 64 levels"])
        #expect(elapsed < .seconds(1))
    }

    @Test func nodeCountIsBoundedWithoutAliases() {
        // 4 MiB minus a little of `[],`: about 1.4 million nodes.
        let items = (4 << 20) / 3 - 10
        let text = "a: [" + String(repeating: "[],", count: items) + "]\n"
        #expect(text.utf8.count <= 4 << 20)
        let messages = YAMLTesting.diagnostics(text).map(\.message)
        #expect(messages == ["the document has more than 100000 nodes"])
    }

    @Test func nodeCountCountsKeysAndValues() {
        // mapping + 2 keys + 2 values = 5 nodes.
        #expect(YAMLTesting.diagnostics("a: 1\nb: 2\n", limits: YAMLLimits(maxNodes: 5)).isEmpty)
        let input = MarkedText("a: 1\nb: 1️⃣2\n")
        let diagnostics = YAMLTesting.diagnostics(input.text, limits: YAMLLimits(maxNodes: 4))
        #expect(diagnostics.map(\.location) == [input.location(1)])
    }
}
