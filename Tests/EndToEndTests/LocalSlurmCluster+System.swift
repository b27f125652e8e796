import Foundation

/// What LocalSlurmCluster asks of the machine: programs on the disk, free ports, child processes and their trees,
/// the listener of a Unix socket.
extension LocalSlurmCluster {
    /// `program`'s executable in /usr/sbin, /usr/bin or a folder of PATH (the daemons live in /usr/sbin, which a
    /// user's PATH may lack); nil when there is none.
    static func path(of program: String) -> String? {
        let searched = ProcessInfo.processInfo.environment["PATH"]?.split(separator: ":").map(String.init) ?? []
        return (["/usr/sbin", "/usr/bin"] + searched).map { $0 + "/" + program }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// The test's environment with SLURM_CONF naming `configPath`, without Slurm's other input variables: a test run
    /// inside a Slurm job (SLURM_JOB_ID...) or a shell that sets SQUEUE_FORMAT must not steer this cluster's clients.
    static func environment(configPath: String) -> [String: String] {
        let prefixes = ["SLURM_", "SBATCH_", "SALLOC_", "SRUN_", "SQUEUE_", "SINFO_", "SCONTROL_", "SCANCEL_", "SACCT_"]
        var environment = ProcessInfo.processInfo.environment.filter { key, _ in !prefixes.contains { key.hasPrefix($0) } }
        environment["SLURM_CONF"] = configPath
        return environment
    }

    /// Runs `executable arguments...` in `directory` with exactly `environment`, its output through files (a large
    /// output cannot fill a pipe); after `timeout` seconds it is killed and a `CommandFailure` thrown.
    static func run(_ executable: String, _ arguments: [String], environment: [String: String], directory: URL,
                    timeout: Double) throws -> (status: Int32, stdout: String, stderr: String) {
        let scratch = try TemporaryDirectory()
        let out = try scratch.write("stdout", ""), err = try scratch.write("stderr", "")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = directory
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: err))
        try process.run()
        if !poll(seconds: timeout, every: 0.005, { !process.isRunning }) {
            killTree(process.processIdentifier)
            _ = poll(seconds: 10) { !process.isRunning }
            let command = ([executable] + arguments).joined(separator: " ")
            throw CommandFailure(description: "\(command) did not finish in \(timeout) s")
        }
        return (process.terminationStatus, try String(contentsOfFile: out, encoding: .utf8),
                try String(contentsOfFile: err, encoding: .utf8))
    }

    /// Polls `condition` every `every` seconds until it holds or `seconds` pass; returns whether it held.
    static func poll(seconds: Double, every interval: Double = 0.1, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            Thread.sleep(forTimeInterval: interval)
        }
        return condition()
    }

    /// SIGKILL to `pid` and every process below it, each stopped (SIGSTOP) before its children are listed, so that
    /// none forks a process that escapes. The children come from the kernel's list for the process itself
    /// (/proc/PID/task/TID/children): no other process on the machine is looked at.
    static func killTree(_ pid: pid_t) {
        var tree: [pid_t] = [], pending = [pid]
        while let next = pending.popLast() {
            kill(next, SIGSTOP)
            tree.append(next)
            pending += children(of: next)
        }
        for member in tree { kill(member, SIGKILL) }
    }

    private static func children(of pid: pid_t) -> [pid_t] {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
        return tasks.flatMap { task -> [pid_t] in
            let text = (try? String(contentsOfFile: "/proc/\(pid)/task/\(task)/children", encoding: .utf8)) ?? ""
            return text.split(separator: " ").compactMap { pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        }
    }

    /// A process's command name (/proc/PID/comm), nil when there is no such process.
    static func command(of pid: pid_t) -> String? {
        (try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The process listening on the Unix socket `path`: a connection's SO_PEERCRED names the process that called
    /// listen(). nil when nothing listens there (a socket file its process left behind) or the path is too long.
    static func listener(of path: String) -> pid_t? {
        let socket = Foundation.socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { return nil }
        defer { close(socket) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { return nil }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socket, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard connected == 0 else { return nil }
        // struct ucred: pid, uid, gid (three 32-bit fields).
        var credentials: [Int32] = [0, 0, 0]
        var length = socklen_t(MemoryLayout<Int32>.size * 3)
        guard getsockopt(socket, SOL_SOCKET, SO_PEERCRED, &credentials, &length) == 0, credentials[0] > 0 else { return nil }
        return credentials[0]
    }

    /// `count` distinct TCP ports free on 127.0.0.1 now: each bound to port 0 (the kernel picks), read, and closed
    /// once all are picked. Another process may take one before the daemon binds it: `init` then starts again.
    static func freePorts(_ count: Int) throws -> [Int] {
        var sockets: [Int32] = []
        defer { for socket in sockets { close(socket) } }
        return try (0..<count).map { _ in
            let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard socket >= 0 else { throw CommandFailure(description: "socket(): errno \(errno)") }
            sockets.append(socket)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = 0
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0
                }
            }
            guard bound else { throw CommandFailure(description: "no free port on 127.0.0.1: errno \(errno)") }
            return Int(UInt16(bigEndian: address.sin_port))
        }
    }

    /// The machine's host name up to its first dot (`hostname -s`): the name slurmctld and slurmd know themselves by.
    static func shortHostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return name.split(separator: ".").first.map(String.init) ?? name
    }

    /// The last `lines` lines of a file ("" when it is missing or empty).
    static func tail(_ path: String, lines: Int = 15) -> String {
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        return text.split(whereSeparator: \.isNewline).suffix(lines).joined(separator: "\n")
    }

    /// One line of `scontrol -o show job` as fields: `Key=value` words, a word without its own `Key=` belonging to
    /// the value before it (a WorkDir or a JobName with spaces).
    static func fields(_ line: Substring) -> [String: String] {
        var fields: [String: String] = [:]
        var key: String?
        for word in line.split(separator: " ") {
            if let equals = word.firstIndex(of: "="), word.first?.isLetter == true,
               word[..<equals].allSatisfy({ $0.isLetter || $0.isNumber || "_:/".contains($0) }) {
                key = String(word[..<equals])
                fields[String(word[..<equals])] = String(word[word.index(after: equals)...])
            } else if let key {
                fields[key, default: ""] += " " + word
            }
        }
        return fields
    }
}
