/// Terminal colours for diagnostics, as clang and rustc colour theirs: the place and the message bold, the severity
/// in its colour (error bold red, warning bold magenta), `note:` and `help:` bold cyan, the caret bold green.
/// ANSI SGR escapes; used only when the output is a terminal that wants them (`DiagnosticColors.wanted`).
public enum DiagnosticColors {
    static let reset = "\u{1B}[0m"
    static let bold = "\u{1B}[1m"
    static let red = "\u{1B}[1;31m"
    static let magenta = "\u{1B}[1;35m"
    static let cyan = "\u{1B}[1;36m"
    static let green = "\u{1B}[1;32m"

    /// Whether to colour: `NO_COLOR` set and not empty (no-color.org) never; `CLICOLOR_FORCE` set and not "0"
    /// always; otherwise when standard error is a terminal and `TERM` is not "dumb".
    public static func wanted(environment: [String: String], isTerminal: Bool) -> Bool {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
        if let force = environment["CLICOLOR_FORCE"], force != "0" { return true }
        return isTerminal && environment["TERM"] != "dumb"
    }

    /// The headline coloured: `place: severity: message [id]`.
    static func headline(_ diagnostic: Diagnostic) -> String {
        let place = diagnostic.location.map(\.description) ?? diagnostic.file
        let color = diagnostic.severity == .error ? red : magenta
        return "\(bold)\(place): \(reset)\(color)\(diagnostic.severity.rawValue):\(reset) \(bold)\(diagnostic.message)\(reset) "
            + "[\(diagnostic.id.rawValue)]"
    }

    /// A label (`note:`, `help:`) coloured at the start of `line`.
    static func label(_ label: String, _ rest: String) -> String { "\(cyan)\(label):\(reset) \(rest)" }

    /// The caret line with its `^` coloured.
    static func caret(_ line: String) -> String {
        guard line.hasSuffix("^") else { return line }
        return String(line.dropLast()) + "\(green)^\(reset)"
    }
}
