import ArgumentParser
import Foundation
import SproutRuns

/// `sprout run`'s Slurm options: `--slurm` submits the runs to train as one job array instead of training them here
/// (docs/cluster.md). A value not given comes from its `SPROUT_SLURM_*` variable (`SlurmOptions`).
struct SlurmArguments: ParsableArguments {
    @Flag(help: ArgumentHelp("Submit the runs that need training as one Slurm job array (sbatch), a task per run, and "
                             + "return at once; `sprout status` follows them (docs/cluster.md)."))
    var slurm = false

    @Option(help: ArgumentHelp("The Slurm partition (default: $SPROUT_SLURM_PARTITION, else the cluster's default).",
                               valueName: "name"))
    var partition: String?

    @Option(help: ArgumentHelp("Each task's time limit in sbatch's syntax: minutes, h:m:s, d-h... "
                               + "(default: $SPROUT_SLURM_TIME, else the partition's).", valueName: "limit"))
    var time: String?

    @Option(help: ArgumentHelp("CPUs per task (default: $SPROUT_SLURM_CPUS_PER_TASK, else the largest train.threads "
                               + "of the runs submitted).", valueName: "n"))
    var cpusPerTask: Int?

    @Option(help: ArgumentHelp("Memory per task, sbatch's --mem: 4G, 500M (default: $SPROUT_SLURM_MEM).", valueName: "size"))
    var mem: String?

    @Option(help: ArgumentHelp("At most this many tasks at once, the array's %N throttle (default: $SPROUT_SLURM_MAX_PARALLEL).",
                               valueName: "n"))
    var maxParallel: Int?

    @Option(help: ArgumentHelp("Seconds before the time limit at which a task is told to stop and save its state "
                               + "(SIGUSR1; default: $SPROUT_SLURM_SIGNAL_BEFORE, else 120; 0: none).", valueName: "seconds"))
    var signalBefore: Int?

    @Option(parsing: .unconditionalSingleValue,
            help: ArgumentHelp("One more argument for sbatch, as it is (repeat for more): --sbatch-arg=--account=lab.",
                               valueName: "arg"))
    var sbatchArg: [String] = []

    @Flag(help: "With --slurm: print the sbatch command, the job script and the tasks, and submit nothing.")
    var dryRun = false

    /// Whether a Slurm option was given without `--slurm`.
    var givenWithoutSlurm: String? {
        guard !slurm else { return nil }
        let given: [(String, Bool)] = [("--partition", partition != nil), ("--time", time != nil),
                                       ("--cpus-per-task", cpusPerTask != nil), ("--mem", mem != nil),
                                       ("--max-parallel", maxParallel != nil), ("--signal-before", signalBefore != nil),
                                       ("--sbatch-arg", !sbatchArg.isEmpty), ("--dry-run", dryRun)]
        return given.first { $0.1 }?.0
    }

    /// The options, each from its flag or its variable; a bad value is a usage error (exit 64).
    func options() throws -> SlurmOptions {
        do {
            return try SlurmOptions.resolve(partition: partition, time: time, cpusPerTask: cpusPerTask, memory: mem,
                                            maxParallel: maxParallel, signalBefore: signalBefore, sbatchArguments: sbatchArg)
        } catch {
            throw ValidationError("\(error)")
        }
    }
}
