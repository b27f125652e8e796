import Foundation
import SproutDiagnostics
import SproutYAML

/// Reads, parses and decodes one config file: what `validate` and `run` share.
public enum ConfigLoader {
    public struct Result: Sendable {
        public var path: String
        /// The file's text, for rendering diagnostics with their source line (empty when unreadable).
        public var source: String
        /// The experiment, only when the file has no error.
        public var spec: ExperimentSpec?
        /// YAML and config problems together, in file order.
        public var diagnostics: [Diagnostic]
        public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    }

    /// Every problem of the file in one pass: a YAML problem that leaves the tree sound (a duplicate key, an
    /// overflowing number, a bad tag, an undefined alias) does not hide the config's own mistakes. Where the YAML
    /// layer replaced a value by a placeholder, the decoder's complaint about the placeholder would only repeat the
    /// YAML diagnostic, so it is dropped; every other config diagnostic is kept, even at the same position.
    public static func load(path: String) -> Result {
        let document = YAMLDocument.read(path: path)
        guard let root = document.root else {
            return Result(path: path, source: document.source, spec: nil, diagnostics: document.diagnostics)
        }
        let defaultName = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        let decoded = ExperimentDecoder.decode(root, defaultName: defaultName)
        let placeholders = Set(document.placeholders)
        let configDiagnostics = decoded.diagnostics.filter { d in d.location.map { !placeholders.contains($0) } ?? true }
        return Result(path: path, source: document.source, spec: document.hasErrors ? nil : decoded.spec,
                      diagnostics: (document.diagnostics + configDiagnostics).sortedByLocation)
    }
}
