import Foundation
import Testing

/// `sprout run --slurm`'s command line without a cluster: `--dry-run` shows the sbatch command, the job script and
/// the tasks and leaves nothing behind; options are checked before anything is submitted; a machine without sbatch
/// gets one sentence and no submission folder.
@Suite struct SlurmSubmitCommandTests {
    static func config(_ name: String, threads: Int) -> String {
        """
        name: \(name)
        data: {source: xor, samples: 32}
        model:
          layers:
            - {name: hidden, type: dense, units: 4}
            - tanh
            - {name: out, type: dense, units: 2}
        train: {loss: cross_entropy, epochs: 2, batch_size: 16, optimizer: adam, threads: \(threads)}

        """
    }

    /// Two configs, one with two threads, in `<scratch>/my runs/configs`.
    static func project() throws -> (scratch: TemporaryDirectory, root: URL) {
        let scratch = try TemporaryDirectory()
        try scratch.write("my runs/configs/one.yaml", config("one", threads: 1))
        try scratch.write("my runs/configs/two.yaml", config("two", threads: 2))
        return (scratch, scratch.url.appendingPathComponent("my runs"))
    }

    @Test func dryRunPrintsTheCommandTheScriptAndTheTasksAndWritesNothing() throws {
        let (scratch, root) = try Self.project()
        let result = try SproutBinary.run(["run", "configs", "--slurm", "--dry-run", "--max-parallel", "3", "--time", "0:30:00",
                                           "--sbatch-arg", "--comment=it's", "--partition", "gpu"], in: root)
        #expect(result.status == 0, "\(result.stderr)")
        let out = result.stdout
        #expect(out.contains("would submit 2 runs to Slurm as one job array"))
        // The largest train.threads of the runs, the throttle, the options, the user's argument quoted for a shell.
        for word in ["'--cpus-per-task=2'", "'--array=0-1%3'", "'--time=0:30:00'", "'--partition=gpu'",
                     #"'--comment=it'\''s'"#, "'--signal=B:USR1@120'", "'job.sh'"] {
            #expect(out.contains(word), "\(word) missing from:\n\(out)")
        }
        // The script's one command: the binary, then the submission's folder below runs/.slurm, each quoted.
        #expect(out.contains("sprout' slurm-task '\(root.path)/runs/.slurm/"), "\(out)")
        #expect(out.contains("task 0: one (configs/one.yaml), 1 thread"))
        #expect(out.contains("task 1: two (configs/two.yaml), 2 threads"))
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("runs").path))
        _ = scratch
    }

    @Test func slurmOptionsAreCheckedBeforeAnythingIsSubmitted() throws {
        let (scratch, root) = try Self.project()
        let cases: [(arguments: [String], environment: [String: String], message: String)] = [
            (["--partition", "x"], [:], "--partition is a Slurm option: it needs --slurm"),
            (["--slurm", "--time", "1h"], [:], "--time: '1h' is not a time limit"),
            (["--slurm"], ["SPROUT_SLURM_TIME": "soon"], "SPROUT_SLURM_TIME: 'soon' is not a time limit"),
            (["--slurm", "--time", "2", "--signal-before", "120"], [:], "--signal-before 120 s is not before the time limit of 120 s"),
            (["--slurm", "--mem", "4GB"], [:], "--mem: '4GB' is not an amount of memory"),
            (["--slurm", "--max-parallel", "0"], [:], "--max-parallel: '0' is not a whole number of at least 1"),
            (["--slurm", "--cpus-per-task", "1", "--dry-run"], [:], "--cpus-per-task 1 is fewer than the 2 train.threads of two"),
            (["--slurm", "-j", "2"], [:], "--jobs has no effect with --slurm"),
            (["--slurm", "--sbatch-arg=--array=0-9"], [:], "--sbatch-arg --array=0-9: Sprout sets sbatch's --array"),
        ]
        for (arguments, environment, message) in cases {
            let result = try SproutBinary.run(["run", "configs"] + arguments, in: root, environment: environment)
            #expect(result.status == 64, "\(arguments): \(result.status) \(result.stderr)")
            #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("runs/.slurm").path))
        }
        _ = scratch
    }

    /// The flag beats its variable; a variable fills in a flag not given.
    @Test func variablesGiveDefaultsAndFlagsWin() throws {
        let (scratch, root) = try Self.project()
        let environment = ["SPROUT_SLURM_PARTITION": "batch", "SPROUT_SLURM_MAX_PARALLEL": "5", "SPROUT_SLURM_MEM": "2G"]
        let result = try SproutBinary.run(["run", "configs", "--slurm", "--dry-run", "--max-parallel", "2"], in: root,
                                          environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        for word in ["'--partition=batch'", "'--array=0-1%2'", "'--mem=2G'"] { #expect(result.stdout.contains(word), "\(word)") }
        _ = scratch
    }

    /// Without Slurm's commands: one sentence, exit 1, and no submission folder left.
    @Test func withoutSbatchNothingIsLeftBehind() throws {
        let (scratch, root) = try Self.project()
        let empty = scratch.url.appendingPathComponent("empty-path").path
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        let result = try SproutBinary.run(["run", "configs", "--slurm"], in: root, environment: ["PATH": empty])
        #expect(result.status == 1)
        #expect(result.stderr.contains("error: nothing submitted: sbatch is not installed here (not found on PATH)"), "\(result.stderr)")
        let submissions = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("runs/.slurm").path)) ?? []
        #expect(submissions.isEmpty, "\(submissions)")
    }

    /// A dry run of a folder with an invalid config reports it and exits 1, as a real submission would.
    @Test func aDryRunWithAnInvalidConfigExitsOne() throws {
        let (scratch, root) = try Self.project()
        try scratch.write("my runs/configs/bad.yaml", "name: bad\nmodel: {layers: [{type: dence}]}\n")
        let result = try SproutBinary.run(["run", "configs", "--slurm", "--dry-run"], in: root)
        #expect(result.status == 1)
        #expect(result.stdout.contains("would submit 2 runs"))
        #expect(result.stderr.contains("bad.yaml"))
    }

    /// A submission whose Slurm cannot be asked (no scontrol here): `sprout status` warns and shows the records,
    /// `sprout cancel` cancels nothing and says so with exit 1, never "nothing to cancel".
    @Test func withoutScontrolCancelRefusesToGuess() throws {
        let (scratch, root) = try Self.project()
        let folder = "my runs/runs/.slurm/20261204-000000-abcdef"
        try scratch.write(folder + "/submission.json", """
            {"created": "2026-12-04T00:00:00.000Z", "from_scratch": false, "id": "20261204-000000-abcdef",
             "out": "\(root.path)/runs", "signal_lead": 120, "tasks": [{"config": "configs/one.yaml", "digest": "",
             "directory": "runs/one", "name": "one"}], "working_directory": "\(root.path)"}
            """)
        try scratch.write(folder + "/job_id", "77\n")
        let empty = scratch.url.appendingPathComponent("empty-path").path
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        let status = try SproutBinary.run(["status", "configs"], in: root, environment: ["PATH": empty])
        #expect(status.status == 0)
        #expect(status.stderr.contains("warning: scontrol is not installed here"), "\(status.stderr)")
        #expect(status.stdout.contains("one  never run; Slurm job 77_0: unknown (Slurm could not be asked)"), "\(status.stdout)")
        let cancel = try SproutBinary.run(["cancel", "configs"], in: root, environment: ["PATH": empty])
        #expect(cancel.status == 1)
        #expect(cancel.stderr.contains("error: nothing cancelled: Slurm could not be asked"), "\(cancel.stderr)")
    }
}
