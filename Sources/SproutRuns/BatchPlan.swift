import Foundation
import SproutConfig
import SproutDiagnostics

/// A config file found by the batch runner, and the folder its runs go to below the output directory (its own
/// folder relative to the configs root: configs/symmetry/zeros.yaml -> `symmetry`; "" at the root).
public struct ConfigFile: Sendable, Hashable {
    public var path: String
    public var folder: String

    public init(path: String, folder: String) {
        self.path = path
        self.folder = folder
    }
}

/// One run the batch may train: which config and which of its runs (a sweep has several), where it goes, what it
/// is now (fingerprint) and where it stands (`RunState`).
public struct PlannedRun: Sendable {
    public var config: String
    /// The position among the config's runs (`ConfigLoader.Result.runs`).
    public var index: Int
    public var spec: ExperimentSpec
    /// The run directory relative to the output directory: `<folder>/<name>[/<variant>]`.
    public var name: String
    /// `<out>/<name>`: the link to the run's current entry in the store (`RunStore`).
    public var directory: String
    /// The output folder.
    public var out: String
    /// Nil when a file the config reads cannot be read (then `problem` says why and the run cannot start).
    public var fingerprint: RunFingerprint?
    public var state: RunState
    public var problem: String?
    /// The config file and every file it reads, stamped when planned (`FileStamp`): the worker's check that its
    /// inputs are still the ones fingerprinted.
    package var stamps: [FileStamp] = []
    /// Where the run comes from (`Provenance`), filled in by the batch for the runs it trains.
    package var provenance: Provenance?
    /// The store entry whose training state the run goes on from (`RunState.resumable`); nil: a new entry.
    package var resumeEntry: String?
    /// Why a stopped run of these inputs that left a training state cannot go on from it (the state unreadable): it
    /// trains from scratch, and the batch says so.
    package var resumeProblem: String?
    /// Whether the spec's overrides were read with `--sweep` (the worker reads the config again as the plan did).
    package var overridesSweep = false
    /// The configs the config extends (`ConfigLoader.Result.bases`): stamped, and checked by the worker, like it.
    package var bases: [String] = []
}

/// Everything a batch would do, decided before anything runs: each config loaded and validated, each valid config's
/// runs given a directory below `out`, named by the rule for configs that claim one directory (`BatchPlan+Names`:
/// the config whose file is named like the directory keeps it, a copy that kept another config's `name:` runs under
/// its own file's name), and a config refused only when that leaves a true clash (neither may overwrite the other's
/// results, and which one is meant is the user's call).
public struct BatchPlan: Sendable {
    public var out: String
    /// Every config in order with its load result (diagnostics to print; no runs when invalid).
    public var loaded: [ConfigLoader.Result]
    /// Valid configs refused by the plan, with the reason.
    public var refused: [(config: String, reason: String)]
    /// Configs that run under another name than their own, or take a directory back from a copy, with a one-line
    /// note saying which and why (the batch prints it; `sprout status` too).
    public var notes: [(config: String, note: String)] = []
    public var runs: [PlannedRun]

    /// A plan of `runs` already decided (a Slurm task's summary: the submission's runs), without configs to report.
    package init(out: String, loaded: [ConfigLoader.Result] = [], refused: [(config: String, reason: String)] = [],
                 notes: [(config: String, note: String)] = [], runs: [PlannedRun]) {
        self.out = out
        self.loaded = loaded
        self.refused = refused
        self.notes = notes
        self.runs = runs
    }

    /// The configs that will not run: invalid ones and refused ones.
    public var invalidCount: Int { loaded.filter(\.hasErrors).count + refused.count }

