import Foundation

extension LocalSlurmCluster {
    /// slurmctld or slurmd: a child of the test process, started with posix_spawn and reaped with waitpid by this
    /// type, deliberately not a Foundation `Process`.
    ///
    /// Foundation (swift-corelibs) learns that a child ended when a socket the child inherited reads as closed, and
    /// then waits for it, blocking, on the one thread that serves every `Process` of the test run. slurmctld and
    /// slurmd close every inherited descriptor as they start: that thread would sit in waitpid until the daemon ends,
    /// and no other `Process` of any test would be seen to end meanwhile (measured: the polling `sinfo`s stayed
    /// zombies, `isRunning` true, for as long as the cluster ran).
    final class Daemon {
        let name: String
        let pid: pid_t
        /// waitpid's status once the daemon has ended and been reaped.
        private var waitStatus: Int32?

        /// Starts `executable arguments...` with exactly `environment`, stdin from /dev/null, stdout and stderr
        /// (together) to the file `output`, in the test's process group (a Ctrl-C reaches it too). The test's other
        /// descriptors are inherited only until the daemon starts: slurmctld and slurmd close them all (measured).
        ///
        /// Every signal is unblocked and at its default action in the daemon: a child inherits both from the thread
        /// that spawns it, and the test's threads (Swift concurrency's, libdispatch's) block signals. With SIGTERM
        /// blocked, slurmd ignored `scontrol shutdown` and SIGTERM alike (measured) and had to be killed.
        init(_ executable: String, _ arguments: [String], environment: [String: String], output: String) throws {
            name = (executable as NSString).lastPathComponent
            var attributes = posix_spawnattr_t()
            posix_spawnattr_init(&attributes)
            defer { posix_spawnattr_destroy(&attributes) }
            var unblocked = sigset_t(), defaults = sigset_t()
            sigemptyset(&unblocked)
            sigfillset(&defaults)
            posix_spawnattr_setsigmask(&attributes, &unblocked)
            posix_spawnattr_setsigdefault(&attributes, &defaults)
            posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
            let argv = ([executable] + arguments).map { strdup($0) } + [nil]
            let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
            defer { for pointer in argv + envp { free(pointer) } }
            var pid: pid_t = 0
            let error = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
            guard error == 0 else {
                let reason = String(cString: strerror(error))
                throw CommandFailure(description: "\(executable): posix_spawn failed: \(reason)")
            }
            self.pid = pid
        }

        /// Reaps a daemon that ended unseen (a cluster that failed to start and was never shut down).
        deinit { _ = isRunning }

        /// Whether the daemon still runs; asking reaps it once it has ended (without waiting).
        var isRunning: Bool {
            guard waitStatus == nil else { return false }
            var status: Int32 = 0
            switch waitpid(pid, &status, WNOHANG) {
            case 0: return true
            case pid: waitStatus = status
            default: waitStatus = -1  // not a child any more: nothing left to wait for
            }
            return false
        }

        /// How it ended (`exit 1`, `signal 9`), nil while it runs.
        var termination: String? {
            guard !isRunning, let status = waitStatus else { return nil }
            if status == -1 { return "unknown" }
            let signal = status & 0x7f
            return signal == 0 ? "exit \((status >> 8) & 0xff)" : "signal \(signal)"
        }
    }
}
