import SproutDiagnostics
import SproutYAML

/// A YAML file as Sprout reads it (YAML 1.2 core schema, aliases and merge keys resolved), as one line of JSON:
/// `sprout parse`'s answer to "what does my YAML mean?". Here, not in the CLI, so that the CLI needs no YAML module.
public struct YAMLAsJSON: Sendable {
    /// The file's text, for rendering the diagnostics.
    public var source: String
    public var diagnostics: [Diagnostic]
    /// The document as JSON; nil when the file is not valid YAML for Sprout (`diagnostics` say why).
    public var json: String?

    public static func read(path: String) -> YAMLAsJSON {
        let document = YAMLDocument.read(path: path)
        let json = document.hasErrors ? nil : document.root?.json
        return YAMLAsJSON(source: document.source, diagnostics: document.diagnostics, json: json)
    }
}
