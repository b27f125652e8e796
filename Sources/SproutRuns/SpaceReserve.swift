import Foundation

/// Disk space held back for a run's last words: the hidden file `.reserve` in the run directory, allocated when the
/// run starts and removed when it ends, so that a disk that fills during training still has room for run.json to say
/// `failed` (and why) and for the batch to rewrite summary.csv afterwards. Without it the failed record's atomic
/// rewrite (a new temporary file beside the old run.json) fails on the full disk too, run.json keeps saying `running`
/// and the run looks killed.
///
/// Size: `floor` plus twice the record's bytes at the start (the failed record adds its error and times to it), in
/// whole 4 KiB blocks (`bytes(forRecord:)`). The floor, 64 KiB, leaves room after the record for the batch's
/// summary.csv rewrite (about 200 bytes a run: some 300 runs) and for filesystems that allocate in larger blocks.
/// A larger summary.csv may not fit; the batch then says so and writes it again after the next run and as it ends.
///
/// Allocated with `posix_fallocate(3)` (glibc writes a zero into each block where the filesystem has no fallocate),
/// so the blocks are really taken, not a sparse file's promise. Best effort on filesystems that compress or share
/// blocks (btrfs, ZFS), where freeing a file need not free its space at once, and when other writers on the same
/// disk take the freed space first.
///
/// Who removes it: the run's writer, as the run ends in any way it records (completed, diverged, interrupted:
/// `release()` after the final run.json; failed: `release()` before it), and `deinit` should anything else end the
/// writer. A worker killed outright (SIGKILL, a crash) leaves it: the batch settling that worker removes it
/// (`removeLeftover(in:lockDirectory:)`); if the batch died too, `sprout gc` removes it with its entry. Hidden, so run
/// listings skip it (`RunDirectories`), and not one of run.json's `outputs`.
package final class SpaceReserve {
    package static let name = ".reserve"
    /// 64 KiB kept beyond the record's own size (see the type's comment).
    package static let floor = 64 * 1024
    package let path: String
    private var held = true

    /// The bytes to reserve for a run whose run.json is `recordBytes` long now: `floor + 2 * recordBytes`, rounded up
    /// to whole 4 KiB blocks.
    package static func bytes(forRecord recordBytes: Int) -> Int {
        let block = 4096
        return (floor + 2 * recordBytes + block - 1) / block * block
    }

    /// Allocates `bytes` bytes in `<directory>/.reserve`, replacing one a killed run left. Call it holding the
    /// directory's `RunLock`: the lock's holder owns the reserve. Throws `RunError.cannotWrite` when there is not
    /// that much space (`cannot write runs/x/.reserve: No space left on device (...)`), having removed the file.
    package init(directory: String, bytes: Int) throws {
        path = (directory as NSString).appendingPathComponent(Self.name)
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw RunError.cannotWrite(path: path, reason: String(cString: strerror(errno))) }
        let result = posix_fallocate(descriptor, 0, off_t(bytes))
        close(descriptor)
        guard result == 0 else {
            unlink(path)
            held = false
            throw RunError.cannotWrite(path: path, reason: String(cString: strerror(result))
                                       + " (keeping \(bytes / 1024) KiB free for the run's final records)")
        }
    }

    /// Frees the space: removes the file. Once; later calls do nothing.
    package func release() {
        guard held else { return }
        held = false
        unlink(path)
    }

    deinit { release() }

    /// A reserve a dead worker left in `directory` (SIGKILL, a crash), removed when no process holds the lock in
    /// `lockDirectory` (the run name's, `RunStore.lock`): one that does is training there now and owns the file.
    /// Nothing happens (and no lock file or folder is created) when there is no reserve. Called by the batch before
    /// it settles the worker's run.json, so the settled record has the space.
    package static func removeLeftover(in directory: String, lockDirectory: String) {
        let path = (directory as NSString).appendingPathComponent(name)
        var status = stat()
        guard lstat(path, &status) == 0, let lock = try? RunLock(directory: lockDirectory) else { return }
        unlink(path)
        lock.release()
    }
}
