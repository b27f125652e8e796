import SproutDiagnostics

/// Types one scalar: an explicit core tag decides first (`!!str 12` is "12", `!!int "12"` is 12, `!` is a
/// string); without a tag a plain scalar follows the core schema and any other style is a string.
enum ScalarResolver {
    /// The value, or a diagnostic (with a placeholder string value) when the text cannot have that type.
    static func value(
        of text: String, isPlain: Bool, tag: String?, at location: SourceLocation
    ) -> (ScalarValue, Diagnostic?) {
        guard let tag else {
            guard isPlain else { return (.string(text), nil) }
            switch CoreSchema.resolvePlain(text) {
            case .value(let value): return (value, nil)
            case .overflow: return (.string(text), overflow(text, at: location))
            }
        }
        let shown = CoreTag.display(tag)
        guard let core = CoreTag(resolved: tag) else {
            return (.string(text), YAMLMessages.unsupportedTag(shown, at: location))
        }
        switch core.type(text) {
        case .value(let value):
            return (value, nil)
        case .overflow:
            return (.string(text), overflow(text, at: location))
        case .mismatch where core == .map || core == .seq:
            return (.string(text), YAMLMessages.tagOnWrongKind(shown, found: "a scalar", at: location))
        case .mismatch:
            return (.string(text), YAMLMessages.tagMismatch(text, tag: shown, at: location))
        }
    }

    private static func overflow(_ text: String, at location: SourceLocation) -> Diagnostic {
        CoreSchema.int(text) != nil
            ? YAMLMessages.intOverflow(text, at: location) : YAMLMessages.floatOverflow(text, at: location)
    }

    /// A diagnostic when a collection's tag is not `!`, `!!map` on a mapping or `!!seq` on a sequence.
    static func checkCollectionTag(_ tag: String?, isMapping: Bool, at location: SourceLocation) -> Diagnostic? {
        guard let tag else { return nil }
        let shown = CoreTag.display(tag)
        guard let core = CoreTag(resolved: tag) else { return YAMLMessages.unsupportedTag(shown, at: location) }
        if core.allowsCollection(isMapping: isMapping) { return nil }
        return YAMLMessages.tagOnWrongKind(shown, found: isMapping ? "a mapping" : "a sequence", at: location)
    }
}
