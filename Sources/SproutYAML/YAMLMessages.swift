import SproutDiagnostics

/// Every diagnostic the YAML layer emits, in one place so that wording stays consistent and tests can name them;
/// each names its rule's `DiagnosticID`.
enum YAMLMessages {
    static func fileTooLarge(file: String, limit: Int) -> Diagnostic {
        Diagnostic(
            .fileTooLarge, "the file is larger than the limit of \(limit) bytes", file: file,
            help: ["Sprout configs are small; this limit guards against reading a wrong or hostile file"])
    }

    static func unreadable(file: String, reason: String) -> Diagnostic {
        Diagnostic(.unreadableFile, "cannot read the file: \(reason)", file: file)
    }

    static func invalidUTF8(byte: UInt8, at location: SourceLocation) -> Diagnostic {
        let hex = String(byte, radix: 16, uppercase: true)
        return Diagnostic(
            .invalidUTF8, "invalid UTF-8 (byte 0x\(hex.count < 2 ? "0" + hex : hex))", at: location,
            help: ["save the file as UTF-8"])
    }

    static func nulByte(at location: SourceLocation) -> Diagnostic {
        Diagnostic(.nulByte, "the file contains a NUL byte", at: location, help: ["a YAML file is text; remove the NUL byte"])
    }

    static func emptyFile(file: String) -> Diagnostic {
        Diagnostic(.emptyFile, "the file is empty", file: file, help: ["write the settings as `key: value` lines"])
    }

    static func severalDocuments(at location: SourceLocation) -> Diagnostic {
        Diagnostic(
            .severalDocuments, "several documents in one file", at: location,
            help: ["Sprout reads one document per file; put each experiment in its own file"])
    }

    static func topLevelNotMapping(found: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(
            .topLevelNotMapping, "the top level must be a mapping of settings, found \(found)", at: location,
            help: ["write the settings as `key: value` lines"])
    }

    static func tooDeep(limit: Int, at location: SourceLocation) -> Diagnostic {
        Diagnostic(
            .nestingTooDeep, "nesting deeper than \(limit) levels", at: location,
            help: ["flatten it: Sprout configs need only a few levels of nesting"])
    }

    static func tooManyNodes(limit: Int, at location: SourceLocation) -> Diagnostic {
        Diagnostic(
            .tooManyYAMLNodes, "the document has more than \(limit) nodes", at: location,
            help: ["Sprout configs are small; this limit guards against hostile files"])
    }

    static func aliasTooLarge(name: String, limit: Int, at location: SourceLocation) -> Diagnostic {
        Diagnostic(
            .aliasExpansionTooLarge, "expanding alias '\(name)' would make the document larger than \(limit) nodes", at: location,
            notes: [Diagnostic.Note("each use of an alias copies its anchored node, so nested aliases multiply")],
            help: ["Sprout caps alias expansion to guard against \"billion laughs\" files; use fewer aliases"])
    }

    static func undefinedAlias(name: String, defined: [String], at location: SourceLocation) -> Diagnostic {
        let help = defined.isEmpty
            ? ["define the anchor with '&\(name)' before this alias"]
            : ["anchors defined before this point: " + defined.sorted().map { "'\($0)'" }.joined(separator: ", ")]
        return Diagnostic(.undefinedAlias, "undefined alias '\(name)'", at: location, help: help)
    }

    static func recursiveAlias(name: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(
            .recursiveAlias, "alias '\(name)' refers to a node that contains it", at: location,
            help: ["an alias may only refer to a node that is complete before it"])
    }

    static func duplicateKey(_ key: String, first: SourceLocation, at location: SourceLocation) -> Diagnostic {
        Diagnostic(
            .duplicateKey, "duplicate key '\(key)'", at: location,
            notes: [Diagnostic.Note("'\(key)' is first defined here", at: first)],
            help: ["remove one of them: a key may appear only once in a mapping"])
    }

    static func nonScalarKey(found: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(
            .nonScalarKey, "a mapping key must be a scalar, found \(found)", at: location,
            help: ["setting names are plain words such as `learning_rate`"])
    }

    static func intOverflow(_ text: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(
            .integerOverflow, "integer \(text) does not fit in 64 bits", at: location,
            help: ["integers range from \(Int64.min) to \(Int64.max); quote it if you meant a string"])
    }

    static func floatOverflow(_ text: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(
            .floatOverflow, "number \(text) overflows a 64-bit float", at: location,
            help: ["write .inf (or -.inf) if you mean infinity"])
    }

    static func unsupportedTag(_ tag: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(
            .unsupportedTag, "unsupported tag '\(tag)'", at: location,
            help: [
                "Sprout accepts only the core tags !!str, !!int, !!float, !!bool, !!null, !!map and !!seq, "
                    + "and never executes code or includes other files"
            ])
    }

    static func tagMismatch(_ text: String, tag: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(.tagMismatch, "'\(text)' is not a valid \(tag)", at: location)
    }

    static func tagOnWrongKind(_ tag: String, found: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(.tagMismatch, "the tag \(tag) cannot be used on \(found)", at: location)
    }

    static func invalidMergeValue(found: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(
            .invalidMergeValue, "the value of a merge key '<<' must be a mapping or a sequence of mappings, found \(found)", at: location,
            help: ["write `<<: *defaults` or `<<: [*base, *overrides]`, or quote the key if '<<' is a setting name"])
    }
}
