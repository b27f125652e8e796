/// A small RFC 4180 tokenizer over bytes already in memory: records split by `delimiter`, fields optionally in
/// double quotes (a doubled quote `""` inside is one quote; a quoted field may span lines), lines ended by LF, CRLF
/// or CR.
///
/// Beyond RFC 4180, as spreadsheets and pandas do: a UTF-8 byte order mark is skipped, blank lines are skipped
/// (so are blank trailing lines), and blanks (spaces, tabs that are not the delimiter) around a field are dropped
/// (inside quotes they are kept). Bounded: a record of more than `maxFields` fields is an error, so a hostile line
/// cannot make the field list explode.
///
/// A record's fields are written into one reused `CSVRecord` (their bytes end to end, and where each ends), so
/// reading a file allocates per record only while the record is the widest seen so far.
public struct CSVTokenizer {
    /// 65 536 fields: far wider than any tabular dataset Sprout trains (MNIST flattened is 785 columns).
    public static let maxFields = 65_536

    public struct Failure: Error, Sendable, Equatable {
        /// The 1-based line of the problem.
        public var line: Int
        /// The end of a sentence starting with "line N": "has a quoted field that is never closed".
        public var reason: String
    }

    private let bytes: [UInt8]
    private let delimiter: UInt8
    private var index = 0
    private var line = 1

    private static let quote: UInt8 = 0x22, cr: UInt8 = 0x0D, lf: UInt8 = 0x0A

    public init(_ bytes: [UInt8], delimiter: UInt8) {
        self.init(bytes, delimiter: delimiter, firstLine: 1, atStartOfFile: true)
    }

    /// A tokenizer over a part of a file that starts a record (`CSVStream`): lines are numbered from `firstLine`, and
    /// a byte order mark is skipped only `atStartOfFile`.
    public init(_ bytes: [UInt8], delimiter: UInt8, firstLine: Int, atStartOfFile: Bool) {
        self.bytes = bytes
        self.delimiter = delimiter
        line = firstLine
        if atStartOfFile, bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
    }

    @inline(__always)
    private func isBlank(_ byte: UInt8) -> Bool { (byte == 0x20 || byte == 0x09) && byte != delimiter }
    @inline(__always)
    private func isLineEnd(_ byte: UInt8) -> Bool { byte == Self.cr || byte == Self.lf }

    /// Consumes one line end (CRLF counts as one) and counts it.
    private mutating func skipLineEnd() {
        if bytes[index] == Self.cr, index + 1 < bytes.count, bytes[index + 1] == Self.lf { index += 1 }
        index += 1
        line += 1
    }

    /// Reads the next record into `record` (replacing what it held). Returns false at the end of the input.
    public mutating func next(into record: inout CSVRecord) throws(Failure) -> Bool {
        // Blank lines (nothing but blanks) are skipped.
        while true {
            var probe = index
            while probe < bytes.count, isBlank(bytes[probe]) { probe += 1 }
            guard probe < bytes.count else { return false }
            guard isLineEnd(bytes[probe]) else { break }
            index = probe
            skipLineEnd()
        }
        record.removeAll()
        record.line = line
        while true {
            try field(into: &record)
            guard record.count <= Self.maxFields else {
                throw Failure(line: record.line, reason: "has more than \(Self.maxFields) fields")
            }
            guard index < bytes.count else { break }
            if bytes[index] == delimiter {
                index += 1
                continue
            }
            skipLineEnd()
            break
        }
        return true
    }

    /// One field appended to `record`, leaving `index` on the delimiter, the line end or the end of the input.
    private mutating func field(into record: inout CSVRecord) throws(Failure) {
        while index < bytes.count, isBlank(bytes[index]) { index += 1 }
        if index < bytes.count, bytes[index] == Self.quote {
            let opened = line
            index += 1
            while true {
                guard index < bytes.count else {
                    throw Failure(line: opened, reason: "has a quoted field that is never closed")
                }
                let byte = bytes[index]
                index += 1
                if byte == Self.quote {
                    guard index < bytes.count, bytes[index] == Self.quote else { break }
                    index += 1
                } else if byte == Self.lf || (byte == Self.cr && (index >= bytes.count || bytes[index] != Self.lf)) {
                    line += 1
                }
                record.storage.append(byte)
            }
            while index < bytes.count, isBlank(bytes[index]) { index += 1 }
            guard index >= bytes.count || bytes[index] == delimiter || isLineEnd(bytes[index]) else {
                throw Failure(line: line, reason: "has text after the closing quote of a field")
            }
            record.ends.append(record.storage.count)
            return
        }
        let start = record.storage.count
        while index < bytes.count, bytes[index] != delimiter, !isLineEnd(bytes[index]) {
            guard bytes[index] != Self.quote else {
                throw Failure(line: line, reason: "has a double quote inside an unquoted field")
            }
            record.storage.append(bytes[index])
            index += 1
        }
        while record.storage.count > start, let last = record.storage.last, isBlank(last) { record.storage.removeLast() }
        record.ends.append(record.storage.count)
    }
}

/// One CSV record: its fields' bytes (quotes removed, doubled quotes undone) end to end in `storage`, field i
/// ending at `ends[i]`. Reused from record to record, so its arrays keep their capacity.
public struct CSVRecord: Sendable {
    /// The 1-based line the record starts on.
    public var line = 0
    public var storage: [UInt8] = []
    public var ends: [Int] = []

    public init() {}

    /// The number of fields.
    public var count: Int { ends.count }

    /// The bytes of field `i` (0-based).
    public subscript(i: Int) -> ArraySlice<UInt8> {
        storage[(i == 0 ? 0 : ends[i - 1])..<ends[i]]
    }

    /// Field `i` as text (invalid UTF-8 repaired).
    public func text(_ i: Int) -> String { String(decoding: self[i], as: UTF8.self) }

    mutating func removeAll() {
        storage.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
    }
}