    /// `force`: let a config replace runs that another config, named by its file too, wrote (the names' rule
    /// refuses that otherwise); it changes no name. `overrides`: the command line's, applied to every config
    /// (`ConfigOverrides`).
    public static func make(_ files: [ConfigFile], out: String, force: Bool = false,
                            overrides: ConfigOverrides = .none) -> BatchPlan {
        var loaded: [ConfigLoader.Result] = []
        var claims: [Claim] = []
        var configStamps: [String: FileStamp] = [:]
        for file in files {
            // Before the read: an edit after this point changes the stamp the worker compares.
            configStamps[file.path] = FileStamp.of(file.path)
            let result = ConfigLoader.load(path: file.path, overrides: overrides)
            // The bases only become known by reading the config: stamped just after.
            // (A base that is also a config of the batch keeps its earlier stamp, taken before its own read.)
            for base in result.bases where configStamps[base] == nil { configStamps[base] = FileStamp.of(base) }
            loaded.append(result)
            if !result.runs.isEmpty { claims.append(Claim(file: file, runs: result.runs)) }
        }
        claims = naming(claims, out: out, force: force)
        var candidates: [PlannedRun] = []
        for (claim, result) in zip(claims, loaded.filter { !$0.runs.isEmpty }) where claim.refusal == nil {
            for (index, var spec) in result.runs.enumerated() {
                spec.name = claim.name
                let name = claim.folder.isEmpty ? spec.runPath : "\(claim.folder)/\(spec.runPath)"
                var run = PlannedRun(config: claim.config, index: index, spec: spec, name: name,
                                     directory: (out as NSString).appendingPathComponent(name), out: out,
                                     fingerprint: nil, state: .neverRun)
                run.overridesSweep = overrides.sweep
                run.bases = result.bases
                candidates.append(run)
            }
        }
        let refused = claims.compactMap { claim in claim.refusal.map { (claim.config, $0) } }
        let notes = claims.compactMap { claim in claim.note(out: out).map { (claim.config, $0) } }
        let takesBack = claims.reduce(into: [String: String]()) { $0.merge($1.takesBack) { old, _ in old } }
        var runs: [PlannedRun] = []
        for var run in candidates {
            do {
                // The inputs' stamps before the fingerprint reads them (see `FileStamp`).
                let inputs = RunFingerprint.referencedFiles(run.spec).map { ($0, FileStamp.of($0)) }
                if let missing = inputs.first(where: { $0.1 == nil }) {
                    throw RunError.cannotRead(path: missing.0, reason: "it cannot be read to fingerprint the run")
                }
                run.stamps = ([configStamps[run.config]] + run.bases.map { configStamps[$0] } + inputs.map(\.1)).compactMap { $0 }
                let fingerprint = try RunFingerprint.of(run.spec, configFile: run.config)
                run.fingerprint = fingerprint
                run.state = RunState.of(directory: run.directory, fingerprint: fingerprint)
                if let owner = takesBack[run.name] { run.state = run.state.takenBack(from: owner) }
                if run.state.needsRun, let cached = RunStore(out: out).cachedEntry(of: run.name, fingerprint: fingerprint,
                                                                                    config: run.config) {
                    run.state = .restorable(entry: cached.entry.id, started: cached.record.started)
                } else if run.state.needsRun,
                          let stopped = RunStore(out: out).resumableEntry(of: run.name, fingerprint: fingerprint,
                                                                          config: run.config) {
                    switch stopped.found {
                    case .point(let point):
                        run.state = .resumable(entry: stopped.entry.id, epoch: point.epochsCompleted, step: point.steps)
                        run.resumeEntry = stopped.entry.path
                    case .unreadable(let reason):
                        run.resumeProblem = "its training state in \(stopped.entry.id) cannot be read (\(reason))"
                    case .none:
                        break
                    }
                } else if case .stale(let reasons) = run.state {
                    // Only now, for a run to train: which keys changed (two YAML texts read and compared).
                    run.state = .stale(RunState.describeConfigChange(reasons, directory: run.directory, spec: run.spec))
                }
            } catch {
                run.problem = "\(error)"
            }
            runs.append(run)
        }
        return BatchPlan(out: out, loaded: loaded, refused: refused, notes: notes, runs: runs)
    }
}
