import Foundation
import SproutConfig

/// What the batch hands a worker on its stdin, as JSON: the run as the plan decided it, so that the worker neither
/// parses, validates nor fingerprints the config again (that read each data file twice more per run). The spec is
/// the plan's own value (`ExperimentSpec` is `Codable`), the fingerprint the one the plan computed; `stamps` let
/// the worker check cheaply that no input changed since (`FileStamp`).
package struct WorkerOrder: Codable, Sendable {
    /// The config file as given to `sprout run`.
    package var config: String
    /// The run's position among the config's runs (a sweep has several).
    package var index: Int
    /// `<out>/<name>`, the link the run's entry is given (`RunStore`).
    package var directory: String
    /// The output folder, whose store keeps the run.
    package var out: String
    /// The run directory relative to the output folder.
    package var name: String
    package var spec: ExperimentSpec
    package var fingerprint: RunFingerprint
    package var stamps: [FileStamp]
    /// Where the run comes from (git, command line, host), as the batch found it; nil from a caller without one.
    package var provenance: Provenance?
    /// The store entry to go on training in from its resume.safetensors; nil: a new entry, from scratch.
    package var resume: String?
    /// Whether `spec.overrides` were read with `--sweep`.
    package var overridesSweep: Bool
    /// The configs the config extends: an edit of one is judged as an edit of the config is.
    package var bases: [String]
    /// The Slurm array task that trains the run (`sprout slurm-task`), recorded in run.json; nil in a local batch.
    package var slurm: SlurmTaskRecord?

    package init(_ run: PlannedRun, fingerprint: RunFingerprint) {
        config = run.config
        index = run.index
        directory = run.directory
        out = run.out
        name = run.name
        spec = run.spec
        self.fingerprint = fingerprint
        stamps = run.stamps
        provenance = run.provenance
        resume = run.resumeEntry
        overridesSweep = run.overridesSweep
        bases = run.bases
    }

    package func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf",
                                                                      nan: "nan")
        return try encoder.encode(self)
    }

    package static func read(_ data: Data) throws -> WorkerOrder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf",
                                                                        nan: "nan")
        return try decoder.decode(WorkerOrder.self, from: data)
    }

    /// The inputs that changed since the plan in a way this run would see: a data or initializer file whose stamp
    /// differs (the worker reads those), and the config when the edit changed this run's fingerprint. The worker
    /// trains the plan's spec, so an edit that leaves the fingerprint alone (a comment, the description, the log
    /// section, a save without changes) does not refuse the run; only then is the config read and fingerprinted
    /// again.
    package var changedInputs: [String] {
        // Data files as the config names them (relative to its folder), as `sprout status` shows them.
        let folder = URL(fileURLWithPath: config).deletingLastPathComponent().standardizedFileURL.path
        let configs = Set([config] + bases)
        var changed = stamps.filter { !configs.contains($0.path) && !$0.isCurrent }
            .map { RunFingerprint.relativePath($0.path, from: folder) }
        let edited = stamps.filter { configs.contains($0.path) && !$0.isCurrent }.map(\.path)
        if !edited.isEmpty, !configStillPlansThisRun {
            changed.insert(contentsOf: edited, at: 0)
        }
        return changed
    }

    /// Whether the config, read again, still has this run with the planned fingerprint.
    private var configStillPlansThisRun: Bool {
        let loaded = ConfigLoader.load(path: config, overrides: ConfigOverrides(arguments: spec.overrides, sweep: overridesSweep))
        guard index < loaded.runs.count, loaded.runs[index].variant == spec.variant,
              let now = try? RunFingerprint.of(loaded.runs[index], configFile: config) else { return false }
        return now.digest == fingerprint.digest
    }
}

extension PlannedRun {
    /// The run an order describes, as its plan had it (a Slurm task's view of its submission's runs: summary.csv's
    /// rows and sweeps).
    package init(_ order: WorkerOrder) {
        self.init(config: order.config, index: order.index, spec: order.spec, name: order.name,
                  directory: order.directory, out: order.out, fingerprint: order.fingerprint, state: .neverRun)
    }
}
