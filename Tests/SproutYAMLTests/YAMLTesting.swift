import SproutDiagnostics
import SproutTestSupport
import SproutYAML

/// Helpers shared by the tests.
enum YAMLTesting {
    /// The diagnostics of a parse that is expected to fail (empty when it succeeded).
    static func diagnostics(
        _ text: String, file: String = "test.yaml", limits: YAMLLimits = .default
    ) -> [Diagnostic] {
        do {
            _ = try YAMLDocument.parse(text, file: file, limits: limits)
            return []
        } catch {
            return error.diagnostics
        }
    }

    /// Every diagnostic of a failed parse rendered with the source, separated by blank lines.
    static func rendered(
        _ text: String, file: String = "test.yaml", limits: YAMLLimits = .default, source: String? = nil
    ) -> String {
        var renderer = DiagnosticRenderer()
        renderer.addSource(source ?? text, for: file)
        return diagnostics(text, file: file, limits: limits).map { renderer.render($0) }.joined(separator: "\n\n")
    }

    /// Same for raw bytes; the renderer gets the bytes decoded with replacement characters, as a CLI would.
    static func rendered(bytes: [UInt8], file: String = "test.yaml") -> String {
        var renderer = DiagnosticRenderer()
        renderer.addSource(String(decoding: bytes, as: UTF8.self), for: file)
        do {
            _ = try YAMLDocument.parse(bytes: bytes, file: file)
            return ""
        } catch {
            return error.diagnostics.map { renderer.render($0) }.joined(separator: "\n\n")
        }
    }

    /// The value of key `v` in a one-line document `v: <scalar>`.
    static func value(of scalar: String) throws -> ScalarValue? {
        let root = try YAMLDocument.parse("v: \(scalar)\n", file: "test.yaml")
        return root["v"]?.scalar?.value
    }

    /// The directory of the fixture files next to this source file.
    static func fixture(_ name: String, filePath: String = #filePath) -> String {
        let directory = filePath.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        return directory + "/Fixtures/" + name
    }
}
