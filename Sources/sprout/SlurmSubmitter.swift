import ArgumentParser
import Foundation
import SproutRuns

/// The files of a submission written, and the array submitted: `prepare` writes `<out>/.slurm/<id>/` (each run's
/// order, the job script, submission.json) or, for `--dry-run`, prints what it would hold; `send` runs sbatch.
/// A submission that fails on the way is removed whole: no folder is left that `sprout status` would follow.
struct SlurmSubmitter {
    var runs: [PlannedRun]
    var submission: SlurmSubmission
    var script: SlurmJobScript
    var arguments: [String]

    init(runs: [PlannedRun], out: String, options: SlurmOptions, cpus: Int, fromScratch: Bool) throws {
        self.runs = runs
        let created = Date()
        submission = SlurmSubmission(id: SlurmSubmission.newID(at: created), created: created,
                                     workingDirectory: FileManager.default.currentDirectoryPath,
                                     out: ConfigPaths.absolute(out), fromScratch: fromScratch,
                                     tasks: runs.map { SlurmSubmission.Task(name: $0.name, config: $0.config,
                                                                            directory: $0.directory,
                                                                            digest: $0.fingerprint?.digest ?? "") })
        submission.timeLimit = options.time?.text
        submission.signalLead = options.signalLead
        let binary: String
        if let given = ProcessInfo.processInfo.environment["SPROUT_SLURM_BINARY"], !given.isEmpty {
            binary = given
        } else {
            do { binary = try BatchRunner.ownExecutable() } catch {
                DiagnosticOutput.printError("error: \(error)")
                throw ExitCode(1)
            }
        }
        script = SlurmJobScript(binary: binary, folder: submission.folder)
        arguments = SlurmJobScript.sbatchArguments(tasks: runs.count, cpus: cpus, options: options)
    }

    /// The submission's files written (or, `dryRun`, printed); the submission.
    func prepare(dryRun: Bool) throws -> SlurmSubmission {
        if dryRun {
            printPlan()
            return submission
        }
        do {
            for folder in ["orders", "logs"] {
                let path = submission.path(folder)
                do { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) } catch {
                    throw RunError.cannotCreate(path: path, reason: RunError.reason(error))
                }
            }
            for (index, run) in runs.enumerated() {
                guard let fingerprint = run.fingerprint else { continue }
                let order: Data
                do { order = try WorkerOrder(run, fingerprint: fingerprint).json() } catch {
                    throw RunError.cannotWrite(path: submission.orderPath(index), reason: "\(error)")
                }
                try AtomicFile.write(order, to: submission.orderPath(index))
            }
            let job = submission.path("job.sh")
            try AtomicFile.write(script.text, to: job)
            guard chmod(job, 0o755) == 0 else {
                throw RunError.cannotWrite(path: job, reason: String(cString: strerror(errno)))
            }
            try submission.write()
        } catch {
            remove()
            DiagnosticOutput.printError("error: nothing submitted: \(error)")
            throw ExitCode(1)
        }
        return submission
    }

    /// Submits the prepared submission with the arguments `--dry-run` shows; the array's job id, recorded in its
    /// `job_id` file.
    func send() throws -> String {
        let jobID: String
        do { jobID = try SlurmClient().submit(arguments, in: submission.folder) } catch {
            try? FileManager.default.removeItem(atPath: submission.folder)
            DiagnosticOutput.printError("error: nothing submitted: \(error)")
            throw ExitCode(1)
        }
        do { try submission.recordJobID(jobID) } catch {
            DiagnosticOutput.printError("warning: Slurm job \(jobID) was submitted, but its id could not be recorded, so "
                                        + "`sprout status` cannot follow it: \(error)")
        }
        return jobID
    }

    /// `--dry-run`'s answer: the sbatch command (in the folder it runs in), the job script, the tasks.
    private func printPlan() {
        var text = "would submit \(DiagnosticOutput.count(runs.count, "run")) to Slurm as one job array:\n"
        text += "  cd \(SlurmJobScript.shellQuoted(submission.folder)) && sbatch "
            + arguments.map(SlurmJobScript.shellQuoted).joined(separator: " ") + "\n"
        text += "job.sh (in a new folder below \(ConfigPaths.display(SlurmSubmission.root(out: submission.out)))):\n"
            + script.text.split(separator: "\n").map { "  " + $0 + "\n" }.joined()
        for (index, run) in runs.enumerated() {
            text += "task \(index): \(run.name) (\(run.config)), \(max(1, run.spec.train.threads)) thread"
                + (run.spec.train.threads > 1 ? "s" : "") + "\n"
        }
        StandardStreams.out(text)
    }

    private func remove() { try? FileManager.default.removeItem(atPath: submission.folder) }
}
