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
    /// overflowing number, a bad tag, an undefined alias) does not hide the config's own mistakes. The YAML layer
    /// leaves a placeholder where such a value was; the decoder's complaint about that placeholder would only
    /// repeat the YAML diagnostic at the same place, so it is dropped.
    public static func load(path: String) -> Result {
        let document = YAMLDocument.read(path: path)
        guard let root = document.root else {
            return Result(path: path, source: document.source, spec: nil, diagnostics: document.diagnostics)
        }
        let defaultName = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        let decoded = ExperimentDecoder.decode(root, defaultName: defaultName)
        let reported = Set(document.diagnostics.compactMap(\.location))
        let configDiagnostics = decoded.diagnostics.filter { d in d.location.map { !reported.contains($0) } ?? true }
        return Result(path: path, source: document.source, spec: document.hasErrors ? nil : decoded.spec,
                      diagnostics: (document.diagnostics + configDiagnostics).sortedByLocation)
    }
}
