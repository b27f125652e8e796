import Foundation
import Testing
@testable import SproutRuns

/// `sprout run --slurm`'s options: a flag beats its `SPROUT_SLURM_*` variable, every value is checked, and a refusal
/// names the flag or the variable the value came from. Every call passes its own `environment`, never the process's.
@Suite struct SlurmOptionsTests {
    /// `resolve` with every flag absent unless given.
    static func resolve(partition: String? = nil, time: String? = nil, cpusPerTask: Int? = nil, memory: String? = nil,
                        maxParallel: Int? = nil, signalBefore: Int? = nil, sbatchArguments: [String] = [],
                        environment: [String: String] = [:]) throws -> SlurmOptions {
        try SlurmOptions.resolve(partition: partition, time: time, cpusPerTask: cpusPerTask, memory: memory,
                                 maxParallel: maxParallel, signalBefore: signalBefore, sbatchArguments: sbatchArguments,
                                 environment: environment)
    }

    /// The problem `body` throws, or nil (recorded as a failure) when it throws none.
    static func problem(_ body: () throws -> SlurmOptions) -> String? {
        do {
            let options = try body()
            Issue.record("expected a problem, got \(options)")
            return nil
        } catch let problem as SlurmOptions.Problem {
            return problem.description
        } catch {
            Issue.record("expected SlurmOptions.Problem, got \(error)")
            return nil
        }
    }

    /// Written out by hand: `SPROUT_SLURM_` and the flag in capitals, `-` as `_`.
    @Test func eachFlagHasItsVariable() {
        #expect(SlurmOptions.variable("partition") == "SPROUT_SLURM_PARTITION")
        #expect(SlurmOptions.variable("time") == "SPROUT_SLURM_TIME")
        #expect(SlurmOptions.variable("cpus-per-task") == "SPROUT_SLURM_CPUS_PER_TASK")
        #expect(SlurmOptions.variable("mem") == "SPROUT_SLURM_MEM")
        #expect(SlurmOptions.variable("max-parallel") == "SPROUT_SLURM_MAX_PARALLEL")
        #expect(SlurmOptions.variable("signal-before") == "SPROUT_SLURM_SIGNAL_BEFORE")
    }

    /// Nothing given, nothing in the environment: Slurm's defaults, and the warning 120 s before the limit.
    @Test func nothingGivenIsTheDefaults() throws {
        let options = try Self.resolve(environment: ["PATH": "/usr/bin", "SBATCH_PARTITION": "gpu"])
        #expect(options == SlurmOptions())
        #expect(options.partition == nil && options.time == nil && options.cpusPerTask == nil && options.memory == nil)
        #expect(options.maxParallel == nil && options.signalLead == 120 && options.sbatchArguments.isEmpty)
    }

    /// Every option from its variable when its flag is not given.
    @Test func theVariablesGiveWhatTheFlagsDoNot() throws {
        let options = try Self.resolve(environment: [
            "SPROUT_SLURM_PARTITION": "cpu", "SPROUT_SLURM_TIME": "2:00:00", "SPROUT_SLURM_CPUS_PER_TASK": "4",
            "SPROUT_SLURM_MEM": "8G", "SPROUT_SLURM_MAX_PARALLEL": "3", "SPROUT_SLURM_SIGNAL_BEFORE": "300",
        ])
        #expect(options.partition == "cpu")
        // 2:00:00 = (2 * 60 + 0) * 60 + 0 = 7200 s
        #expect(options.time?.text == "2:00:00" && options.time?.seconds == 7200)
        #expect(options.cpusPerTask == 4 && options.memory == "8G" && options.maxParallel == 3 && options.signalLead == 300)
    }

    /// A flag beats its variable, even a variable that would be refused: it is never read.
    @Test func aFlagBeatsItsVariable() throws {
        let options = try Self.resolve(partition: "gpu", time: "10", cpusPerTask: 2, memory: "500m", maxParallel: 1,
                                       signalBefore: 30, environment: [
                                           "SPROUT_SLURM_PARTITION": "not a partition", "SPROUT_SLURM_TIME": "1h",
                                           "SPROUT_SLURM_CPUS_PER_TASK": "0", "SPROUT_SLURM_MEM": "4GB",
                                           "SPROUT_SLURM_MAX_PARALLEL": "none", "SPROUT_SLURM_SIGNAL_BEFORE": "-1",
                                       ])
        #expect(options.partition == "gpu")
        // 10 minutes = 600 s
        #expect(options.time?.text == "10" && options.time?.seconds == 600)
        #expect(options.cpusPerTask == 2 && options.memory == "500m" && options.maxParallel == 1 && options.signalLead == 30)
    }

