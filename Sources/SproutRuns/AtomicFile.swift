import Foundation

/// Replaces a file atomically: the new contents go to a temporary file in the same directory (so the rename cannot
/// cross filesystems), which is written in full, fsync'd, closed and only then renamed over the target. `rename(2)`
/// within one filesystem is atomic, so a reader sees the old file or the new one, never half of one, and a failure
/// at any step (disk full, permissions, a crash) leaves the previous file as it was. The directory is fsync'd after
/// the rename so that the new name itself survives a power loss; that last step is best effort (some filesystems
/// refuse fsync on a directory) and its failure is not reported.
///
/// The temporary file is `.<name>.tmp-<16 hex digits>`: hidden, and not ending in the target's extension, so a
/// glob such as `*.safetensors` never picks up a half-written file. It is created with `O_EXCL` (a fresh name, never
/// someone else's file) and mode 0666 less the umask, the mode an ordinary file gets, and removed on any failure.
package enum AtomicFile {
    /// Writes the chunks one after another as the new contents of `path`. Each chunk is handed to `write(_:)` as it
    /// is, so a large file need not be copied into one buffer first. Throws `RunError.cannotWrite` naming `path`.
    package static func write(to path: String, chunks: (_ emit: (UnsafeRawBufferPointer) throws -> Void) throws -> Void) throws {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        let name = url.lastPathComponent
        func failure(_ reason: String) -> RunError { .cannotWrite(path: path, reason: reason) }
        func systemFailure() -> RunError { failure(String(cString: strerror(errno))) }

        var descriptor: Int32 = -1
        var temporary = ""
        for _ in 0..<16 {
            temporary = directory + "/." + name + ".tmp-" + String(format: "%016llx", UInt64.random(in: .min ... .max))
            descriptor = Glibc.open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if descriptor >= 0 || errno != EEXIST { break }
        }
        guard descriptor >= 0 else { throw systemFailure() }
        var renamed = false
        var isOpen = true
        defer {
            if isOpen { close(descriptor) }
            if !renamed { unlink(temporary) }
        }

        try chunks { bytes in
            var offset = 0
            while offset < bytes.count {
                guard let base = bytes.baseAddress else { return }
                let written = Glibc.write(descriptor, base + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw systemFailure()
                }
                offset += written
            }
        }
        guard fsync(descriptor) == 0 else { throw systemFailure() }
        isOpen = false
        guard close(descriptor) == 0 else { throw systemFailure() }
        guard rename(temporary, path) == 0 else { throw systemFailure() }
        renamed = true

        let directoryDescriptor = Glibc.open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directoryDescriptor >= 0 {
            _ = fsync(directoryDescriptor)
            close(directoryDescriptor)
        }
    }

    /// `data` as the new contents of `path` (run.json, summary.csv).
    package static func write(_ data: Data, to path: String) throws {
        try write(to: path) { emit in try data.withUnsafeBytes { try emit($0) } }
    }

    /// `text` as UTF-8 (config.yaml, run.json).
    package static func write(_ text: String, to path: String) throws { try write(Data(text.utf8), to: path) }
}
