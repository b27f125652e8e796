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
}
