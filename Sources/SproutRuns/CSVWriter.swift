import Foundation

/// Writes an RFC 4180 CSV file one row at a time: header first, `,` separators, `\r\n`-free (`\n` line ends, which
/// every CSV reader accepts), fields quoted only when they hold `,`, `"` or a line break. Each row goes to the file
/// in one `write` call as soon as it is written, so a crash or kill leaves every finished row on disk.
package final class CSVWriter {
    private let handle: FileHandle
    package let path: String
    package let columns: [String]

    /// Creates (or truncates) the file and writes the header.
    package init(path: String, columns: [String]) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw RunError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
        }
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw RunError.cannotWrite(path: path, reason: "cannot open the file for writing")
        }
        self.handle = handle
        self.path = path
        self.columns = columns
        try write(row: columns)
    }

    deinit { try? handle.close() }

    package func write(row: [String]) throws { try write(rows: [row]) }

    /// Several rows in one `write` call (layers.csv: all nodes of an epoch), so they reach the file together.
    package func write(rows: [[String]]) throws {
        let line = rows.map { $0.map(Self.escape).joined(separator: ",") + "\n" }.joined()
        do {
            try handle.write(contentsOf: Data(line.utf8))
        } catch {
            throw RunError.cannotWrite(path: path, reason: RunError.reason(error))
        }
    }

    /// Quotes a field per RFC 4180 when it needs it, doubling inner quotes.
    package static func escape(_ field: String) -> String {
        // On the UTF-8 bytes: every character to look for is ASCII, and iterating `Character`s (grapheme breaking)
        // made this the most expensive part of writing a layers.csv row.
        guard field.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