    /// Some flags given, the rest from the variables.
    @Test func flagsAndVariablesMix() throws {
        let options = try Self.resolve(partition: "gpu", cpusPerTask: 8,
                                       environment: ["SPROUT_SLURM_PARTITION": "cpu", "SPROUT_SLURM_MEM": "16G",
                                                     "SPROUT_SLURM_CPUS_PER_TASK": "2"])
        #expect(options.partition == "gpu" && options.cpusPerTask == 8 && options.memory == "16G")
    }

    /// An empty variable is one not set (`export SPROUT_SLURM_PARTITION=` in a profile).
    @Test func anEmptyVariableIsNotSet() throws {
        let options = try Self.resolve(environment: ["SPROUT_SLURM_PARTITION": "", "SPROUT_SLURM_TIME": "",
                                                     "SPROUT_SLURM_MEM": "", "SPROUT_SLURM_CPUS_PER_TASK": ""])
        #expect(options == SlurmOptions())
    }

    struct Refusal: Sendable, CustomTestStringConvertible {
        var partition: String? = nil
        var time: String? = nil
        var cpusPerTask: Int? = nil
        var memory: String? = nil
        var maxParallel: Int? = nil
        var signalBefore: Int? = nil
        var environment: [String: String] = [:]
        /// What the message must name, and the refused value it must quote.
        var source: String
        var value: String
        var testDescription: String { "\(source) '\(value)'" }
    }

    static let refusals: [Refusal] = [
        Refusal(partition: "my partition", source: "--partition", value: "my partition"),
        Refusal(environment: ["SPROUT_SLURM_PARTITION": "a\tb"], source: "SPROUT_SLURM_PARTITION", value: "a\tb"),
        Refusal(time: "1h", source: "--time", value: "1h"),
        Refusal(environment: ["SPROUT_SLURM_TIME": "2 hours"], source: "SPROUT_SLURM_TIME", value: "2 hours"),
        Refusal(cpusPerTask: 0, source: "--cpus-per-task", value: "0"),
        Refusal(cpusPerTask: -3, source: "--cpus-per-task", value: "-3"),
        Refusal(environment: ["SPROUT_SLURM_CPUS_PER_TASK": "four"], source: "SPROUT_SLURM_CPUS_PER_TASK", value: "four"),
        Refusal(memory: "4GB", source: "--mem", value: "4GB"),
        Refusal(environment: ["SPROUT_SLURM_MEM": "G"], source: "SPROUT_SLURM_MEM", value: "G"),
        Refusal(maxParallel: 0, source: "--max-parallel", value: "0"),
        Refusal(environment: ["SPROUT_SLURM_MAX_PARALLEL": "0"], source: "SPROUT_SLURM_MAX_PARALLEL", value: "0"),
        Refusal(signalBefore: -1, source: "--signal-before", value: "-1"),
        Refusal(environment: ["SPROUT_SLURM_SIGNAL_BEFORE": "soon"], source: "SPROUT_SLURM_SIGNAL_BEFORE", value: "soon"),
        // Both from flags: the warning 60 s before a limit of 1 minute = 60 s is not before it.
        Refusal(time: "1", signalBefore: 60, source: "--signal-before", value: "60"),
    ]

    @Test(arguments: refusals)
    func aRefusalNamesWhereTheValueCameFrom(_ refusal: Refusal) throws {
        let description = Self.problem {
            try Self.resolve(partition: refusal.partition, time: refusal.time, cpusPerTask: refusal.cpusPerTask,
                             memory: refusal.memory, maxParallel: refusal.maxParallel, signalBefore: refusal.signalBefore,
                             environment: refusal.environment)
        }
        let text = try #require(description)
        #expect(text.contains(refusal.source), "\(text)")
        #expect(text.contains(refusal.value), "\(text)")
    }

    /// The time limit from `SPROUT_SLURM_TIME` (1 minute = 60 s) and the default warning of 120 s: the refusal must
    /// say where the limit came from. The user typed no `--time`; a message that says `--time 1` sends them looking
    /// for a flag that is not on their command line.
    @Test func theLimitFromItsVariableIsNamedAsSuch() throws {
        let text = try #require(Self.problem { try Self.resolve(environment: ["SPROUT_SLURM_TIME": "1"]) })
        #expect(text.contains("SPROUT_SLURM_TIME"), "\(text)")
    }

