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

    /// libyaml 0.2.5 takes about 30 s to scan 100 000 nested `[` to the end (it is quadratic in the depth); we stop at
    /// the start event one level too deep, so the events read are bounded by the depth limit, not by the input:
    /// 4 before the first opener (stream, document, the top mapping, the key `a`), then `perLevel` events per level
    /// (a start event; a flow mapping adds its key), at most maxDepth levels. Were the depth not checked on each start
    /// event, the count would be about 100 000 · perLevel (and the parse quadratic).
    @Test(arguments: [("[", 1), ("{a: ", 2), ("[\n", 1), ("- ", 1)])
    func hundredThousandOpenersStopAtTheDepthLimit(_ opener: String, perLevel: Int) throws {
        let text = (opener == "- " ? "a:\n" : "a: ") + String(repeating: opener, count: 100_000)
        let (messages, work) = try ParseWorkTesting.parse(text)
        #expect(messages == ["nesting deeper than 64 levels"])
        #expect(work.events <= 4 + perLevel * YAMLLimits.default.maxDepth, "\(work)")
        #expect(work.nodes <= 2 * YAMLLimits.default.maxDepth, "\(work)")
    }

    /// An accepted nesting costs a fixed number of events per level: `a: [[...]]` with d sequences is stream,
    /// document and top mapping start and end (6), the key (1) and each sequence's start and end (2d).
    @Test(arguments: [1, 10, 63])
    func nestingIsLinearInItsDepth(_ depth: Int) throws {
        let text = "a: " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "\n"
        let (messages, work) = try ParseWorkTesting.parse(text)
        #expect(messages == [])
        #expect(work.events == 7 + 2 * depth)
        #expect(work.nodes == 2 + depth)
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
