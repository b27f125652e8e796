import Foundation
import Glibc
import SproutRuns

/// One child process of a batch (`sprout worker ...`), started with posix_spawn in a process group of its own (so a
/// Ctrl-C at the terminal reaches only the batch, which forwards one stop request to each worker) with its stdout
/// and stderr on pipes the batch reads without blocking. stdout carries progress lines; stderr is kept (the last
/// 64 KiB) and shown once the worker ends, so that output from parallel runs never interleaves mid-line.
final class WorkerProcess {
    let pid: pid_t
    private(set) var stdoutDescriptor: Int32
    private(set) var stderrDescriptor: Int32
    private var pending: [UInt8] = []
    private(set) var errorOutput: [UInt8] = []
    static let errorOutputLimit = 64 * 1024

    struct SpawnError: Error, CustomStringConvertible {
        var description: String
        /// The system is out of processes or file descriptors for now (EAGAIN, EMFILE, ENFILE): worth retrying
        /// once another worker has ended.
        var isTemporary = false

        init(description: String, code: Int32 = 0) {
            self.description = description
            isTemporary = code == EAGAIN || code == EMFILE || code == ENFILE
        }
    }

    /// Starts this very program again (`/proc/self/exe`: the binary the batch runs, even if a rebuild has replaced
    /// or deleted the file since), with `name` as its argv[0] (what `ps` and `sprout status` see) and `arguments`.
    /// `input` is written to the worker's stdin, which is then closed.
    init(name: String, arguments: [String], environment: [String: String], input: Data) throws {
        let (inPipe, outPipe, errPipe) = try Self.pipes()
        let argv = ([name] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        Self.closeInheritedDescriptorsOnExec()
        var child: pid_t = 0
        let status = Self.spawn(&child, argv: argv, envp: envp, stdin: inPipe[0], stdout: outPipe[1], stderr: errPipe[1])
        close(inPipe[0])
        close(outPipe[1])
        close(errPipe[1])
        guard status == 0 else {
            close(inPipe[1]); close(outPipe[0]); close(errPipe[0])
            throw SpawnError(description: "cannot start a worker: \(String(cString: strerror(status)))", code: status)
        }
        // The worker reads its stdin to the end first thing, so this write (blocking) finishes however large the
        // order is; a worker that died first makes it fail with EPIPE (SIGPIPE is ignored), and its ending says why.
        Self.writeAll(input, to: inPipe[1])
        close(inPipe[1])
        pid = child
        stdoutDescriptor = outPipe[0]
        stderrDescriptor = errPipe[0]
        _ = fcntl(stdoutDescriptor, F_SETFL, fcntl(stdoutDescriptor, F_GETFL) | O_NONBLOCK)
        _ = fcntl(stderrDescriptor, F_SETFL, fcntl(stderrDescriptor, F_GETFL) | O_NONBLOCK)
    }

    /// The worker's stdin, stdout and stderr pipes, close-on-exec, so that a worker does not inherit the pipes of
    /// the workers started before it (which would keep their ends open after those exit). The batch starts workers
    /// from one thread, so no spawn can slip in between pipe() and fcntl().
    private static func pipes() throws -> (in: [Int32], out: [Int32], err: [Int32]) {
        var made: [[Int32]] = []
        for _ in 0..<3 {
            var ends: [Int32] = [-1, -1]
            guard pipe(&ends) == 0 else {
                let code = errno
                for open in made { close(open[0]); close(open[1]) }
                throw SpawnError(description: "cannot start a worker: \(String(cString: strerror(code)))", code: code)
            }
            for descriptor in ends { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
            made.append(ends)
        }
        return (made[0], made[1], made[2])
    }

    /// Marks every descriptor of this process from 3 up close-on-exec, so that a worker inherits only its three
    /// pipes: not a descriptor the batch got from its own parent (a test's Foundation `Process` shares a socket
    /// with its child, and a worker holding it would keep that parent waiting after the batch ended), nor one a
    /// library opened without O_CLOEXEC. glibc's posix_spawn_file_actions_addclosefrom_np would do it in the
    /// child, but Swift's Glibc module does not export it.
    private static func closeInheritedDescriptorsOnExec() {
        let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        for descriptor in open.compactMap(Int32.init) where descriptor > 2 {
            let flags = fcntl(descriptor, F_GETFD)
            if flags >= 0 && flags & FD_CLOEXEC == 0 { _ = fcntl(descriptor, F_SETFD, flags | FD_CLOEXEC) }
        }
    }

    private static func writeAll(_ data: Data, to descriptor: Int32) {
        data.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count, let base = bytes.baseAddress {
                let written = Glibc.write(descriptor, base + offset, bytes.count - offset)
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { return }
                offset += written
            }
        }
    }

    /// posix_spawn of /proc/self/exe: stdin, stdout and stderr on the pipes, a process group of its own, no signal
    /// blocked, SIGINT and SIGTERM at their default action. Returns posix_spawn's status.
    private static func spawn(_ child: inout pid_t, argv: [UnsafeMutablePointer<CChar>?], envp: [UnsafeMutablePointer<CChar>?],
                              stdin: Int32, stdout: Int32, stderr: Int32) -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdin, 0)
        posix_spawn_file_actions_adddup2(&actions, stdout, 1)
        posix_spawn_file_actions_adddup2(&actions, stderr, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t(), defaults = sigset_t()
        sigemptyset(&noSignals)
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGINT)
        sigaddset(&defaults, SIGTERM)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        return posix_spawn(&child, "/proc/self/exe", &actions, &attributes, argv, envp)
    }

    /// Both pipes closed: the worker has exited (or closed them), and `wait()` will not block for long.
    var isDrained: Bool { stdoutDescriptor < 0 && stderrDescriptor < 0 }

    /// The open descriptors to poll.
    var descriptors: [Int32] { [stdoutDescriptor, stderrDescriptor].filter { $0 >= 0 } }

    /// Reads what is available on `descriptor`; returns the complete stdout lines read (stderr is kept).
    func read(_ descriptor: Int32) -> [String] {
        var buffer = [UInt8](repeating: 0, count: 16384)
        var lines: [String] = []
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                if descriptor == stdoutDescriptor {
                    pending += buffer[0..<count]
                    while let newline = pending.firstIndex(of: 10) {
                        lines.append(String(decoding: pending[..<newline], as: UTF8.self))
                        pending.removeSubrange(...newline)
                    }
                } else {
                    errorOutput += buffer[0..<count]
                    if errorOutput.count > Self.errorOutputLimit { errorOutput.removeFirst(errorOutput.count - Self.errorOutputLimit) }
                }
                continue
            }
            if count < 0 && (errno == EAGAIN || errno == EINTR) { break }
            // End of file (or an error): this stream is done.
            close(descriptor)
            if descriptor == stdoutDescriptor { stdoutDescriptor = -1 } else { stderrDescriptor = -1 }
            break
        }
        return lines
    }

    func signal(_ number: Int32) { kill(pid, number) }

    /// Waits for the worker to end (call once both pipes are drained).
    func wait() -> WorkerEnding {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let signal = status & 0x7f
        return signal == 0 ? .exited((status >> 8) & 0xff) : .killed(signal)
    }
}
