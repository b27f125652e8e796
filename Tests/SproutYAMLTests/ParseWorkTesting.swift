import SproutDiagnostics

@testable import SproutYAML

/// Parses text and returns its diagnostics' messages with the work the parse did (`ParseWork`): the tests of the
/// limits bound that work by the input's size, where a timed test would only measure the machine.
enum ParseWorkTesting {
    static func parse(_ text: String, limits: YAMLLimits = .default) throws -> (messages: [String], work: ParseWork) {
        try parse(bytes: Array(text.utf8), limits: limits)
    }

    /// The same for a fixture file.
    static func parse(fixture name: String) throws -> (messages: [String], work: ParseWork) {
        try parse(bytes: FileReader.contents(of: YAMLTesting.fixture(name), maxBytes: YAMLLimits.default.maxFileBytes))
    }

    static func parse(bytes: [UInt8], limits: YAMLLimits = .default) throws -> (messages: [String], work: ParseWork) {
        let source = try SourceText(bytes: bytes, file: "test.yaml", limits: limits)
        let (_, diagnostics, _, work) = TreeBuilder.buildCounting(source, limits: limits)
        return (diagnostics.map(\.message), work)
    }
}
