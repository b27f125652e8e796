import Foundation

/// Writes an RFC 4180 CSV file one row at a time: header first, `,` separators, `\r\n`-free (`\n` line ends, which
/// every CSV reader accepts), fields quoted only when they hold `,`, `"` or a line break. Each row goes to the file
/// as soon as it is written (`pwrite(2)` on the descriptor, nothing buffered in the process), so a crash or kill
/// leaves every finished row on disk.
///
/// No torn rows: the writer keeps the length of the file's complete rows, and a write that fails part-way (a full
/// disk: the kernel takes what fits, then refuses the rest with ENOSPC; a quota; an I/O error) is cut back to that
/// length with `ftruncate(2)`, which needs no space. So the file always ends with a whole row and a `\n`, and the
/// error names the file and the system's reason: `cannot write runs/x/layers.csv: No space left on device`.
package final class CSVWriter {
    private let descriptor: Int32
    /// Bytes of complete rows: where the next row starts, and what a failed write is cut back to.
    /// Bytes written so far: the file's length (a resume point records it).
    package private(set) var length: off_t = 0
    package let path: String
    package let columns: [String]

    /// Creates (or truncates) the file, mode 0666 less the umask, and writes the header.
    package init(path: String, columns: [String]) throws {
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw RunError.cannotWrite(path: path, reason: String(cString: strerror(errno))) }
        self.path = path
        self.columns = columns
        try write(row: columns)
    }

    /// Goes on writing the file a run wrote before it stopped: cut back to `length` bytes (the rows logged after the
    /// run's training state was saved go; the resumed run logs them again) and appended to from there. Throws when
    /// the file cannot be opened or is shorter than `length` (changed since: resuming would leave a hole in it).
    package init(continuing path: String, columns: [String], at length: Int64) throws {
        descriptor = try Self.openCut(path, to: length)
        self.path = path
        self.columns = columns
        self.length = off_t(length)
    }

    /// The file opened for writing and cut to `length` bytes (checked to hold that many); closed again on failure.
    private static func openCut(_ path: String, to length: Int64) throws -> Int32 {
        let descriptor = open(path, O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw RunError.cannotWrite(path: path, reason: String(cString: strerror(errno))) }
        var status = stat()
        var reason: String?
        if fstat(descriptor, &status) != 0 || Int64(status.st_size) < length {
            reason = "it is shorter than the training state to resume from says (\(length) bytes): it was changed "
                + "since; rerun with --restart to train from scratch"
        } else if ftruncate(descriptor, off_t(length)) != 0 {
            reason = String(cString: strerror(errno))
        }
        guard let reason else { return descriptor }
        close(descriptor)
        throw RunError.cannotWrite(path: path, reason: reason)
    }

    deinit { close(descriptor) }

    package func write(row: [String]) throws { try write(rows: [row]) }

    /// Several rows together (layers.csv: all nodes of an epoch): all of them reach the file, or none does. Written
    /// with `pwrite` at the end of the complete rows, in a loop, since a write may take fewer bytes than asked.
    package func write(rows: [[String]]) throws {
        var line = rows.map { $0.map(Self.escape).joined(separator: ",") + "\n" }.joined()
        let failure: Int32? = line.withUTF8 { bytes in
            var done = 0
            while done < bytes.count, let base = bytes.baseAddress {
                let count = pwrite(descriptor, base + done, bytes.count - done, length + off_t(done))
                if count < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                // A regular file never takes 0 of a non-empty write; should one, it would loop forever.
                if count == 0 { return EIO }
                done += count
            }
            return nil
        }
        guard let failure else {
            length += off_t(line.utf8.count)
            return
        }
        var reason = String(cString: strerror(failure))
        if ftruncate(descriptor, length) != 0 {
            reason += "; the row written in part could not be removed: " + String(cString: strerror(errno))
        }
        throw RunError.cannotWrite(path: path, reason: reason)
    }

    /// Quotes a field per RFC 4180 when it needs it, doubling inner quotes.
    package static func escape(_ field: String) -> String {
        // On the UTF-8 bytes: every character to look for is ASCII, and iterating `Character`s (grapheme breaking)
        // made this the most expensive part of writing a layers.csv row.
        guard field.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
