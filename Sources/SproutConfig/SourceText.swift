import Foundation
import SproutYAML

/// The text of a file for showing source lines in diagnostics when parsing failed: at most the parser's size cap,
/// decoded leniently (invalid UTF-8 becomes U+FFFD) so that a broken file can still be quoted.
public enum SourceText {
    public static func forDiagnostics(path: String, limit: Int = YAMLLimits.default.maxFileBytes) -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { return "" }
        defer { try? handle.close() }
        guard let data = try? handle.read(upToCount: limit) else { return "" }
        return String(decoding: data, as: UTF8.self)
    }
}
