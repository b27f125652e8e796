extension Diagnostic {
    /// A `note:` line: context for a diagnostic. A note about another place (where a duplicated key was first
    /// defined, where libyaml's block began) carries that place as its own location instead of writing "line N"
    /// into its text, so it renders like a compiler's note, `file:line:column: note: ...`, with its own source line
    /// and caret, and tools can read the position.
    public struct Note: Hashable, Sendable {
        public var message: String
        /// The place the note points at; `nil` for a note about the diagnostic itself.
        public var location: SourceLocation?

        public init(_ message: String, at location: SourceLocation? = nil) {
            self.message = message
            self.location = location
        }
    }
}
