import Foundation
import Testing

/// `sprout run --slurm` against a real Slurm: each test starts its own cluster on localhost (`LocalSlurmCluster`),
/// submits configs of its own scratch project, waits for Slurm's states (the queue empty, a metrics row written),
/// never for wall-clock time, and shuts the cluster down whatever happens. The project's folder is named with a
/// shell's metacharacters (`$(touch pwned)`, quotes, a space), which reach the job script and sbatch: nothing must
/// run but Sprout.
@Suite(.enabled(if: LocalSlurmCluster.unavailableReason == nil,
                Comment(rawValue: LocalSlurmCluster.unavailableReason ?? "")))
struct SlurmRunTests {
    /// A scratch project `<tmp>/$(touch pwned) my 'runs' "x"/` with a configs/ folder.
    struct Project {
        let scratch: TemporaryDirectory
        let root: URL

        init() throws {
            scratch = try TemporaryDirectory()
            root = scratch.url.appendingPathComponent(#"$(touch pwned) my 'runs' "x""#)
            try FileManager.default.createDirectory(at: root.appendingPathComponent("configs"), withIntermediateDirectories: true)
        }

        @discardableResult
        func write(_ name: String, _ text: String) throws -> String {
            let url = root.appendingPathComponent("configs/\(name).yaml")
            try text.write(to: url, atomically: true, encoding: .utf8)
            return url.path
        }

        /// `sprout args...` in the project's folder, on `cluster`.
        func sprout(_ arguments: [String], _ cluster: LocalSlurmCluster, timeout: Double = 120) throws -> SproutBinary.Result {
            try SproutBinary.run(arguments, in: root, timeout: timeout, environment: cluster.environment)
        }

        func run(_ name: String, out: String = "runs") -> String { root.appendingPathComponent("\(out)/\(name)").path }

        /// Every file or folder below the scratch folder whose name starts with `pwned`: what an injected
        /// `$(touch pwned)` would have made.
        var injected: [String] {
            let walker = FileManager.default.enumerator(atPath: scratch.url.path)
            var found: [String] = []
            while let path = walker?.nextObject() as? String {
                if (path as NSString).lastPathComponent.hasPrefix("pwned") { found.append(path) }
            }
            return found
        }
    }

    /// A small XOR config: `seed`, `init` for the hidden weights, `epochs`.
    static func xor(_ name: String, seed: Int, weight: String = "xavier_uniform", lr: Double = 0.5, epochs: Int = 8) -> String {
        """
        name: \(name)
        seed: \(seed)
        data: {source: xor, samples: 64}
        model:
          layers:
            - {name: hidden, type: dense, units: 6, weight_init: \(weight)}
            - tanh
            - {name: out, type: dense, units: 2}
        train: {loss: cross_entropy, epochs: \(epochs), batch_size: 16, optimizer: {type: sgd, lr: \(lr)}}

        """
    }

    /// A digits config long enough to be stopped mid-run (about 0.1 s an epoch in a debug build), its training state
    /// saved at each epoch's end.
    static func digits(_ name: String, epochs: Int, threads: Int = 1) -> String {
        """
        name: \(name)
        seed: 7
        data: {source: digits, validation: 0.2, normalize: standardize}
        model:
          layers:
            - {name: hidden, type: dense, units: 128}
            - relu
            - {name: out, type: dense, units: 10}
        train: {loss: cross_entropy, epochs: \(epochs), batch_size: 16, optimizer: adam, threads: \(threads)}
        log: {checkpoints: {resume_every: 0}}

        """
    }

    /// The job id in `submitted N runs to Slurm as job array ID (...)`.
    static func jobID(_ output: String) throws -> String {
        let line = try #require(output.split(separator: "\n").first { $0.hasPrefix("submitted ") }, "no submission in: \(output)")
        let words = line.split(separator: " ")
        let at = try #require(words.firstIndex(of: "array"))
        return String(words[words.index(after: at)])
    }

    static func json(_ path: String) throws -> [String: Any] { try RunDirectoryTests.json(path + "/run.json") }

