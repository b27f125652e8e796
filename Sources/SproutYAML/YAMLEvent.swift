import SproutDiagnostics

/// A position as libyaml reports it: 0-based line and column.
///
/// libyaml 0.2.5 advances its column once per character whatever its UTF-8 width (`é` and `😀` each count 1), so
/// columns already count Unicode scalars, like `SourceLocation`; `TreeTests.columnsCountCharactersNotBytes` checks it. A UTF-8 byte order mark
/// is skipped without counting.
struct RawMark: Sendable, Hashable {
    var line: Int
    var column: Int

    /// The one place where libyaml's 0-based marks become 1-based locations.
    func location(in file: String) -> SourceLocation {
        SourceLocation(file: file, line: line + 1, column: column + 1)
    }
}

/// One libyaml parser event, copied out of C memory (so it outlives `yaml_event_delete`).
struct YAMLEvent: Sendable {
    enum Kind: Sendable {
        case streamStart
        case streamEnd
        case documentStart
        case documentEnd
        case sequenceStart
        case sequenceEnd
        case mappingStart
        case mappingEnd
        /// `isPlain`: written without quotes and not as a block scalar, so the core schema types it.
        case scalar(text: String, isPlain: Bool)
        case alias(name: String)
    }

    var kind: Kind
    var anchor: String?
    /// The resolved tag as libyaml gives it (`!!int` arrives as `tag:yaml.org,2002:int`; `!` stays `!`).
    var tag: String?
    /// Where the node starts, properties (`&anchor`, `!tag`) included.
    var start: RawMark
}

/// A failure reported by libyaml, copied out of the parser before it is freed.
struct LibYAMLFailure: Error, Sendable {
    enum Stage: Sendable {
        /// Input decoding; libyaml gives a byte offset (`problemOffset`) rather than a mark.
        case reader
        case scanner
        case parser
        case memory
    }

    var stage: Stage
    var problem: String
    var problemMark: RawMark
    var problemOffset: Int
    var problemValue: Int
    var context: String?
    var contextMark: RawMark?
}
