import Foundation
import SproutDiagnostics

/// Prints diagnostics to standard error, rendered with their source line and caret.
enum DiagnosticOutput {
    /// Colours on a terminal (`DiagnosticColors.wanted`: not with NO_COLOR, always with CLICOLOR_FORCE).
    static let colored = DiagnosticColors.wanted(environment: ProcessInfo.processInfo.environment,
                                                 isTerminal: isatty(STDERR_FILENO) == 1)

    static func print(_ diagnostics: [Diagnostic], source: String, file: String) {
        var renderer = DiagnosticRenderer()
        renderer.colored = colored
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
