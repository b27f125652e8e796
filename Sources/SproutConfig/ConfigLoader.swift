import Foundation
import SproutDiagnostics
import SproutYAML

/// Reads, parses and decodes one config file: what `validate`, `show` and `run` share.
public enum ConfigLoader {
    public struct Result: Sendable {
        public var path: String
        /// The file's text, for rendering diagnostics with their source line (empty when unreadable).
        public var source: String
        public var spec: ExperimentSpec?
        public var diagnostics: [Diagnostic]
        public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    }

    public static func load(path: String) -> Result {
        let stem = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        let document: (root: Node, source: String)
        do {
            document = try YAMLDocument.load(path: path)
        } catch {
            let source = SourceText.forDiagnostics(path: path)
            return Result(path: path, source: source, spec: nil, diagnostics: error.diagnostics)
        }
        let decoded = ExperimentDecoder.decode(document.root, defaultName: stem)
        return Result(path: path, source: document.source, spec: decoded.spec, diagnostics: decoded.diagnostics)
    }
}
