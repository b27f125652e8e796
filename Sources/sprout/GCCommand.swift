import ArgumentParser
import Foundation
import SproutRuns

/// `sprout gc --keep N`: the only command that removes runs from the store (docs/runs.md, "The store").
struct GCCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gc",
        abstract: "Remove old runs from the store: keep the N newest runs of each run name, and every run a run's path points at.",
        discussion: "Every run Sprout trains is kept in <out>/.store/ until this command removes it; nothing else ever "
            + "does. Of each run name's runs, the --keep newest stay, and so does the run its path (<out>/<name>) points "
            + "at, the run of the config as it is now, however old. A run name that another process is training is "
            + "left alone. Prints what it removed and the space freed; --dry-run only says what it would remove."
    )

    @Option(help: "Where the runs are (default: runs/ beside configs/, as for `sprout run`).")
    var out: String?

    @Option(help: "How many of each run name's newest runs to keep (0: only the ones the runs' paths point at).")
    var keep: Int

    @Flag(help: "Say what would be removed, and remove nothing.")
    var dryRun = false

    @Flag(name: .shortAndLong, help: "Print only the total.")
    var quiet = false

    mutating func validate() throws {
        if keep < 0 { throw ValidationError("--keep must be 0 or more") }
    }

    func run() throws {
        let folder = out ?? ConfigPaths.defaultOut(for: ["configs"])
        let store = RunStore(out: folder)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            DiagnosticOutput.printError("error: \(folder) is not a folder of runs (--out names where `sprout run` wrote them)")
            throw ExitCode(1)
        }
        guard FileManager.default.fileExists(atPath: store.root, isDirectory: &isDirectory), isDirectory.boolValue else {
            print("nothing to remove: \(ConfigPaths.display(ConfigPaths.absolute(folder))) holds no store of runs")
            return
        }
        let collection = store.collect(keep: keep, dryRun: dryRun)
        if !quiet {
            for (name, entry) in collection.removed { print("\(dryRun ? "would remove" : "removed") \(name)/\(entry.id)") }
        }
        for name in collection.busy { DiagnosticOutput.printError("\(name): left alone: another process is training it now") }
        let verb = dryRun ? "would remove" : "removed"
        let runs = DiagnosticOutput.count(collection.removed.count, "run")
        print("\(verb) \(runs), \(dryRun ? "freeing" : "freed") \(RunStore.size(collection.freed)); "
              + "kept \(DiagnosticOutput.count(collection.kept, "run")) in \(ConfigPaths.display(ConfigPaths.absolute(store.root)))")
        for failure in collection.failures { DiagnosticOutput.printError("error: \(failure)") }
        if !collection.failures.isEmpty { throw ExitCode(1) }
    }
}
