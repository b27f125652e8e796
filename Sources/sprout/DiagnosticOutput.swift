import Foundation
import SproutConfig
import SproutDiagnostics

/// Prints diagnostics to standard error, rendered with their source line and caret.
enum DiagnosticOutput {
    /// Colours on a terminal (`DiagnosticColors.wanted`: not with NO_COLOR, always with CLICOLOR_FORCE).
    static let colored = DiagnosticColors.wanted(environment: ProcessInfo.processInfo.environment,
                                                 isTerminal: isatty(STDERR_FILENO) == 1)

    static func print(_ diagnostics: [Diagnostic], source: String, file: String) {
        print(diagnostics, sources: [file: source])
    }

    /// A loaded config's diagnostics (all of them unless `diagnostics` says which), with every text they point
    /// into: the file, its bases, `<arguments>`.
    static func print(_ result: ConfigLoader.Result, _ diagnostics: [Diagnostic]? = nil) {
        print(diagnostics ?? result.diagnostics, sources: result.sources.merging([result.path: result.source]) { a, _ in a })
    }

    static func print(_ diagnostics: [Diagnostic], sources: [String: String]) {
        var renderer = DiagnosticRenderer()
        renderer.colored = colored
        for (file, source) in sources { renderer.addSource(source, for: file) }
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
