import Foundation

/// A private, real Slurm cluster on localhost for one test: its own slurmctld and slurmd, children of the test
/// process, on two free ports, with its configuration, state, spool and logs in a temporary folder. Tests that run in
/// parallel each start one; no cluster sees another's jobs, so everything a cluster runs is its test's.
///
///     try LocalSlurmCluster.with { cluster in
///         let submitted = try cluster.command("sbatch", ["--parsable", "--array=0-1", "--wrap", "..."])
///         ...
///     }
///
/// `with` shuts the cluster down whatever its body does; a cluster from `start()` (or `init()`) needs `defer {
/// cluster.shutdown() }` right after (`deinit` shuts down too, as a last resort). Give `environment` (SLURM_CONF) to
/// any other process that must reach the cluster (the built `sprout`); `command` runs the Slurm clients with it.
/// Jobs run as root, in the folder `sbatch` ran in (the cluster's folder, for `command`), with sbatch's environment,
/// SLURM_CONF included; a job's state comes from `jobState` and `waitForJob`, the queue's end from
/// `waitUntilQueueEmpty`. A test process killed outright (SIGKILL) leaves its cluster running: nothing can stop it.
///
/// The choices, each measured with Debian's Slurm 22.05:
/// - `AuthType=auth/none`, `CredType=cred/none`: no munge. Munge would mean a munged per cluster (a third daemon,
///   with a key, socket and seed of its own) or the machine's munged, a system service that Debian's package does not
///   start in a container and that every cluster would share. The price: a message's uid is taken on trust, and
///   slurmctld listens on every interface, not on 127.0.0.1 alone (measured), so whoever reaches its random port
///   while a test runs can submit jobs that run as root. Fine for a test machine; not for a shared host.
/// - The daemons run in the foreground (`-D`) as children of the test (`Daemon`, not Foundation's `Process`: see
///   there): their pids are known without pid files, their output goes to files of the folder, and the test can
///   always end them, by signal if need be. A daemonized slurmctld would be reparented to init and outlive a crashed
///   test unnoticed.
/// - Readiness is the node's STATE `idle`, polled with `sinfo` every 0.1 s: the controller must answer and the node
///   have registered (until then it is `unknown`), about 1 s here, more on a loaded machine; a fixed sleep would be
///   either slow or flaky, and a daemon that dies early (its port taken, a bad slurm.conf) is seen within seconds,
///   its log quoted in the error, instead of at a timeout.
/// - Each start gets a fresh folder, so state from an earlier cluster can never be recovered (no `-c` or `-i`
///   needed); a start whose daemon could not bind its port (taken since it was picked) is retried on new ports.
/// - `DefMemPerCPU` gives a job of one CPU its share of the node's memory: with `CR_Core_Memory` alone a job gets the
///   whole node's memory, and an array's tasks would run one after the other.
/// - `MinJobAge` stays at Slurm's 300 s: a finished job stays visible to `scontrol show job` (`jobState`).
final class LocalSlurmCluster {
    /// Everything of this cluster: slurm.conf, state/, spool/, the daemons' logs and output; removed by `shutdown()`.
    let folder: TemporaryDirectory
    /// slurm.conf; also the SLURM_CONF of `environment`.
    let configPath: String
    /// The cluster's name (unique per start), its controller's and its node's TCP ports on localhost.
    let name: String
    let controllerPort: Int, nodePort: Int
    /// The daemons, children of the test process until `shutdown()` ends them.
    let slurmctld: Daemon, slurmd: Daemon
    private var isShutDown = false

    /// The programs the cluster needs: the daemons and the clients its tests run.
    static let programs = ["slurmctld", "slurmd", "sbatch", "squeue", "scontrol", "scancel", "sinfo"]

    /// nil when the cluster can start: the test runs as root and every program of `programs` is found (in /usr/sbin,
    /// /usr/bin or PATH); otherwise why not. For `@Suite(.enabled(if: LocalSlurmCluster.unavailableReason == nil))`.
    static var unavailableReason: String? {
        let install = "`make test` as root installs slurmctld, slurmd and slurm-client"
        guard getuid() == 0 else { return "the Slurm tests need root (uid 0); \(install)" }
        let missing = programs.filter { path(of: $0) == nil }
        guard missing.isEmpty else {
            return "the Slurm tests need \(missing.joined(separator: ", ")), not found in /usr/sbin, /usr/bin or PATH; \(install)"
        }
        return nil
    }

    /// Add to the environment of any process that must talk to this cluster.
    var environment: [String: String] { ["SLURM_CONF": configPath] }

    /// Starts a cluster and returns once its node is idle (see `init`).
    static func start() throws -> LocalSlurmCluster { try LocalSlurmCluster() }

    /// Starts a cluster, runs `body` with it and shuts it down, whatever `body` does.
    static func with<T>(_ body: (LocalSlurmCluster) throws -> T) throws -> T {
        let cluster = try LocalSlurmCluster()
        defer { cluster.shutdown() }
        return try body(cluster)
    }

    /// Starts slurmctld and slurmd and waits (up to `seconds`) until the node is idle. A daemon that could not bind
    /// its port makes a new start on new ports, up to `attempts` in all; any other failure ends what was started and
    /// throws a `StartFailure` holding the tail of both daemons' logs.
    init(attempts: Int = 3, seconds: Double = 60) throws {
        let launch = try Launch.first(of: attempts, seconds: seconds)
        (folder, configPath, name) = (launch.folder, launch.configPath, launch.name)
        (controllerPort, nodePort) = (launch.ports[0], launch.ports[1])
        (slurmctld, slurmd) = (launch.slurmctld, launch.slurmd)
    }

