internal import CYAML

/// The only code that talks to libyaml: a pull parser over libyaml's event API (`yaml_parser_parse`).
///
/// Ownership: this object owns the `yaml_parser_t` and a private copy of the input bytes (libyaml keeps a pointer to
/// them), and frees both in `deinit`. Each `yaml_event_t` is owned by `next()` and deleted by its `defer`, after its
/// contents are copied into a Swift `YAMLEvent`. Nothing C-allocated escapes this file.
final class LibYAMLEventStream {
    private let parser: UnsafeMutablePointer<yaml_parser_t>
    private let input: UnsafeMutableBufferPointer<UInt8>
    private let isInitialized: Bool

    init(bytes: [UInt8]) {
        parser = .allocate(capacity: 1)
        input = .allocate(capacity: max(1, bytes.count))
        _ = input.initialize(from: bytes)
        isInitialized = yaml_parser_initialize(parser) != 0
        if isInitialized, let base = input.baseAddress {
            yaml_parser_set_input_string(parser, base, bytes.count)
        }
    }

    deinit {
        if isInitialized { yaml_parser_delete(parser) }
        parser.deallocate()
        input.deallocate()
    }

    /// The next event, or libyaml's error. After `streamEnd` or an error, do not call again.
    func next() throws(LibYAMLFailure) -> YAMLEvent {
        guard isInitialized else {
            throw LibYAMLFailure(
                stage: .memory, problem: "libyaml could not allocate its parser", problemMark: RawMark(line: 0, column: 0),
                problemOffset: 0, problemValue: -1, context: nil, contextMark: nil)
        }
        var event = yaml_event_t()
        guard yaml_parser_parse(parser, &event) != 0 else { throw currentFailure() }
        defer { yaml_event_delete(&event) }
        return Self.convert(event)
    }

    private static func convert(_ event: yaml_event_t) -> YAMLEvent {
        let start = mark(event.start_mark)
        switch event.type {
        case YAML_STREAM_START_EVENT: return YAMLEvent(kind: .streamStart, start: start)
        case YAML_STREAM_END_EVENT: return YAMLEvent(kind: .streamEnd, start: start)
        case YAML_DOCUMENT_START_EVENT: return YAMLEvent(kind: .documentStart, start: start)
        case YAML_DOCUMENT_END_EVENT: return YAMLEvent(kind: .documentEnd, start: start)
        case YAML_SEQUENCE_START_EVENT:
            let data = event.data.sequence_start
            return YAMLEvent(kind: .sequenceStart, anchor: string(data.anchor), tag: string(data.tag), start: start)
        case YAML_SEQUENCE_END_EVENT: return YAMLEvent(kind: .sequenceEnd, start: start)
        case YAML_MAPPING_START_EVENT:
            let data = event.data.mapping_start
            return YAMLEvent(kind: .mappingStart, anchor: string(data.anchor), tag: string(data.tag), start: start)
        case YAML_MAPPING_END_EVENT: return YAMLEvent(kind: .mappingEnd, start: start)
        case YAML_SCALAR_EVENT:
            let data = event.data.scalar
            // The value may hold NUL bytes (a "\0" escape), so it is read by length, not as a C string.
            let text = data.value.map { String(decoding: UnsafeBufferPointer(start: $0, count: data.length), as: UTF8.self) }
            let isPlain = data.style == YAML_PLAIN_SCALAR_STYLE
            return YAMLEvent(
                kind: .scalar(text: text ?? "", isPlain: isPlain), anchor: string(data.anchor), tag: string(data.tag),
                start: start)
        case YAML_ALIAS_EVENT:
            return YAMLEvent(kind: .alias(name: string(event.data.alias.anchor) ?? ""), start: start)
        default:
            // YAML_NO_EVENT: libyaml returns it only after the stream ended; treat it as the end.
            return YAMLEvent(kind: .streamEnd, start: start)
        }
    }

    private func currentFailure() -> LibYAMLFailure {
        let state = parser.pointee
        let stage: LibYAMLFailure.Stage
        switch state.error {
        case YAML_READER_ERROR: stage = .reader
        case YAML_SCANNER_ERROR: stage = .scanner
        case YAML_PARSER_ERROR: stage = .parser
        default: stage = .memory
        }
        let context = state.context.map { String(cString: $0) }
        return LibYAMLFailure(
            stage: stage,
            problem: state.problem.map { String(cString: $0) } ?? "libyaml failed without saying why",
            problemMark: Self.mark(state.problem_mark),
            problemOffset: state.problem_offset,
            problemValue: Int(state.problem_value),
            context: context,
            contextMark: context == nil ? nil : Self.mark(state.context_mark))
    }

    private static func mark(_ mark: yaml_mark_t) -> RawMark {
        RawMark(line: mark.line, column: mark.column)
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: $0) }
    }
}