    /// Eight configs submitted as one array end as eight completed runs whose metrics.csv (but `seconds`), layers.csv
    /// and final.safetensors are the bytes of a local `sprout run` of the same folder; the last task wrote
    /// summary.csv; rerunning submits nothing, an edited config submits one task. The project's path and an
    /// `--sbatch-arg` carry shell metacharacters: sbatch gets the argument as it is, and nothing else runs.
    @Test func aFolderAsAJobArrayMatchesALocalRun() throws {
        let project = try Project()
        let weights = ["xavier_uniform", "xavier_normal", "he_uniform", "he_normal", "lecun_normal", "normal",
                       "uniform", "orthogonal"]
        for (i, weight) in weights.enumerated() {
            try project.write("run\(i)", Self.xor("run\(i)", seed: i + 1, weight: weight))
        }
        let comment = #"it's "quoted" $(touch pwned-arg) `touch pwned-tick`"#
        try LocalSlurmCluster.with { cluster in
            let submitted = try project.sprout(["run", "configs", "--slurm", "--max-parallel", "4",
                                                "--sbatch-arg=--comment=\(comment)"], cluster)
            #expect(submitted.status == 0, "\(submitted.stderr)")
            #expect(submitted.stdout.contains("submitted 8 runs to Slurm as job array"))
            let job = try Self.jobID(submitted.stdout)
            #expect(cluster.waitUntilQueueEmpty(seconds: 300))
            // sbatch got the argument as one word, unchanged; its throttle is the --max-parallel.
            let task0 = try #require(cluster.jobState("\(job)_0"))
            #expect(task0["JobState"] == "COMPLETED")
            #expect(task0["ArrayTaskThrottle"] == "4")
            let shown = try cluster.command("scontrol", ["show", "job", "\(job)_0"])
            #expect(shown.stdout.contains("Comment=\(comment)"))

            // The last task brought summary.csv up to date: eight completed rows, before any `sprout status`.
            let summary = try MetricsTable(path: project.root.appendingPathComponent("runs/summary.csv").path)
            let status = try #require(summary.header.firstIndex(of: "status"))
            #expect(summary.rows.count == 8)
            #expect(summary.rows.allSatisfy { $0[status] == "completed" })

            let local = try project.sprout(["run", "configs", "--out", "runs-local", "--quiet"], cluster, timeout: 300)
            #expect(local.status == 0, "\(local.stderr)")
            for i in 0..<8 {
                try ResumeTests.expectIdentical(project.run("run\(i)", out: "runs-local"), project.run("run\(i)"))
                let record = try Self.json(project.run("run\(i)"))
                let slurm = try #require(record["slurm"] as? [String: Any])
                #expect(slurm["job_id"] as? String == job)
                #expect(record["status"] as? String == "completed")
            }
            let statusLines = try project.sprout(["status", "configs"], cluster).stdout
            #expect(statusLines.components(separatedBy: "up to date; Slurm job \(job)_").count - 1 == 8)

            let again = try project.sprout(["run", "configs", "--slurm"], cluster)
            #expect(again.status == 0)
            #expect(again.stdout.contains("nothing to submit to Slurm"))
            #expect(try cluster.command("squeue", ["-h"]).stdout.isEmpty)

            try project.write("run3", Self.xor("run3", seed: 4, weight: "he_uniform", lr: 0.25))
            let edited = try project.sprout(["run", "configs", "--slurm"], cluster)
            #expect(edited.stdout.contains("submitted 1 run to Slurm"), "\(edited.stdout)\(edited.stderr)")
            let second = try Self.jobID(edited.stdout)
            #expect(cluster.waitUntilQueueEmpty(seconds: 120))
            let record = try Self.json(project.run("run3"))
            #expect((record["slurm"] as? [String: Any])?["job_id"] as? String == second)
            #expect(record["status"] as? String == "completed")

            // --force submits an up-to-date run, and its task trains it again (the same bytes: training is
            // deterministic), into a new entry.
            let forced = try project.sprout(["run", "configs/run0.yaml", "--slurm", "--force"], cluster)
            let third = try Self.jobID(forced.stdout)
            #expect(cluster.waitUntilQueueEmpty(seconds: 120))
            let retrained = try Self.json(project.run("run0"))
            #expect((retrained["slurm"] as? [String: Any])?["job_id"] as? String == third)
            try ResumeTests.expectIdentical(project.run("run0", out: "runs-local"), project.run("run0"))
        }
        #expect(project.injected.isEmpty, "a shell ran an injected command: \(project.injected)")
    }

