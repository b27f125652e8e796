/// A small RFC 4180 reader over bytes already in memory: records split by `delimiter`, fields optionally in double
/// quotes (a doubled quote `""` inside is one quote; a quoted field may span lines), lines ended by LF, CRLF or CR.
///
/// Beyond RFC 4180, as spreadsheets and pandas do: a UTF-8 byte order mark is skipped, blank lines are skipped,
/// and blanks (spaces, tabs that are not the delimiter) around a field are dropped (inside quotes they are kept).
/// Bounded: the input is at most `DataFile.maxBytes`, and a record of more than `maxFields` fields is an error, so
/// a hostile line cannot make the field array explode.
struct CSVReader {
    /// 65 536 fields: far wider than any tabular dataset Sprout trains (MNIST flattened is 785 columns).
    static let maxFields = 65_536

    struct Record {
        /// The 1-based line the record starts on.
        var line: Int
        var fields: [[UInt8]]
    }

    struct Failure: Error {
        var line: Int
        var reason: String
    }

    private let bytes: [UInt8]
    private let delimiter: UInt8
    private var index = 0
    private var line = 1

    private static let quote: UInt8 = 0x22, cr: UInt8 = 0x0D, lf: UInt8 = 0x0A

    init(_ bytes: [UInt8], delimiter: UInt8) {
        self.bytes = bytes
        self.delimiter = delimiter
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
    }

    private func isBlank(_ byte: UInt8) -> Bool { (byte == 0x20 || byte == 0x09) && byte != delimiter }
    private func isLineEnd(_ byte: UInt8) -> Bool { byte == Self.cr || byte == Self.lf }

    /// Consumes one line end (CRLF counts as one) and counts it.
    private mutating func skipLineEnd() {
        if bytes[index] == Self.cr, index + 1 < bytes.count, bytes[index + 1] == Self.lf { index += 1 }
        index += 1
        line += 1
    }

    /// The next record, `nil` at the end of the input.
    mutating func next() -> Result<Record, Failure>? {
        // Blank lines (nothing but blanks) are skipped.
        while true {
            var probe = index
            while probe < bytes.count, isBlank(bytes[probe]) { probe += 1 }
            guard probe < bytes.count else { return nil }
            guard isLineEnd(bytes[probe]) else { break }
            index = probe
            skipLineEnd()
        }
        let start = line
        var fields: [[UInt8]] = []
        while true {
            switch field() {
            case .failure(let failure): return .failure(failure)
            case .success(let value): fields.append(value)
            }
            guard fields.count <= Self.maxFields else {
                return .failure(Failure(line: start, reason: "has more than \(Self.maxFields) fields"))
            }
            guard index < bytes.count else { break }
            if bytes[index] == delimiter {
                index += 1
                continue
            }
            skipLineEnd()
            break
        }
        return .success(Record(line: start, fields: fields))
    }

    /// One field, leaving `index` on the delimiter, the line end or the end of the input.
    private mutating func field() -> Result<[UInt8], Failure> {
        while index < bytes.count, isBlank(bytes[index]) { index += 1 }
        var value: [UInt8] = []
        if index < bytes.count, bytes[index] == Self.quote {
            let opened = line
            index += 1
            while true {
                guard index < bytes.count else {
                    return .failure(Failure(line: opened, reason: "has a quoted field that is never closed"))
                }
                let byte = bytes[index]
                index += 1
                if byte == Self.quote {
                    guard index < bytes.count, bytes[index] == Self.quote else { break }
                    index += 1
                } else if byte == Self.lf || (byte == Self.cr && (index >= bytes.count || bytes[index] != Self.lf)) {
                    line += 1
                }
                value.append(byte)
            }
            while index < bytes.count, isBlank(bytes[index]) { index += 1 }
            guard index >= bytes.count || bytes[index] == delimiter || isLineEnd(bytes[index]) else {
                return .failure(Failure(line: line, reason: "has text after the closing quote of a field"))
            }
            return .success(value)
        }
        while index < bytes.count, bytes[index] != delimiter, !isLineEnd(bytes[index]) {
            guard bytes[index] != Self.quote else {
                return .failure(Failure(line: line, reason: "has a double quote inside an unquoted field"))
            }
            value.append(bytes[index])
            index += 1
        }
        while let last = value.last, isBlank(last) { value.removeLast() }
        return .success(value)
    }

    /// A strict decimal number: an optional sign, digits with at most one point (at least one digit), and an
    /// optional exponent (`e` or `E`, a sign, digits). No `nan`, `inf`, hexadecimal, `_` or thousands separators:
    /// a value Sprout cannot read as plain decimal is reported instead of guessed.
    static func number(_ field: [UInt8]) -> Double? {
        var i = 0, digits = 0
        func isDigit(_ b: UInt8) -> Bool { (0x30...0x39).contains(b) }
        if i < field.count, field[i] == 0x2B || field[i] == 0x2D { i += 1 }
        while i < field.count, isDigit(field[i]) { i += 1; digits += 1 }
        if i < field.count, field[i] == 0x2E {
            i += 1
            while i < field.count, isDigit(field[i]) { i += 1; digits += 1 }
        }
        guard digits > 0 else { return nil }
        if i < field.count, field[i] == 0x65 || field[i] == 0x45 {
            i += 1
            if i < field.count, field[i] == 0x2B || field[i] == 0x2D { i += 1 }
            var exponentDigits = 0
            while i < field.count, isDigit(field[i]) { i += 1; exponentDigits += 1 }
            guard exponentDigits > 0 else { return nil }
        }
        guard i == field.count else { return nil }
        return Double(String(decoding: field, as: UTF8.self))
    }
}
