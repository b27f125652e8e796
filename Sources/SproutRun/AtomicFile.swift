import Foundation

/// Whole-file writes that a reader never sees half done: the bytes go to a temporary file in the same directory
/// (so the rename stays on one filesystem), which is flushed to disk (`fsync`) and then renamed over the target.
/// rename(2) is atomic: a reader opens the old file or the new one, and a crash or a full disk leaves the old file.
enum AtomicFile {
    static func write(_ data: Data, to path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let temporary = (directory.isEmpty ? "." : directory) + "/.\(name).\(getpid()).tmp"
        func failure(_ reason: String) -> RunError { .cannotWrite(path: path, reason: reason) }
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw failure(String(cString: strerror(errno))) }
        var written = 0
        let ok: Bool = data.withUnsafeBytes { bytes in
            guard let base = bytes.baseAddress else { return true }
            while written < bytes.count {
                let result = Foundation.write(descriptor, base + written, bytes.count - written)
                if result < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                written += result
            }
            return true
        }
        let reason = String(cString: strerror(errno))
        guard ok, fsync(descriptor) == 0 else {
            close(descriptor)
            unlink(temporary)
            throw failure(ok ? "cannot flush: \(String(cString: strerror(errno)))" : reason)
        }
        close(descriptor)
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw failure(reason)
        }
    }

    static func write(_ text: String, to path: String) throws { try write(Data(text.utf8), to: path) }
}
