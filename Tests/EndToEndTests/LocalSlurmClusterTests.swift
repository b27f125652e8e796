import Foundation
import Testing

/// The harness of the Slurm tests: a private cluster runs a job array's tasks, cancels a job, and leaves no process
/// behind when it shuts down. Each test owns its cluster (they run in parallel); states are awaited by polling.
@Suite(.enabled(if: LocalSlurmCluster.unavailableReason == nil,
                "needs root and Debian's slurmctld, slurmd and slurm-client (`make test` as root installs them)"))
struct LocalSlurmClusterTests {
    /// Submits `sbatch --parsable arguments...` and returns the job's id (`--parsable` prints `id` or `id;cluster`).
    static func submit(_ cluster: LocalSlurmCluster, _ arguments: [String]) throws -> String {
        let result = try cluster.command("sbatch", ["--parsable"] + arguments)
        try #require(result.status == 0, "sbatch: \(result.stderr)")
        let id = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ";").first
        try #require(id.flatMap { Int($0) } != nil, "sbatch printed \(result.stdout)")
        return String(id ?? "")
    }

    /// A 2-task array: each task writes its index to a file of its own; both end COMPLETED.
    @Test func aJobArrayRunsEveryTask() throws {
        let scratch = try TemporaryDirectory()
        try LocalSlurmCluster.with { cluster in
            // The script is one argument: the job's shell expands $SLURM_ARRAY_TASK_ID, not ours.
            let script = "echo \"$SLURM_ARRAY_TASK_ID\" > \(scratch.url.path)/task-$SLURM_ARRAY_TASK_ID"
            let id = try Self.submit(cluster, ["--array=0-1", "--wrap", script])
            #expect(cluster.waitUntilQueueEmpty(seconds: 60))
            for task in 0...1 {
                let record = cluster.jobState("\(id)_\(task)")
                #expect(record?["JobState"] == "COMPLETED", "\(record ?? [:])")
                #expect(record?["ExitCode"] == "0:0")
                let written = try? String(contentsOfFile: scratch.url.path + "/task-\(task)", encoding: .utf8)
                #expect(written == "\(task)\n")
            }
            #expect(cluster.jobStates(id).count == 2)
            #expect(cluster.jobState("\(id)_7") == nil)
        }
    }

    /// A job sleeping for 5 minutes runs, is cancelled and ends CANCELLED, long before its sleep would have.
    @Test func aCancelledJobEndsCancelled() throws {
        try LocalSlurmCluster.with { cluster in
            let id = try Self.submit(cluster, ["--wrap", "sleep 300"])
            let running = try #require(cluster.waitForJob(id, in: ["RUNNING"], seconds: 60),
                                       "\(cluster.jobState(id) ?? [:])")
            #expect(running["NodeList"] == LocalSlurmCluster.shortHostName())
            let cancelled = try cluster.command("scancel", [id])
            #expect(cancelled.status == 0, "\(cancelled.stderr)")
            #expect(cluster.waitForJob(id, in: ["CANCELLED"], seconds: 60)?["JobState"] == "CANCELLED")
            #expect(cluster.waitUntilQueueEmpty(seconds: 60))
        }
    }

    /// After `shutdown()` both daemons are gone, and so is the folder; a second call does nothing.
    @Test func shutdownEndsBothDaemons() throws {
        let cluster = try LocalSlurmCluster.start()
        defer { cluster.shutdown() }
        let folder = cluster.folder.url.path
        _ = try Self.submit(cluster, ["--wrap", "sleep 300"])
        cluster.shutdown()
        #expect(!cluster.slurmctld.isRunning)
        #expect(!cluster.slurmd.isRunning)
        #expect(!FileManager.default.fileExists(atPath: folder))
        cluster.shutdown()
    }

    /// A job step whose controller died (so that nothing can cancel it) is still ended: its slurmstepd, found
    /// through the spool folder, and the job's process below it, which the test knows from the pid the job wrote.
    @Test func shutdownEndsAStepTheControllerCannotCancel() throws {
        let scratch = try TemporaryDirectory()
        let cluster = try LocalSlurmCluster.start()
        defer { cluster.shutdown() }
        let pidFile = scratch.url.path + "/job.pid"
        // The pid file appears whole (written aside, then renamed); `exec` makes the script's pid the sleep's.
        let script = "echo $$ > \(pidFile).new && mv \(pidFile).new \(pidFile) && exec sleep 300"
        let id = try Self.submit(cluster, ["--wrap", script])
        #expect(cluster.waitForJob(id, in: ["RUNNING"], seconds: 60) != nil)
        var job: pid_t?
        #expect(LocalSlurmCluster.poll(seconds: 30) {
            let text = try? String(contentsOfFile: pidFile, encoding: .utf8)
            job = text.flatMap { pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            // The pid is written just before the script becomes sleep (exec).
            return job.map { LocalSlurmCluster.command(of: $0) == "sleep" } ?? false
        })
        let sleeper = try #require(job)
        let step = try #require(RunningBatch.parent(of: sleeper))
        #expect(LocalSlurmCluster.command(of: sleeper) == "sleep")
        #expect(LocalSlurmCluster.command(of: step) == "slurmstepd")
        #expect(cluster.stepDaemons() == [step])

        // The controller dies (with its slurmscriptd): shutdown() can cancel nothing, and slurmd stops by signal.
        LocalSlurmCluster.killTree(cluster.slurmctld.pid)
        #expect(LocalSlurmCluster.poll(seconds: 10) { !cluster.slurmctld.isRunning })
        let started = Date()
        cluster.shutdown()
        // Nothing waits for the dead controller: slurmd stops on SIGTERM, the step is killed.
        #expect(Date().timeIntervalSince(started) < 5)
        #expect(!cluster.slurmctld.isRunning && !cluster.slurmd.isRunning)
        for pid in [step, sleeper] {
            // Killed and reparented to init, they may stay zombies a moment: only their state shows.
            #expect(LocalSlurmCluster.poll(seconds: 10) { RunningBatch.state(of: pid).map { $0 == "Z" } ?? true },
                    "\(LocalSlurmCluster.command(of: pid) ?? "") \(pid) is left")
        }
    }
}
