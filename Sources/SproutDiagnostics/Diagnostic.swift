/// One problem found in a user's input, printed like a compiler's:
///
///     configs/xor.yaml:7:11: error: unknown layer type 'dence' [unknown-choice]
///       type: dence
///             ^
///     help: did you mean 'dense'?
///
/// Modelled on swift-format's `Finding`: a value with a 1-based location, a message, the rule that found it (its
/// `id`, as a `Finding` has a category), notes and help. A diagnostic without a location (a file that cannot be
/// read) prints as `file: error: message [id]`.
public struct Diagnostic: Error, Hashable, Sendable {
    public enum Severity: String, Hashable, Sendable {
        case error
        case warning
    }

    /// The rule that found the problem; stable across wordings (docs/diagnostics.md lists them all).
    public var id: DiagnosticID
    public var severity: Severity
    public var message: String
    /// Where the problem is; `nil` only when no position makes sense (an unreadable file).
    public var location: SourceLocation?
    /// The file named when there is no location.
    public var file: String
    /// `note:` lines: context, such as the place a duplicated key was first defined.
    public var notes: [Note]
    /// `help:` lines: a did-you-mean, the valid choices, how to fix it.
    public var help: [String]

    /// A problem at a place in a file; its severity is its rule's (`id.severity`).
    public init(_ id: DiagnosticID, _ message: String, at location: SourceLocation, notes: [Note] = [],
                help: [String] = []) {
        self.id = id
        self.severity = id.severity
        self.message = message
        self.location = location
        self.file = location.file
        self.notes = notes
        self.help = help
    }

    /// A problem about a whole file (it cannot be read, it is empty, its name cannot name a run).
    public init(_ id: DiagnosticID, _ message: String, file: String, notes: [Note] = [], help: [String] = []) {
        self.id = id
        self.severity = id.severity
        self.message = message
        self.location = nil
        self.file = file
        self.notes = notes
        self.help = help
    }

    /// A problem with a path named on the command line (`bad-config-path`). The command line's path expansion
    /// writes its own sentences and builds its diagnostics with this initializer, so that it needs no other id.
    public init(_ severity: Severity, _ message: String, file: String) {
        self.init(.badConfigPath, message, file: file)
        self.severity = severity
    }

    /// The first line: `file:line:col: error: message [id]`.
    public var headline: String {
        let place = location.map(\.description) ?? file
        return "\(place): \(severity.rawValue): \(message) [\(id.rawValue)]"
    }
}

/// A failure that carries every diagnostic found, so one pass reports every problem of a file.
public struct DiagnosticError: Error, Sendable {
    public var diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
    public init(_ diagnostic: Diagnostic) { self.diagnostics = [diagnostic] }
}
