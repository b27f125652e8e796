/// A CSV file is text: UTF-8 (ASCII included) without NUL bytes. Checked before the file is tokenized, so that a
/// binary file, a UTF-16 export or a Latin-1 file is called what it is, at its line, instead of surfacing as a
/// column that does not exist (whose "valid columns" would print the bytes) or a cell that is not a number.
enum CSVText {
    /// The first problem with `bytes` as UTF-8 text, as the rest of a sentence that starts with the file's name
    /// ("is not text: line 3 contains a NUL byte ..."); nil when it is text.
    static func problem(_ bytes: [UInt8]) -> String? {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            return "is UTF-16 text (it starts with a UTF-16 byte order mark); save it as UTF-8"
        }
        var line = 1, index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0 { return "is not text: line \(line) contains a NUL byte (a CSV file is UTF-8 text)" }
            if byte == 0x0A { line += 1 }
            if byte < 0x80 {
                index += 1
                continue
            }
            guard let length = sequenceLength(bytes, at: index) else {
                return "is not UTF-8: line \(line) has the byte 0x\(String(byte, radix: 16, uppercase: true)); save the "
                    + "file as UTF-8 (a Latin-1 or Windows-1252 export must be converted)"
            }
            index += length
        }
        return nil
    }

    /// The length of the well-formed UTF-8 sequence starting at `index` (RFC 3629: no overlongs, no surrogates, at
    /// most U+10FFFF), or nil.
    static func sequenceLength(_ bytes: [UInt8], at index: Int) -> Int? {
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
}