    /// The warning from `SPROUT_SLURM_SIGNAL_BEFORE` (90 s) against `--time 1` (60 s): the refusal must name the
    /// variable, not a `--signal-before` the user never typed.
    @Test func theWarningFromItsVariableIsNamedAsSuch() throws {
        let text = try #require(Self.problem {
            try Self.resolve(time: "1", environment: ["SPROUT_SLURM_SIGNAL_BEFORE": "90"])
        })
        #expect(text.contains("SPROUT_SLURM_SIGNAL_BEFORE"), "\(text)")
    }

    /// sbatch's `--mem`: digits, with or without one K, M, G or T (either case); nothing else.
    @Test(arguments: ["4G", "500", "500m", "16384M", "1T", "512K", "4g", "2t", "0"])
    func memoryInSbatchsFormIsKept(_ text: String) throws {
        #expect(try Self.resolve(memory: text).memory == text)
        #expect(try Self.resolve(environment: ["SPROUT_SLURM_MEM": text]).memory == text)
    }

    @Test(arguments: ["4GB", "G", "-1", "", "4.5G", " 4G", "4G ", "4 G", "4GG", "٤G", "１G", "+4G", "4P", "0x10"])
    func memoryInOtherFormsIsRefused(_ text: String) throws {
        let description = try #require(Self.problem { try Self.resolve(memory: text) })
        #expect(description.contains("--mem") && description.contains("'\(text)'"), "\(description)")
    }

    /// The warning must come before the limit; 0 (no warning) goes with any limit, and no limit takes any warning.
    @Test func theWarningComesBeforeTheLimit() throws {
        // 1 minute = 60 s: a warning at 60 s before it is at the start; 59 s is one second after the start.
        #expect(Self.problem { try Self.resolve(time: "1", signalBefore: 60) } != nil)
        #expect(try Self.resolve(time: "1", signalBefore: 59).signalLead == 59)
        #expect(Self.problem { try Self.resolve(time: "1", signalBefore: 61) } != nil)
        // 2 minutes = 120 s against the default 120 s: refused; 2:01 = 2 * 60 + 1 = 121 s: allowed.
        #expect(Self.problem { try Self.resolve(time: "2") } != nil)
        #expect(try Self.resolve(time: "2:01").signalLead == 120)
        // 1-0 = 24 * 3600 = 86400 s: 86399 s before it is allowed.
        #expect(try Self.resolve(time: "1-0", signalBefore: 86_399).signalLead == 86_399)
        // No limit: any warning.
        #expect(try Self.resolve(time: "UNLIMITED", signalBefore: 1_000_000).signalLead == 1_000_000)
    }

    /// `--signal-before 0`: no warning, whatever the limit, even one second.
    @Test(arguments: ["0:01", "1", "1-0", "INFINITE"])
    func noWarningGoesWithAnyLimit(_ time: String) throws {
        let options = try Self.resolve(time: time, signalBefore: 0)
        #expect(options.signalLead == 0 && options.time?.text == time)
        let fromVariable = try Self.resolve(environment: ["SPROUT_SLURM_TIME": time, "SPROUT_SLURM_SIGNAL_BEFORE": "0"])
        #expect(fromVariable.signalLead == 0)
    }

    /// `--time 0`, which sbatch documents as "no time limit" (`man sbatch`), with the default warning: nothing to
    /// place a warning before, so nothing to refuse.
    @Test func aZeroLimitTakesTheDefaultWarning() throws {
        let options = try Self.resolve(time: "0")
        #expect(options.time?.text == "0" && options.signalLead == 120)
    }

    /// `--max-parallel`: at least 1.
    @Test func maxParallelIsAtLeastOne() throws {
        #expect(Self.problem { try Self.resolve(maxParallel: 0) } != nil)
        #expect(try Self.resolve(maxParallel: 1).maxParallel == 1)
        #expect(try Self.resolve(environment: ["SPROUT_SLURM_MAX_PARALLEL": "16"]).maxParallel == 16)
    }

    /// `--sbatch-arg`s are kept as given, in order, each one argument (quotes and spaces included).
    @Test func sbatchArgumentsPassThrough() throws {
        let given = ["--account=ml", "--qos=high", "--comment=a b 'c' \"d\" $(e)", "--exclusive"]
        #expect(try Self.resolve(sbatchArguments: given).sbatchArguments == given)
    }

    /// The arguments that would undo a task's mapping to its run (the array's range, the job's folder, its output
    /// files, a command instead of the job script) are refused, naming the argument; look-alikes pass.
    @Test(arguments: ["--array=0-3", "--array", "-a0-3", "--output=x.out", "-ox.out", "--error=e", "-e", "--chdir=/tmp",
                      "-D/tmp", "--wrap=hostname", "--wrap"])
    func argumentsSproutSetsAreRefused(_ argument: String) throws {
        #expect(throws: SlurmOptions.Problem.self) { try Self.resolve(sbatchArguments: ["--qos=x", argument]) }
        do { _ = try Self.resolve(sbatchArguments: [argument]) } catch {
            #expect("\(error)".hasPrefix("--sbatch-arg \(argument): Sprout sets sbatch's --array"))
        }
    }

    @Test(arguments: ["--arrayx", "--exclusive", "--export=ALL", "--open-mode=truncate", "--account=a", "-A", "-p", "-O"])
    func lookAlikesPass(_ argument: String) throws {
        #expect(try Self.resolve(sbatchArguments: [argument]).sbatchArguments == [argument])
    }
}
