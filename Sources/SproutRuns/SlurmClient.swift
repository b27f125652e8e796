import Foundation

/// Slurm's client commands, run as programs (sbatch, scontrol, scancel from PATH, with this process's environment:
/// `SLURM_CONF` and the `SBATCH_*` variables reach them), each failure one sentence with Slurm's own words.
package struct SlurmClient: Sendable {
    package init() {}

    /// A Slurm command that could not be run, or that refused.
    package struct Failure: Error, CustomStringConvertible {
        package var description: String
    }

    /// Submits the script in `folder` with `arguments` (sbatch's, `--parsable` among them), started in `folder` so
    /// that it is the job's working directory; the job id.
    package func submit(_ arguments: [String], in folder: String) throws -> String {
        let sbatch = try program("sbatch")
        // sbatch inherits this process's folder: changed around the spawn (the submitting command does nothing else
        // meanwhile), never through a shell, and without `env -C`, which older coreutils lack.
        let here = FileManager.default.currentDirectoryPath
        guard FileManager.default.changeCurrentDirectoryPath(folder) else {
            throw Failure(description: "cannot change to \(folder) to submit from there: \(String(cString: strerror(errno)))")
        }
        let answer = ProgramOutput.run(sbatch, arguments, errors: true)
        guard FileManager.default.changeCurrentDirectoryPath(here) else {
            throw Failure(description: "cannot change back to \(here) after submitting: \(String(cString: strerror(errno)))")
        }
        guard let answer else { throw Failure(description: "cannot start sbatch (\(sbatch))") }
        let lines = answer.output.split(whereSeparator: \.isNewline).map(String.init)
        // `--parsable` prints `<job id>` or `<job id>;<cluster>`; warnings may come before it.
        if answer.status == 0, let last = lines.last,
           let id = last.split(separator: ";").first.map(String.init), !id.isEmpty, id.allSatisfy(\.isNumber) {
            return id
        }
        throw Failure(description: "sbatch refused the job array: " + Self.words(answer.output, status: answer.status))
    }

    /// `scontrol -o show job <jobID>`'s lines; nil when Slurm does not know the job (any more).
    package func show(job jobID: String) throws -> String? {
        let scontrol = try program("scontrol")
        guard let answer = ProgramOutput.run(scontrol, ["-o", "show", "job", jobID], errors: true) else {
            throw Failure(description: "cannot start scontrol (\(scontrol))")
        }
        if answer.status == 0 { return answer.output }
        if answer.output.contains("Invalid job id") { return nil }
        throw Failure(description: "cannot ask Slurm about job \(jobID): " + Self.words(answer.output, status: answer.status))
    }

    /// Each task's state in the array `jobID` (all `forgotten` when Slurm no longer knows the job), and how often
    /// each started task was requeued.
    package func tasks(of jobID: String, count: Int) throws -> (states: [Int: SlurmTaskState], restarts: [Int: Int]) {
        guard let output = try show(job: jobID) else {
            return (Dictionary(uniqueKeysWithValues: (0..<count).map { ($0, SlurmTaskState.forgotten) }), [:])
        }
        return (SlurmQueue.tasks(in: output, jobID: jobID), SlurmQueue.restarts(in: output, jobID: jobID))
    }

    /// `scancel` of the tasks `ids` (`12_3`).
    package func cancel(_ ids: [String]) throws {
        guard !ids.isEmpty else { return }
        let scancel = try program("scancel")
        guard let answer = ProgramOutput.run(scancel, ids, errors: true) else {
            throw Failure(description: "cannot start scancel (\(scancel))")
        }
        guard answer.status == 0 else {
            throw Failure(description: "scancel refused: " + Self.words(answer.output, status: answer.status))
        }
    }

    /// The command's path on PATH.
    private func program(_ name: String) throws -> String {
        guard let path = GitState.executable(name) else {
            throw Failure(description: "\(name) is not installed here (not found on PATH); Sprout's Slurm commands need "
                          + "Slurm's client commands (Debian: slurm-client) and a slurm.conf for the cluster")
        }
        return path
    }

    /// A program's message as one line: its lines joined, `sbatch: error: ` prefixes kept (they say who spoke).
    private static func words(_ output: String, status: Int32) -> String {
        let text = output.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: "; ")
        return text.isEmpty ? "exit status \(status)" : text
    }
}
