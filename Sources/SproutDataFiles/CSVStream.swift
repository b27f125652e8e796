#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A CSV file of any size read record by record in bounded memory, with `CSVTokenizer`'s rules (RFC 4180 quoting,
/// BOM, CRLF, blank lines) and its line numbers.
///
/// The file is read in chunks of `chunkSize` bytes. Each chunk is scanned for the last place a record ends: a line
/// end outside double quotes (a quote toggles being inside; a doubled quote toggles twice, so it stays inside; a CR
/// is a line end only once the next byte is known not to be LF). The bytes up to there are whole records and go to
/// a `CSVTokenizer`, started at the line number the scan counted (LF, and CR not followed by LF, as the tokenizer
/// counts them); the rest waits for the next chunk. So a quoted field may span chunks, and memory holds one chunk
/// plus the longest record. A record still open after `maxRecordBytes` (a quote never closed) is tokenized as it is,
/// which reports the tokenizer's own error at the line it opened.
public final class CSVStream {
    /// 1 MiB: reads large enough that the system call cost vanishes, small enough to stay in cache.
    public static let chunkSize = 1 << 20
    /// 64 MiB: the longest record kept waiting for its end (the training loader's whole-file limit).
    public static let maxRecordBytes = 64 << 20

    public struct Failure: Error, Sendable, Equatable {
        /// The 1-based line, or nil for a failure of the file itself (the system's words in `reason`).
        public var line: Int?
        public var reason: String
    }

    private let descriptor: Int32
    private let delimiter: UInt8
    private var tokenizer: CSVTokenizer?
    /// Bytes read and not yet handed to a tokenizer, scanned up to `scanned`.
    private var pending: [UInt8] = []
    private var scanned = 0
    private var inQuotes = false
    /// Line ends in `pending[..<scanned]`, and where the last record ended in it (and the line ends before that).
    private var lineEnds = 0
    private var boundary = 0
    private var boundaryLineEnds = 0
    private var nextLine = 1
    private var atStartOfFile = true
    private var atEnd = false
    private var chunk: [UInt8]

    /// `chunkSize` other than the default is for tests (a record split at every possible byte).
    public init(path: String, delimiter: UInt8, chunkSize: Int = CSVStream.chunkSize) throws(Failure) {
        chunk = [UInt8](repeating: 0, count: max(1, chunkSize))
        descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Failure(line: nil, reason: String(cString: strerror(errno))) }
        self.delimiter = delimiter
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) != S_IFDIR else {
            close(descriptor)
            throw Failure(line: nil, reason: "it is a directory")
        }
    }

    deinit { close(descriptor) }

    /// The next record into `record`; false at the end of the file.
    public func next(into record: inout CSVRecord) throws(Failure) -> Bool {
        while true {
            if tokenizer != nil {
                do {
                    if try tokenizer?.next(into: &record) == true { return true }
                } catch {
                    throw Failure(line: error.line, reason: error.reason)
                }
                tokenizer = nil
            }
            guard try refill() else { return false }
        }
    }

    /// Hands the next whole records to a new tokenizer; false when the file is done.
    private func refill() throws(Failure) -> Bool {
        while true {
            if boundary > 0 {
                handOver(upTo: boundary, lineEnds: boundaryLineEnds)
                return true
            }
            if atEnd {
                guard !pending.isEmpty else { return false }
                handOver(upTo: pending.count, lineEnds: lineEnds)
                return true
            }
            if pending.count > Self.maxRecordBytes {
                handOver(upTo: pending.count, lineEnds: lineEnds)
                var probe = CSVRecord()
                let line = nextLine
                do { while try tokenizer?.next(into: &probe) == true {} } catch {
                    throw Failure(line: error.line, reason: error.reason)
                }
                throw Failure(line: line, reason: "starts a record longer than \(Self.maxRecordBytes / (1 << 20)) MiB")
            }
            let got = try readChunk()
            if got == 0 { atEnd = true } else { pending.append(contentsOf: chunk[0..<got]); scan() }
        }
    }

    private func readChunk() throws(Failure) -> Int {
        while true {
            let got = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if got < 0, errno == EINTR { continue }
            guard got >= 0 else { throw Failure(line: nil, reason: String(cString: strerror(errno))) }
            return got
        }
    }

    /// Moves the scan over the bytes read since, noting the last record end outside quotes.
    private func scan() {
        let quote: UInt8 = 0x22, cr: UInt8 = 0x0D, lf: UInt8 = 0x0A
        pending.withUnsafeBufferPointer { bytes in
            var i = scanned
            while i < bytes.count {
                let byte = bytes[i]
                if byte == quote {
                    inQuotes.toggle()
                } else if byte == lf || byte == cr {
                    if byte == cr {
                        guard i + 1 < bytes.count else { break }  // is it CRLF? the next chunk says
                        if bytes[i + 1] == lf { i += 1; continue }  // the LF ends the line
                    }
                    lineEnds += 1
                    if !inQuotes { (boundary, boundaryLineEnds) = (i + 1, lineEnds) }
                }
                i += 1
            }
            scanned = i
        }
    }

    /// A tokenizer over `pending[..<end]`, which holds `count` line ends; the rest of `pending` stays.
    private func handOver(upTo end: Int, lineEnds count: Int) {
        tokenizer = CSVTokenizer(Array(pending[0..<end]), delimiter: delimiter, firstLine: nextLine,
                                 atStartOfFile: atStartOfFile)
        pending.removeSubrange(0..<end)
        nextLine += count
        scanned = max(0, scanned - end)
        lineEnds -= count
        boundary = 0
        boundaryLineEnds = 0
        atStartOfFile = false
    }
}
