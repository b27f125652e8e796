import Foundation

/// What a file is, by its metadata: device, inode, size and modification time to the nanosecond. The batch stamps
/// the files a run reads when it plans the run (the config before it is read, each data or initializer file before
/// the fingerprint hashes it), and the worker compares the stamps again before training: a file edited, replaced
/// or removed since has another stamp, and the run is refused instead of training from inputs its fingerprint does
/// not describe. A stat per file instead of a second hash of every byte; what a stamp cannot see (an edit within
/// the validator's read and the stamp, in the same process, that keeps the file's shape) `DatasetBuilder` still
/// partly catches by checking the loaded data against the counts the validator saw.
package struct FileStamp: Codable, Equatable, Sendable {
    package var path: String
    package var device: UInt64
    package var inode: UInt64
    package var size: Int64
    package var seconds: Int
    package var nanoseconds: Int

    /// The file's stamp now; nil when it cannot be stat'ed (gone, no permission).
    package static func of(_ path: String) -> FileStamp? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return FileStamp(path: path, device: UInt64(info.st_dev), inode: UInt64(info.st_ino), size: Int64(info.st_size),
                         seconds: info.st_mtim.tv_sec, nanoseconds: info.st_mtim.tv_nsec)
    }

    /// The modification time as a date.
    package var modified: Date { Date(timeIntervalSince1970: Double(seconds) + Double(nanoseconds) * 1e-9) }

    /// Whether the file is still the one stamped.
    package var isCurrent: Bool { FileStamp.of(path) == self }
}
