import Foundation

/// What `sprout run --slurm` asks Slurm for, from its flags or, for a flag not given, from the environment variable
/// of the same name (`--time` -> `SPROUT_SLURM_TIME`): a group puts its partition and limits in a shell profile or a
/// module file once, and every submission uses them; the flag beats the variable. Anything else sbatch knows goes
/// through `--sbatch-arg` (or sbatch's own `SBATCH_*` variables, which sbatch reads itself: `SBATCH_ACCOUNT`,
/// `SBATCH_QOS`). Every value is checked here, so a mistake is reported before anything is submitted.
package struct SlurmOptions: Sendable, Equatable {
    package var partition: String?
    package var time: SlurmTimeLimit?
    /// Nil: the largest `train.threads` of the runs submitted (`SlurmJobScript`).
    package var cpusPerTask: Int?
    /// sbatch's `--mem`: a number with an optional K, M, G or T suffix (megabytes without).
    package var memory: String?
    /// How many of the array's tasks run at once (`--array=0-N%max`); nil: as many as Slurm allows.
    package var maxParallel: Int?
    /// Seconds before the time limit at which Slurm sends the task SIGUSR1 (`--signal=B:USR1@S`), which stops the run
    /// after its current step with its training state saved and records the time limit as the reason. 120 by
    /// default: a step of a large run plus writing its checkpoints fits comfortably, and two minutes of a
    /// multi-hour allocation are little to give up. 0: no warning (Slurm's SIGTERM at the limit still stops the run).
    package var signalLead: Int = 120
    /// Passed to sbatch as they are, each one argument (never through a shell), after Sprout's own options, so they
    /// win where they overlap.
    package var sbatchArguments: [String] = []

    package init() {}

    /// A value that cannot be used, with the flag or variable it came from.
    package struct Problem: Error, CustomStringConvertible {
        package var description: String
    }

    /// The environment variable that gives a flag's default: `--cpus-per-task` -> `SPROUT_SLURM_CPUS_PER_TASK`.
    package static func variable(_ flag: String) -> String {
        "SPROUT_SLURM_" + flag.uppercased().replacingOccurrences(of: "-", with: "_")
    }

    /// The options from the flags given (nil: not given), each missing one from its variable in `environment`.
    package static func resolve(partition: String?, time: String?, cpusPerTask: Int?, memory: String?,
                                maxParallel: Int?, signalBefore: Int?, sbatchArguments: [String],
                                environment: [String: String] = ProcessInfo.processInfo.environment) throws -> SlurmOptions {
        func given(_ flag: String, _ value: String?) -> (value: String, source: String)? {
            if let value { return (value, "--\(flag)") }
            if let value = environment[variable(flag)], !value.isEmpty { return (value, variable(flag)) }
            return nil
        }
        func count(_ flag: String, _ value: Int?, least: Int) throws -> Int? {
            guard let (text, source) = given(flag, value.map(String.init)) else { return nil }
            guard let n = Int(text), n >= least else {
                throw Problem(description: "\(source): '\(text)' is not a whole number of at least \(least)")
            }
            return n
        }
        var options = SlurmOptions()
        if let (text, source) = given("partition", partition) {
            guard !text.contains(where: { $0.isWhitespace }) else {
                throw Problem(description: "\(source): '\(text)' is not a partition name (it has a space in it)")
            }
            options.partition = text
        }
        var timeSource = "--time"
        if let (text, source) = given("time", time) {
            guard let limit = SlurmTimeLimit(text) else {
                throw Problem(description: "\(source): '\(text)' is not a time limit; use \(SlurmTimeLimit.forms)")
            }
            options.time = limit
            timeSource = source
        }
        options.cpusPerTask = try count("cpus-per-task", cpusPerTask, least: 1)
        if let (text, source) = given("mem", memory) {
            let digits = text.last.map { "KMGTkmgt".contains($0) } == true ? text.dropLast() : Substring(text)
            guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                throw Problem(description: "\(source): '\(text)' is not an amount of memory; use a number of megabytes, "
                              + "or one with K, M, G or T (sbatch's --mem: 4G)")
            }
            options.memory = text
        }
        options.maxParallel = try count("max-parallel", maxParallel, least: 1)
        options.signalLead = try count("signal-before", signalBefore, least: 0) ?? options.signalLead
        if let limit = options.time?.seconds, options.signalLead >= limit, options.signalLead > 0 {
            let warning = given("signal-before", signalBefore.map(String.init)).map { "\($0.source) \(options.signalLead) s" }
                ?? "the default warning of \(options.signalLead) s (--signal-before)"
            throw Problem(description: "\(warning) is not before the time limit of \(limit) s (\(timeSource) "
                          + "\(options.time?.text ?? "")); give a shorter warning or a longer limit")
        }
        if let taken = sbatchArguments.first(where: Self.setBySprout) {
            throw Problem(description: "--sbatch-arg \(taken): Sprout sets sbatch's --array, --output, --error, --chdir "
                          + "and --wrap itself (a task per run, run in the submission's folder, its log there)")
        }
        options.sbatchArguments = sbatchArguments
        return options
    }

    /// Whether an sbatch argument would undo how Sprout maps tasks to runs: the array's range, the job's folder and
    /// output files, a command instead of the job script.
    static func setBySprout(_ argument: String) -> Bool {
        let long = ["--array", "--output", "--error", "--chdir", "--wrap"]
        let short = ["-a", "-o", "-e", "-D"]
        return long.contains { argument == $0 || argument.hasPrefix($0 + "=") } || short.contains { argument.hasPrefix($0) }
    }
}
