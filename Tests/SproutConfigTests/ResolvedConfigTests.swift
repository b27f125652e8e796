import SproutConfig
import SproutTestSupport
import SproutYAML
import Testing

@Suite struct ResolvedConfigTests {
    /// Every awkward character a description may hold survives the trip through the resolved YAML: quotes,
    /// backslashes, line breaks, tabs, other C0 controls, DEL and the C1 controls (which YAML does not count as
    /// printable, so they must be escaped), and non-ASCII text.
    @Test func descriptionsRoundTrip() throws {
        var spec = try #require(try decode(MarkedText(validXOR)).spec)
        spec.description = "a \"quoted\" \\ back\nslash\ttab \u{01}\u{7F}\u{85}\u{9F} é 中 😀"
        let text = ResolvedConfig.yaml(spec)
        let again = try #require(try decode(MarkedText(text)).spec)
        #expect(again.description == spec.description)
        #expect(ResolvedConfig.yaml(again) == text)
    }

    @Test func jsonStringEscapes() {
        #expect(JSONString.quoted("a\"b\\c\n\u{08}\u{0C}\u{1F}\u{7F}é") == "\"a\\\"b\\\\c\\n\\b\\f\\u001f\\u007fé\"")
    }
}