    /// A running task cancelled with `sprout cancel` (scancel) stops after its step and is recorded interrupted;
    /// submitting the folder again finishes it from its training state, bit for bit the run trained in one go.
    @Test func aCancelledTaskIsInterruptedAndResubmittingFinishesIt() throws {
        let project = try Project()
        try project.write("long", Self.digits("long", epochs: 30))
        try LocalSlurmCluster.with { cluster in
            let submitted = try project.sprout(["run", "configs", "--slurm"], cluster)
            let first = try Self.jobID(submitted.stdout)
            let metrics = project.run("long") + "/metrics.csv"
            #expect(SproutBinary.waitUntil(seconds: 300) { ((try? MetricsTable(path: metrics))?.rows.count ?? 0) >= 4 })
            let cancelled = try project.sprout(["cancel", "configs"], cluster)
            #expect(cancelled.status == 0, "\(cancelled.stderr)")
            #expect(cancelled.stdout.contains("long: cancelled Slurm job \(first)_0 (it was running"))
            #expect(cluster.waitUntilQueueEmpty(seconds: 120))
            let stopped = try Self.json(project.run("long"))
            #expect(stopped["status"] as? String == "interrupted")
            #expect(stopped["interrupted_by"] as? String == "SIGTERM")
            let epochs = try #require(stopped["epochs_completed"] as? Int)
            #expect(epochs >= 3 && epochs < 30)
            #expect(cluster.jobState("\(first)_0")?["JobState"] == "CANCELLED")
            let status = try project.sprout(["status", "configs"], cluster).stdout
            #expect(status.contains("resumable"), "\(status)")
            #expect(status.contains("Slurm job \(first)_0: stopped by SIGTERM (cancelled)"), "\(status)")

            let again = try project.sprout(["run", "configs", "--slurm"], cluster)
            let second = try Self.jobID(again.stdout)
            #expect(cluster.waitUntilQueueEmpty(seconds: 300))
            let finished = try Self.json(project.run("long"))
            #expect(finished["status"] as? String == "completed")
            #expect((finished["resumes"] as? [Any])?.count == 1)
            #expect((finished["slurm"] as? [String: Any])?["job_id"] as? String == second)

            let local = try project.sprout(["run", "configs", "--out", "runs-local", "--quiet"], cluster, timeout: 300)
            #expect(local.status == 0)
            try ResumeTests.expectIdentical(project.run("long", out: "runs-local"), project.run("long"))
        }
        #expect(project.injected.isEmpty)
    }

    /// A running task requeued (as preemption with requeue does: SIGTERM, then the same task id queued again; Slurm
    /// holds a requeued job about two minutes) stops with its training state saved and, when it runs again, goes on
    /// from it: the run ends bit for bit as one trained in one go, with one resume recorded.
    @Test func aRequeuedTaskGoesOnFromItsTrainingState() throws {
        let project = try Project()
        try project.write("requeued", Self.digits("requeued", epochs: 30))
        try LocalSlurmCluster.with { cluster in
            let submitted = try project.sprout(["run", "configs", "--slurm"], cluster)
            let job = try Self.jobID(submitted.stdout)
            let metrics = project.run("requeued") + "/metrics.csv"
            #expect(SproutBinary.waitUntil(seconds: 300) { ((try? MetricsTable(path: metrics))?.rows.count ?? 0) >= 4 })
            let requeue = try cluster.command("scontrol", ["requeue", "\(job)_0"])
            #expect(requeue.status == 0, "\(requeue.stderr)")
            #expect(cluster.waitUntilQueueEmpty(seconds: 480))
            #expect(cluster.jobState("\(job)_0")?["Restarts"] == "1")
            let record = try Self.json(project.run("requeued"))
            #expect(record["status"] as? String == "completed")
            #expect((record["resumes"] as? [Any])?.count == 1)
            let logs = project.root.appendingPathComponent("runs/.slurm")
            // The one submission folder (`.lock`, the summary writers' lock, is hidden).
            let submission = try #require(try FileManager.default.contentsOfDirectory(atPath: logs.path)
                .first { !$0.hasPrefix(".") })
            let log = try String(contentsOfFile: logs.path + "/\(submission)/logs/\(job)_0.out", encoding: .utf8)
            #expect(log.contains("requeued: interrupted by SIGTERM; its training state is saved"), "\(log)")
            #expect(log.contains("requeued: going on from its training state in "), "\(log)")

            let local = try project.sprout(["run", "configs", "--out", "runs-local", "--quiet"], cluster, timeout: 300)
            #expect(local.status == 0)
            try ResumeTests.expectIdentical(project.run("requeued", out: "runs-local"), project.run("requeued"))
        }
    }

