/// The job script of a submission and the sbatch command line that submits it as an array.
///
/// Paths and names come from the user (a configs folder named `my runs` or `$(touch pwned)`, an `--sbatch-arg` with
/// a quote), so nothing they control is ever read by a shell or by Slurm's own parsers: the script holds two paths,
/// each in single quotes (`shellQuoted`), and every option goes to sbatch as an argument of its own, never as an
/// `#SBATCH` line (sbatch tokenizes those itself). Output file patterns (`%A_%a`) are relative to the job's working
/// directory, the submission's folder (sbatch is started there), so a `%` in the user's path is never expanded.
package struct SlurmJobScript: Sendable {
    /// The `sprout` binary every node runs: this one's path (the shared file system, or the same install everywhere).
    package var binary: String
    /// The submission's folder, absolute.
    package var folder: String

    package init(binary: String, folder: String) {
        self.binary = binary
        self.folder = folder
    }

    /// The script: `exec`, so that Slurm's signals reach Sprout itself, not a shell that would hold them until the
    /// run ends.
    package var text: String {
        """
        #!/bin/sh
        # A Sprout job array (sprout run --slurm): task N trains the run of orders/N.json beside this script.
        # Sprout replaces the shell (exec), so Slurm's signals reach it: SIGUSR1 before the time limit, SIGTERM when the
        # task is cancelled or preempted; each stops the run after its current step, its training state saved.
        exec \(Self.shellQuoted(binary)) slurm-task \(Self.shellQuoted(folder))

        """
    }

    /// `text` as one POSIX shell word: in single quotes, each `'` written `'\''`. Inside single quotes a shell
    /// expands nothing (`$`, backquotes, `\`, newlines are plain characters).
    package static func shellQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }

    /// sbatch's arguments for an array of `tasks` tasks with `cpus` CPUs each; the script path last.
    package static func sbatchArguments(tasks: Int, cpus: Int, options: SlurmOptions, script: String = "job.sh") -> [String] {
        var arguments = ["--parsable", "--job-name=sprout",
                         "--array=0-\(max(0, tasks - 1))" + (options.maxParallel.map { "%\($0)" } ?? ""),
                         "--cpus-per-task=\(cpus)",
                         "--output=logs/%A_%a.out", "--open-mode=append"]
        if options.signalLead > 0 { arguments.append("--signal=B:USR1@\(options.signalLead)") }
        if let partition = options.partition { arguments.append("--partition=\(partition)") }
        if let time = options.time { arguments.append("--time=\(time.text)") }
        if let memory = options.memory { arguments.append("--mem=\(memory)") }
        return arguments + options.sbatchArguments + [script]
    }
}
