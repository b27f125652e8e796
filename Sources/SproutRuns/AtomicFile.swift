import Foundation

/// Replaces a file atomically: the new contents go to a temporary file in the same directory (so the rename cannot
/// cross filesystems), which is written in full, fsync'd, closed and only then renamed over the target. `rename(2)`
/// within one filesystem is atomic, so a reader sees the old file or the new one, never half of one, and a failure
/// at any step (disk full, permissions, a crash) leaves the previous file as it was. The directory is fsync'd after
/// the rename so that the new name itself survives a power loss; that last step is best effort (some filesystems
/// refuse fsync on a directory) and its failure is not reported.
///
/// `durable: false` leaves out both fsyncs and keeps the rest (temporary file, rename): readers and a crash of the
/// process still see the old file or the new one, whole; only a power loss may lose the new one. For files whose
/// durability is settled later in one go (`sync`: a run's files, made durable once as the run ends, before its
/// run.json records the end) or that are a view rebuilt from other files (summary.csv between a batch's start and
/// end). Each fsync of a new file on ext4 is a journal commit, half a millisecond to several on this project's shared
/// machines, and a run made ten of them one by one (docs/performance.md, "Per-run overhead").
///
/// The temporary file is `.<name>.tmp-<16 hex digits>`: hidden, and not ending in the target's extension, so a
/// glob such as `*.safetensors` never picks up a half-written file. It is created with `O_EXCL` (a fresh name, never
/// someone else's file) and mode 0666 less the umask, the mode an ordinary file gets, and removed on any failure.
package enum AtomicFile {
    /// Writes the chunks one after another as the new contents of `path`. Each chunk is handed to `write(_:)` as it
    /// is, so a large file need not be copied into one buffer first. Throws `RunError.cannotWrite` naming `path`.
    package static func write(to path: String, durable: Bool = true,
                              chunks: (_ emit: (UnsafeRawBufferPointer) throws -> Void) throws -> Void) throws {
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
        if durable { guard fsync(descriptor) == 0 else { throw systemFailure() } }
        isOpen = false
        guard close(descriptor) == 0 else { throw systemFailure() }
        guard rename(temporary, path) == 0 else { throw systemFailure() }
        renamed = true
        if durable { syncDirectory(directory) }
    }

    /// `data` as the new contents of `path` (run.json, summary.csv).
    package static func write(_ data: Data, to path: String, durable: Bool = true) throws {
        try write(to: path, durable: durable) { emit in try data.withUnsafeBytes { try emit($0) } }
    }

    /// `text` as UTF-8 (config.yaml, run.json).
    package static func write(_ text: String, to path: String, durable: Bool = true) throws {
        try write(Data(text.utf8), to: path, durable: durable)
    }

    /// Makes files written earlier (without `durable`, or appended to: metrics.csv) durable: each one fsync'd. On
    /// ext4 the first fsync commits the journal with every pending change, so the others cost little. Throws
    /// `RunError.cannotWrite` naming the first file that cannot be synced (a full or failing disk surfaces here); a
    /// file that is gone is skipped (nothing of it to keep).
    package static func sync(_ paths: [String]) throws {
        for path in paths {
            let descriptor = Glibc.open(path, O_RDONLY | O_CLOEXEC)
            if descriptor < 0 {
                if errno == ENOENT { continue }
                throw RunError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
            }
            defer { close(descriptor) }
            guard fsync(descriptor) == 0 else {
                throw RunError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
            }
        }
    }

    /// fsync of a folder, so that the names renamed into it survive a power loss. Best effort: some filesystems
    /// refuse fsync on a directory, and its failure is not reported.
    package static func syncDirectory(_ directory: String) {
        let directoryDescriptor = Glibc.open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directoryDescriptor >= 0 {
            _ = fsync(directoryDescriptor)
            close(directoryDescriptor)
        }
    }
}
