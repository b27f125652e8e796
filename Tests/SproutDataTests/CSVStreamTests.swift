import Foundation
import Testing
@testable import SproutDataFiles

/// `CSVStream` against `CSVTokenizer` reading the whole text at once: the same records, fields and line numbers for
/// every chunk size from 1 byte up, so that a record, a quoted field, a CRLF or the byte order mark cut anywhere
/// reads as in one piece.
@Suite struct CSVStreamTests {
    static func file(_ bytes: [UInt8]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sprout-csvstream-\(UUID()).csv").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func records(tokenizing bytes: [UInt8]) throws -> [[String]] {
        var tokenizer = CSVTokenizer(bytes, delimiter: 0x2C)
        var record = CSVRecord(), result: [[String]] = []
        while try tokenizer.next(into: &record) { result.append(["\(record.line)"] + (0..<record.count).map(record.text)) }
        return result
    }

    static func records(streaming path: String, chunk: Int) throws -> [[String]] {
        let stream = try CSVStream(path: path, delimiter: 0x2C, chunkSize: chunk)
        var record = CSVRecord(), result: [[String]] = []
        while try stream.next(into: &record) { result.append(["\(record.line)"] + (0..<record.count).map(record.text)) }
        return result
    }

    static let text = Array("\u{FEFF}a,b,c\r\n1,\"x, \"\"quoted\"\"\r\nacross lines\",3\r\n\r\n  4 ,5,6\r7,8,9\n\"\",\"\n\",last".utf8)

    @Test func everyChunkSizeReadsWhatOneTokenizerReads() throws {
        let path = try Self.file(Self.text)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let expected = try Self.records(tokenizing: Self.text)
        // Worked by hand: the header, the quoted field over two lines (line 2), a blank line, a CR-ended line 5, ...
        #expect(expected.map { $0[0] } == ["1", "2", "5", "6", "7"])
        #expect(expected[1] == ["2", "1", "x, \"quoted\"\r\nacross lines", "3"])
        #expect(expected[0] == ["1", "a", "b", "c"])
        for chunk in 1...(Self.text.count + 1) {
            #expect(try Self.records(streaming: path, chunk: chunk) == expected, "chunk \(chunk)")
        }
    }

    @Test func unclosedQuoteIsTheTokenizersErrorAtItsLine() throws {
        let bytes = Array("a,b\n1,2\n3,\"open\n4,5\n".utf8)
        let path = try Self.file(bytes)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: CSVStream.Failure(line: 3, reason: "has a quoted field that is never closed")) {
            _ = try Self.records(streaming: path, chunk: 3)
        }
    }

    @Test func missingFileIsTheSystemsWords() {
        #expect(throws: CSVStream.Failure(line: nil, reason: "No such file or directory")) {
            _ = try CSVStream(path: "/nonexistent/x.csv", delimiter: 0x2C)
        }
    }
}
