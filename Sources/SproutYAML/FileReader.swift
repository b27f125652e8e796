#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import SproutDiagnostics

/// Reads a whole file with POSIX calls, refusing it from its size before reading when it is over the limit, and
/// never reading more than one byte past the limit (a pipe or a growing file has no trustworthy size).
enum FileReader {
    static func contents(of path: String, maxBytes: Int) throws(DiagnosticError) -> [UInt8] {
        // O_NONBLOCK: opening a FIFO (a named pipe called x.yaml) must not wait for a writer; it is refused below.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { throw failure(path) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw failure(path) }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            throw DiagnosticError(YAMLMessages.unreadable(file: path, reason: "it is a directory"))
        }
        if (info.st_mode & S_IFMT) != S_IFREG {
            throw DiagnosticError(YAMLMessages.unreadable(file: path, reason: "it is not a regular file"))
        }
        if Int(info.st_size) > maxBytes {
            throw DiagnosticError(YAMLMessages.fileTooLarge(file: path, limit: maxBytes))
        }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        while bytes.count <= maxBytes {
            let wanted = min(chunk.count, maxBytes + 1 - bytes.count)
            let got = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, wanted) }
            if got < 0 {
                if errno == EINTR { continue }
                throw failure(path)
            }
            if got == 0 { break }
            bytes += chunk[..<got]
        }
        if bytes.count > maxBytes {
            throw DiagnosticError(YAMLMessages.fileTooLarge(file: path, limit: maxBytes))
        }
        return bytes
    }

    private static func failure(_ path: String) -> DiagnosticError {
        let reason = strerror(errno).map { String(cString: $0) } ?? "error \(errno)"
        return DiagnosticError(YAMLMessages.unreadable(file: path, reason: reason))
    }
}