    deinit { shutdown() }

    /// Runs a Slurm client (`sbatch`, `squeue`, `scontrol`, `scancel`, `sinfo`) on this cluster, in its folder (where
    /// sbatch's default output files land), killing it after `timeout` seconds. Slurm's input variables of the test's
    /// environment (SLURM_*, SBATCH_*, SQUEUE_*...) are left out: a test started inside a Slurm job stays out of it.
    func command(_ program: String, _ arguments: [String], timeout: Double = 30) throws
        -> (status: Int32, stdout: String, stderr: String) {
        guard let executable = Self.path(of: program) else { throw CommandFailure(description: "\(program): not found") }
        return try Self.run(executable, arguments, environment: Self.environment(configPath: configPath),
                            directory: folder.url, timeout: timeout)
    }

    /// `scontrol -o show job ID`'s fields (`JobState`, `Reason`, `ExitCode`, `NodeList`...) for a job or an array
    /// task (`12_3`); nil when Slurm does not know the id, or when it lists several records (an array's own id, whose
    /// tasks have started: see `jobStates`).
    func jobState(_ jobID: String) -> [String: String]? {
        let records = jobStates(jobID)
        return records.count == 1 ? records.first : nil
    }

    /// Every record `scontrol -o show job ID` lists: one per task for an array's id; none when Slurm does not know it.
    func jobStates(_ jobID: String) -> [[String: String]] {
        guard let result = try? command("scontrol", ["-o", "show", "job", jobID]), result.status == 0 else { return [] }
        return result.stdout.split(whereSeparator: \.isNewline).map(Self.fields)
    }

    /// Polls `jobState` every 0.1 s until the job's JobState is one of `states`; returns its record then, or nil
    /// after `seconds`.
    func waitForJob(_ jobID: String, in states: Set<String>, seconds: Double = 60) -> [String: String]? {
        var record: [String: String]?
        let reached = Self.poll(seconds: seconds) {
            record = jobState(jobID)
            return record?["JobState"].map(states.contains) ?? false
        }
        return reached ? record : nil
    }

    /// Polls `squeue -h` every 0.1 s until it lists no job (pending, running or completing); false after `seconds`.
    func waitUntilQueueEmpty(seconds: Double = 60) -> Bool {
        Self.poll(seconds: seconds) {
            guard let queue = try? command("squeue", ["-h"]), queue.status == 0 else { return false }
            return queue.stdout.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        }
    }

    /// Ends the cluster; calling it again does nothing. Every job is cancelled (the cluster is private: all its jobs
    /// are the test's) and the queue awaited, then `scontrol shutdown`; a daemon still there after 10 s (or at once,
    /// when the controller was gone) gets SIGTERM, after 10 s more SIGKILL (with its children). A job step that
    /// outlived it all (a slurmstepd, reparented to init, and the job's processes below it) is found through the
    /// cluster's own spool folder (`stepDaemons`), never by a search of the machine (other tests' clusters run beside
    /// this one), and killed. The folder goes last.
    func shutdown() {
        guard !isShutDown else { return }
        isShutDown = true
        var asked = false
        // A controller that does not answer (dead, or dying: a kill takes a moment) is not waited for again.
        if slurmctld.isRunning, let queued = try? command("squeue", ["-h", "-o", "%A"], timeout: 15), queued.status == 0 {
            let ids = queued.stdout.split(whereSeparator: \.isNewline).map(String.init)
            if !ids.isEmpty { _ = try? command("scancel", ids, timeout: 15) }
            // scancel sends SIGTERM, then SIGKILL after KillWait (30 s): a job that ignores SIGTERM takes that long.
            _ = waitUntilQueueEmpty(seconds: 40)
            asked = (try? command("scontrol", ["shutdown"], timeout: 15))?.status == 0
        }
        let daemons = [slurmctld, slurmd]
        // Without a controller to pass `scontrol shutdown` on to slurmd, SIGTERM goes out at once.
        if !asked || !Self.poll(seconds: 10, { daemons.allSatisfy { !$0.isRunning } }) {
            for daemon in daemons where daemon.isRunning { kill(daemon.pid, SIGTERM) }
            if !Self.poll(seconds: 10, { daemons.allSatisfy { !$0.isRunning } }) {
                for daemon in daemons where daemon.isRunning { Self.killTree(daemon.pid) }
                _ = Self.poll(seconds: 5) { daemons.allSatisfy { !$0.isRunning } }
            }
        }
        for pid in stepDaemons() { Self.killTree(pid) }
        try? FileManager.default.removeItem(at: folder.url)
    }

    /// The slurmstepd processes of this cluster: the listeners of the sockets in its spool folder (one per job step,
    /// `<node>_<job>.<step>`), by the kernel's SO_PEERCRED of a connection to each.
    func stepDaemons() -> [pid_t] {
        let spool = folder.url.appendingPathComponent("spool").path
        let names = (try? FileManager.default.contentsOfDirectory(atPath: spool)) ?? []
        return names.compactMap { name in
            let path = spool + "/" + name
            var status = stat()
            guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFSOCK, let pid = Self.listener(of: path),
                  Self.command(of: pid) == "slurmstepd" else { return nil }
            return pid
        }
    }

    struct StartFailure: Error, CustomStringConvertible {
        var description: String
        /// A daemon found its port taken: a new start on other ports may succeed.
        var portInUse = false
    }

    struct CommandFailure: Error, CustomStringConvertible {
        var description: String
    }
}
