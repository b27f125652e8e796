import Foundation
import Glibc

/// Runs a short-lived helper program (git) to its end and returns what it printed: `posix_spawn` with its standard
/// output on a pipe, read to the end, then `waitpid`. Standard input and error are /dev/null, and SIGPIPE, SIGINT and
/// SIGTERM are at their default actions in the child whatever this process does with them.
///
/// Why not Foundation's `Process`: on Linux its `waitUntilExit` runs the run loop in 50 ms slices, and starting one
/// costs a thread and a run-loop source, so each git process a batch ran took about 60 ms of wall time for a few
/// milliseconds of git (docs/performance.md, "Per-run overhead"). This is the same few system calls as `WorkerProcess`.
package enum ProgramOutput {
    /// `program` (a path) run with `arguments`: its exit status (128 + the signal when killed) and standard output;
    /// nil when it cannot be started. `errors`: its standard error joins the output (a program whose failure is
    /// reported in words: sbatch, scontrol) instead of going to /dev/null.
    package static func run(_ program: String, _ arguments: [String],
                            errors: Bool = false) -> (status: Int32, output: String)? {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { return nil }
        // Close-on-exec, so that no other child inherits the pipe (Glibc's module does not export pipe2).
        for descriptor in ends { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, ends[1], 1)
        if errors {
            posix_spawn_file_actions_adddup2(&actions, ends[1], 2)
        } else {
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGPIPE, SIGINT, SIGTERM] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF))

        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var child: pid_t = 0
        let started = posix_spawn(&child, program, &actions, &attributes, argv, environ)
        close(ends[1])
        guard started == 0 else {
            close(ends[0])
            return nil
        }
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(ends[0], $0.baseAddress, $0.count) }
            if count > 0 {
                output += buffer[0..<count]
            } else if count < 0 && errno == EINTR {
                continue
            } else {
                break
            }
        }
        close(ends[0])
        var status: Int32 = 0
        while waitpid(child, &status, 0) < 0 && errno == EINTR {}
        let signal = status & 0x7f
        return (signal == 0 ? (status >> 8) & 0xff : 128 + signal, String(decoding: output, as: UTF8.self))
    }
}