    /// A task past its `--time` is warned by SIGUSR1 `--signal-before` seconds ahead, stops after its step and
    /// records the time limit as the reason; it asked for its `train.threads` CPUs and ran with that many BLAS
    /// threads.
    @Test func aTaskAtItsTimeLimitRecordsTheLimit() throws {
        let project = try Project()
        try project.write("endless", Self.digits("endless", epochs: 100_000, threads: 2))
        try LocalSlurmCluster.with { cluster in
            let submitted = try project.sprout(["run", "configs", "--slurm", "--time", "1", "--signal-before", "45"], cluster)
            let job = try Self.jobID(submitted.stdout)
            let task = try #require(cluster.waitForJob("\(job)_0", in: ["RUNNING"], seconds: 60))
            #expect(task["CPUs/Task"] == "2", "\(task)")
            // Slurm checks its signal times every half minute or so: the warning comes 15 to 45 s after the start.
            #expect(cluster.waitUntilQueueEmpty(seconds: 150))
            let record = try Self.json(project.run("endless"))
            #expect(record["status"] as? String == "interrupted")
            let reason = try #require(record["interrupted_by"] as? String)
            #expect(reason.contains("Slurm's time limit --time 1"), "\(reason)")
            #expect(record["blas_threads"] as? Int == 2)
            let status = try project.sprout(["status", "configs"], cluster).stdout
            #expect(status.contains("Slurm job \(job)_0: stopped by Slurm's time limit --time 1"), "\(status)")
        }
    }

    /// A task killed outright (as the kernel's OOM killer or a failing node would) records nothing; `sprout status`
    /// records the run failed with Slurm's word for the task's end, and the next submission sends only that run.
    @Test func aKilledTaskIsRecordedFailedAndOnlyItIsResubmitted() throws {
        let project = try Project()
        try project.write("quick", Self.xor("quick", seed: 1))
        try project.write("doomed", Self.digits("doomed", epochs: 100_000))
        try LocalSlurmCluster.with { cluster in
            let submitted = try project.sprout(["run", "configs", "--slurm"], cluster)
            let job = try Self.jobID(submitted.stdout)
            let doomed = project.run("doomed")
            // The task's own process, by the pid its run.json names (this cluster's job: never a search of the machine).
            var pid: Int32 = 0
            #expect(SproutBinary.waitUntil(seconds: 120) {
                guard let record = try? Self.json(doomed), record["status"] as? String == "running",
                      let recorded = record["pid"] as? Int else { return false }
                pid = Int32(recorded)
                return ((try? MetricsTable(path: doomed + "/metrics.csv"))?.rows.count ?? 0) >= 2
            })
            try #require(pid > 0)
            #expect(kill(pid, SIGKILL) == 0)
            #expect(cluster.waitUntilQueueEmpty(seconds: 120))
            #expect(try Self.json(project.run("quick"))["status"] as? String == "completed")

            let status = try project.sprout(["status", "configs"], cluster)
            #expect(status.stderr.contains("doomed: recorded as failed: its Slurm task \(job)_"), "\(status.stderr)")
            let record = try Self.json(doomed)
            #expect(record["status"] as? String == "failed")
            let error = try #require(record["error"] as? String)
            #expect(error.contains("ended without recording how the run ended: killed by signal 9"), "\(error)")

            let again = try project.sprout(["run", "configs", "--slurm"], cluster)
            #expect(again.stdout.contains("submitted 1 run to Slurm"), "\(again.stdout)")
            let second = try Self.jobID(again.stdout)
            #expect(try cluster.command("squeue", ["-h", "-r", "-o", "%i"]).stdout
                .split(separator: "\n").map(String.init) == ["\(second)_0"])
            let cancelled = try project.sprout(["cancel", "configs"], cluster)
            #expect(cancelled.stdout.contains("doomed: cancelled Slurm job \(second)_0"))
            #expect(cluster.waitUntilQueueEmpty(seconds: 120))
        }
    }
}
