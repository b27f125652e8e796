/// One problem found in a user's input, printed like a compiler's:
///
///     configs/xor.yaml:7:11: error: unknown layer type 'dence'
///       type: dence
///             ^
///     help: did you mean 'dense'?
///
/// Modelled on swift-format's `Finding`: a value with a 1-based location, a message and help notes.
/// A diagnostic without a location (a file that cannot be read) prints as `file: error: message`.
public struct Diagnostic: Error, Hashable, Sendable {
    public enum Severity: String, Hashable, Sendable {
        case error
        case warning
    }

    public var severity: Severity
    public var message: String
    /// Where the problem is; `nil` only when no position makes sense (an unreadable file).
    public var location: SourceLocation?
    /// The file named when there is no location.
    public var file: String
    /// `note:` lines: context, such as libyaml's "while parsing a block mapping that starts at 3:1".
    public var notes: [String]
    /// `help:` lines: a did-you-mean, the valid choices, how to fix it.
    public var help: [String]

    public init(
        _ severity: Severity, _ message: String, at location: SourceLocation, notes: [String] = [], help: [String] = []
    ) {
        self.severity = severity
        self.message = message
        self.location = location
        self.file = location.file
        self.notes = notes
        self.help = help
    }

    public init(_ severity: Severity, _ message: String, file: String, notes: [String] = [], help: [String] = []) {
        self.severity = severity
        self.message = message
        self.location = nil
        self.file = file
        self.notes = notes
        self.help = help
    }

    public static func error(
        _ message: String, at location: SourceLocation, notes: [String] = [], help: [String] = []
    ) -> Diagnostic {
        Diagnostic(.error, message, at: location, notes: notes, help: help)
    }

    public static func warning(
        _ message: String, at location: SourceLocation, notes: [String] = [], help: [String] = []
    ) -> Diagnostic {
        Diagnostic(.warning, message, at: location, notes: notes, help: help)
    }

    /// The first line: `file:line:col: error: message`.
    public var headline: String {
        let place = location.map(\.description) ?? file
        return "\(place): \(severity.rawValue): \(message)"
    }
}

/// A failure that carries every diagnostic found, so one pass reports every problem of a file.
public struct DiagnosticError: Error, Sendable {
    public var diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
    public init(_ diagnostic: Diagnostic) { self.diagnostics = [diagnostic] }
}
