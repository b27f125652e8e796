import SproutDiagnostics

/// Entry points of the YAML layer: one YAML document whose top level is a mapping, as a `Node` tree with
/// 1-based locations, typed by the YAML 1.2 core schema, with aliases and merge keys expanded, within `YAMLLimits`.
///
/// Every failure is a `DiagnosticError` whose diagnostics carry a line:column whenever one exists.
public enum YAMLDocument {
    /// Parses exactly one YAML document whose top level is a mapping. `file` is the name used in locations.
    public static func parse(_ text: String, file: String, limits: YAMLLimits = .default) throws(DiagnosticError) -> Node {
        try parse(bytes: Array(text.utf8), file: file, limits: limits)
    }

    /// Parses raw bytes: checks the size limit, strips a UTF-8 byte order mark, rejects invalid UTF-8 and NUL
    /// bytes at their position, then parses.
    public static func parse(bytes: [UInt8], file: String, limits: YAMLLimits = .default) throws(DiagnosticError) -> Node {
        let source = try SourceText(bytes: bytes, file: file, limits: limits)
        return try TreeBuilder.build(source, limits: limits)
    }

    /// Reads the file (refusing one larger than `maxFileBytes` from its size, before reading it), then parses.
    /// Returns the node and the decoded source text (without a BOM) for `DiagnosticRenderer`.
    /// An unreadable file is a diagnostic without a location.
    public static func load(
        path: String, limits: YAMLLimits = .default
    ) throws(DiagnosticError) -> (root: Node, source: String) {
        let bytes = try FileReader.contents(of: path, maxBytes: limits.maxFileBytes)
        let source = try SourceText(bytes: bytes, file: path, limits: limits)
        return (try TreeBuilder.build(source, limits: limits), source.text)
    }

    /// Reads and parses a file without throwing: what a validator wants. Returns the text to show in diagnostics
    /// (decoded leniently when the file is not valid UTF-8), the tree when one could be built, and every diagnostic
    /// in file order. The tree may come with recoverable problems (see `YAMLReadResult.root`).
    public static func read(path: String, limits: YAMLLimits = .default) -> YAMLReadResult {
        let bytes: [UInt8]
        do {
            bytes = try FileReader.contents(of: path, maxBytes: limits.maxFileBytes)
        } catch {
            return YAMLReadResult(source: "", root: nil, diagnostics: error.diagnostics, placeholders: [])
        }
        return read(bytes: bytes, file: path, limits: limits)
    }

    /// `read(path:)` for bytes already in memory (`file` names them in locations): the fuzzer's entry, and the
    /// same rules (size, byte order mark, UTF-8, NUL) as a file.
    public static func read(bytes: [UInt8], file path: String, limits: YAMLLimits = .default) -> YAMLReadResult {
        let source: SourceText
        do {
            source = try SourceText(bytes: bytes, file: path, limits: limits)
        } catch {
            let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
            let shown = bytes.starts(with: bom) ? Array(bytes.dropFirst(3)) : bytes
            return YAMLReadResult(source: String(decoding: shown, as: UTF8.self), root: nil,
                                  diagnostics: error.diagnostics, placeholders: [])
        }
        let (root, diagnostics, placeholders) = TreeBuilder.buildCollecting(source, limits: limits)
        return YAMLReadResult(source: source.text, root: root, diagnostics: diagnostics, placeholders: placeholders)
    }
}

/// One file read by `YAMLDocument.read`.
public struct YAMLReadResult: Sendable {
    /// The file's text for `DiagnosticRenderer` (without a byte order mark; empty when the file could not be read).
    public var source: String
    /// The tree, when the parse reached the end and the top level is a mapping. When `diagnostics` has errors the
    /// tree is still sound but holds placeholders: a duplicate key keeps its first value, and a bad tag, an
    /// overflowing number or an undefined alias (and a collection with a bad tag) is a placeholder scalar at the
    /// location of its own diagnostic.
    public var root: Node?
    public var diagnostics: [Diagnostic]
    /// Where the tree holds a placeholder scalar in place of a value that had an error (each has its diagnostic).
    public var placeholders: [SourceLocation]

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}
