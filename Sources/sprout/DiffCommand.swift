import ArgumentParser
import Foundation
import SproutConfig
import SproutRuns

/// `sprout diff RUN_A RUN_B`, `sprout diff CONFIG --previous`: two runs side by side (docs/runs.md, "Comparing runs").
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two runs: the config keys and inputs that differ, the final metrics, and the per-epoch curves.",
        discussion: "RUN_A and RUN_B are run directories (a run's path such as runs/xor, or an entry of the store, "
            + "runs/.store/xor/<id>). With --previous, one argument, a config with one run or a run directory: its run "
            + "now (B) against the run before it in the store (A). --format csv prints only the per-epoch table, one "
            + "row per epoch either run logged, columns <metric>_a and <metric>_b."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, csv }

    @Argument(help: "Two run directories; with --previous, one config or run directory.")
    var runs: [String]

    @Flag(help: "Compare the run with the one before it in the store.")
    var previous = false

    @Option(help: "text (to read) or csv (the per-epoch table, for scripts and plots).")
    var format = Format.text

    @Option(help: "Where the runs are, for a config given with --previous (default: runs/ beside configs/).")
    var out: String?

    mutating func validate() throws {
        if previous && runs.count != 1 { throw ValidationError("--previous takes one config or run directory") }
        if !previous && runs.count != 2 { throw ValidationError("give two run directories, or one with --previous") }
    }

    func run() throws {
        do {
            let (a, b) = try directories()
            let comparison = RunComparison(try StoredRun.read(a), try StoredRun.read(b))
            switch format {
            case .csv: StandardStreams.out(comparison.csv())
            case .text: StandardStreams.out(comparison.text(nameA: Self.shown(a), nameB: Self.shown(b)))
            }
        } catch let error as DiffError {
            DiagnosticOutput.printError("error: \(error.message)")
            throw ExitCode(1)
        } catch {
            DiagnosticOutput.printError("error: \(error)")
            throw ExitCode(1)
        }
    }

    struct DiffError: Error { var message: String }

    /// (A, B): the two given, or the previous run and the run now.
    private func directories() throws -> (String, String) {
        guard previous else { return (runs[0], runs[1]) }
        let given = runs[0]
        let directory = Self.isConfig(given) ? try runDirectory(ofConfig: given) : given
        let now = try StoredRun.read(directory)
        guard let before = now.previousInStore else {
            throw DiffError(message: "\(directory) is the oldest run the store keeps of it (or not in the store); give "
                            + "two run directories to compare it with another (`sprout history` lists them)")
        }
        return (before, directory)
    }

    /// The run path of a config that makes one run.
    private func runDirectory(ofConfig config: String) throws -> String {
        let folder = out ?? ConfigPaths.defaultOut(for: [config])
        let plan = BatchPlan.make(ConfigPaths.expand([config], out: folder).files, out: folder)
        if let invalid = plan.loaded.first(where: \.hasErrors) {
            DiagnosticOutput.print(invalid.diagnostics.filter { $0.severity == .error }, source: invalid.source, file: invalid.path)
            throw DiffError(message: "\(config) has errors; `sprout validate \(config)` shows them")
        }
        guard plan.runs.count == 1, let run = plan.runs.first else {
            let names = plan.runs.prefix(3).map(\.directory).joined(separator: ", ")
            throw DiffError(message: "\(config) makes \(plan.runs.count) runs; give one of its run directories "
                            + "(\(names)\(plan.runs.count > 3 ? ", ..." : "")) with --previous")
        }
        return run.directory
    }

    static func isConfig(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return (path.hasSuffix(".yaml") || path.hasSuffix(".yml"))
            && FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
    }

    /// A run directory as the report names it: as given, with the store entry a link points at.
    static func shown(_ path: String) -> String {
        let display = ConfigPaths.display(ConfigPaths.absolute(path))
        guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: path) else { return display }
        return "\(display) -> \(target)"
    }
}
