import Foundation
import SproutDiagnostics

/// Prints diagnostics to standard error, rendered with their source line and caret.
enum DiagnosticOutput {
    static func print(_ diagnostics: [Diagnostic], source: String, file: String) {
        var renderer = DiagnosticRenderer()
        renderer.addSource(source, for: file)
        for diagnostic in diagnostics {
            printError(renderer.render(diagnostic))
        }
    }

    static func printError(_ text: String) {
        StandardStreams.err(text + "\n")
    }

    /// "1 error", "2 warnings".
    static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
}
