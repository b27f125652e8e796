import SproutDiagnostics

/// The input as checked before libyaml sees it: within the size limit, valid UTF-8, no NUL byte, and without its
/// byte order mark (libyaml skips a BOM without counting it in columns, so the text shown in diagnostics must not
/// keep it either, or every caret on line 1 would be one column off).
///
/// The checks run here, before libyaml, because libyaml reports encoding problems as byte offsets and stops at a
/// NUL as if the file ended; our own pass names the exact line and column of the first bad byte.
struct SourceText: Sendable {
    let file: String
    /// The input without its BOM, as given to libyaml.
    let bytes: [UInt8]

    /// The decoded text, for `DiagnosticRenderer` (valid UTF-8 by construction).
    var text: String { String(decoding: bytes, as: UTF8.self) }

    init(bytes input: [UInt8], file: String, limits: YAMLLimits) throws(DiagnosticError) {
        self.file = file
        guard input.count <= limits.maxFileBytes else {
            throw DiagnosticError(YAMLMessages.fileTooLarge(file: file, limit: limits.maxFileBytes))
        }
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        bytes = input.starts(with: bom) ? Array(input.dropFirst(3)) : input
        try Self.checkEncoding(bytes, file: file)
    }

    /// Walks the bytes once, counting lines (at `\n`) and columns (in Unicode scalars); stops at the first invalid
    /// UTF-8 sequence or NUL byte with a diagnostic at its position. Well-formedness follows the Unicode standard's
    /// table 3-7 (no overlong forms, no surrogates, nothing above U+10FFFF); ASCII takes a fast path.
    private static func checkEncoding(_ bytes: [UInt8], file: String) throws(DiagnosticError) {
        var line = 1
        var column = 1
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x80 {
                if byte == 0 {
                    throw DiagnosticError(YAMLMessages.nulByte(at: SourceLocation(file: file, line: line, column: column)))
                }
                if byte == UInt8(ascii: "\n") {
                    line += 1
                    column = 0
                }
                column += 1
                index += 1
                continue
            }
            guard let length = sequenceLength(bytes, at: index) else {
                let here = SourceLocation(file: file, line: line, column: column)
                throw DiagnosticError(YAMLMessages.invalidUTF8(byte: byte, at: here))
            }
            column += 1
            index += length
        }
    }

    /// The length of the well-formed multi-byte sequence starting at `index`, or `nil`.
    private static func sequenceLength(_ bytes: [UInt8], at index: Int) -> Int? {
        func continuation(_ offset: Int, _ range: ClosedRange<UInt8> = 0x80...0xBF) -> Bool {
            index + offset < bytes.count && range.contains(bytes[index + offset])
        }
        switch bytes[index] {
        case 0xC2...0xDF: return continuation(1) ? 2 : nil
        case 0xE0: return continuation(1, 0xA0...0xBF) && continuation(2) ? 3 : nil
        case 0xE1...0xEC, 0xEE...0xEF: return continuation(1) && continuation(2) ? 3 : nil
        case 0xED: return continuation(1, 0x80...0x9F) && continuation(2) ? 3 : nil
        case 0xF0: return continuation(1, 0x90...0xBF) && continuation(2) && continuation(3) ? 4 : nil
        case 0xF1...0xF3: return continuation(1) && continuation(2) && continuation(3) ? 4 : nil
        case 0xF4: return continuation(1, 0x80...0x8F) && continuation(2) && continuation(3) ? 4 : nil
        default: return nil
        }
    }

    /// The location of a byte offset into `bytes` (libyaml's reader errors give offsets, not marks).
    func location(ofByteOffset offset: Int) -> SourceLocation {
        var line = 1
        var column = 1
        for byte in bytes.prefix(max(0, offset)) {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {  // not a continuation byte: a new scalar starts
                column += 1
            }
        }
        return SourceLocation(file: file, line: line, column: column)
    }

    /// The Unicode scalar at a 0-based libyaml mark, if the mark points inside a line.
    func scalar(at mark: RawMark) -> Unicode.Scalar? {
        var line = 0
        var lineStart = bytes.startIndex
        if mark.line > 0 {
            for index in bytes.indices where bytes[index] == UInt8(ascii: "\n") {
                line += 1
                if line == mark.line {
                    lineStart = index + 1
                    break
                }
            }
            guard line == mark.line else { return nil }
        }
        let rest = String(decoding: bytes[lineStart...].prefix { $0 != UInt8(ascii: "\n") }, as: UTF8.self)
        return rest.unicodeScalars.dropFirst(mark.column).first
    }
}
