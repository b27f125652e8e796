import Foundation

/// An exclusive lock on a run directory for as long as a run trains there: `flock(2)` on the hidden file `.lock`
/// inside it, taken without waiting. Two processes asked to train the same run (two batches started together, or a
/// batch beside a `sprout run` of one config) cannot both write its files: the second is refused with
/// `RunError.busy`. The kernel drops the lock when the process ends, however it ends, so a killed run never leaves
/// a stale lock; the file itself stays (removing a lock file races with a process about to take it) and is hidden
/// from run listings. Taking the lock creates the directory.
package final class RunLock {
    private var descriptor: Int32

    /// `patience`: how long to wait for a holder to let go before giving up (`RunError.busy`). A training run holds
    /// the lock for minutes, `sprout gc` or a restore for milliseconds: a short wait lets a run start while gc
    /// passes over its name, and still refuses at once, in human terms, a run another batch is training.
    package init(directory: String, patience: Double = 0) throws {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw RunError.cannotCreate(path: directory, reason: RunError.reason(error))
        }
        let path = (directory as NSString).appendingPathComponent(".lock")
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw RunError.cannotWrite(path: path, reason: String(cString: strerror(errno))) }
        let deadline = Date().addingTimeInterval(patience)
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK && Date() < deadline {
            usleep(10_000)
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let busy = errno == EWOULDBLOCK
            let reason = String(cString: strerror(errno))
            close(descriptor)
            descriptor = -1
            throw busy ? RunError.busy(directory: directory) : RunError.cannotWrite(path: path, reason: reason)
        }
    }

    package func release() {
        guard descriptor >= 0 else { return }
        close(descriptor)
        descriptor = -1
    }

    deinit { release() }
}
