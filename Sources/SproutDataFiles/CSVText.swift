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
        // The standard library's strict UTF-8 decoder (no overlongs, surrogates or values above U+10FFFF).
        var line = 1, offset = 0
        var bytesIterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&bytesIterator) {
            case .scalarValue(let scalar):
                if scalar == "\0" { return "is not text: line \(line) contains a NUL byte (a CSV file is UTF-8 text)" }
                if scalar == "\n" { line += 1 }
                offset += UTF8.width(scalar)
            case .emptyInput:
                return nil
            case .error:
                // The sequence that failed starts right after the last whole scalar.
                let byte = String(bytes[Swift.min(offset, bytes.count - 1)], radix: 16, uppercase: true)
                return "is not UTF-8: line \(line) has the byte 0x\(byte); save the file as UTF-8 (a Latin-1 or "
                    + "Windows-1252 export must be converted)"
            }
        }
    }
}
