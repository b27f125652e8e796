#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file's bytes with one `open`, one `fstat` and `read` calls straight into the array's storage (no
/// intermediate `Data`), so a 47 MB IDX file costs one copy from the kernel and nothing more.
public enum RawFile {
    public struct Failure: Error, Sendable, Equatable {
        /// The operating system's words ("No such file or directory"), or what is wrong with the file.
        public var reason: String
    }

    /// The file's size in bytes (symbolic links followed), and whether it is a regular file.
    public static func size(_ path: String) throws(Failure) -> Int {
        var status = stat()
        guard stat(path, &status) == 0 else { throw Failure(reason: String(cString: strerror(errno))) }
        guard (status.st_mode & S_IFMT) == S_IFREG else { throw Failure(reason: "not a regular file") }
        return Int(status.st_size)
    }

    /// What changes when the file does, as text: its device, inode, size and modification time (to the
    /// nanosecond). Two reads with the same stamp read the same bytes, unless the file was rewritten within one
    /// clock tick to the same size.
    public static func stamp(_ path: String) throws(Failure) -> String {
        var status = stat()
        guard stat(path, &status) == 0 else { throw Failure(reason: String(cString: strerror(errno))) }
        #if canImport(Darwin)
        let time = status.st_mtimespec
        #else
        let time = status.st_mtim
        #endif
        return "\(status.st_dev):\(status.st_ino):\(status.st_size):\(time.tv_sec).\(time.tv_nsec)"
    }

    /// The first `limit` bytes (all of them when `limit` is nil). A file larger than `maxBytes` is refused before
    /// anything is read.
    public static func read(_ path: String, prefix limit: Int? = nil, maxBytes: Int = Int.max) throws(Failure) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Failure(reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw Failure(reason: String(cString: strerror(errno))) }
        guard (status.st_mode & S_IFMT) == S_IFREG else { throw Failure(reason: "not a regular file") }
        let size = Int(status.st_size)
        guard limit != nil || size <= maxBytes else {
            throw Failure(reason: "\(size) bytes, more than the \(maxBytes) Sprout reads")
        }
        let wanted = min(size, limit ?? size)
        var failure: Failure?
        let bytes = [UInt8](unsafeUninitializedCapacity: wanted) { buffer, count in
            count = 0
            guard let base = buffer.baseAddress else { return }
            while count < wanted {
                let got = systemRead(descriptor, base + count, wanted - count)
                if got < 0, errno == EINTR { continue }
                if got < 0 { failure = Failure(reason: String(cString: strerror(errno))); return }
                if got == 0 { return }  // the file shrank while being read: what was there
                count += got
            }
        }
        if let failure { throw failure }
        return bytes
    }
}

/// POSIX `read`, named apart from `RawFile.read`.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutablePointer<UInt8>, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}
