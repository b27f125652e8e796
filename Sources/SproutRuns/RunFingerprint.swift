import Foundation
import SproutConfig

/// A run's fingerprint: what the trained weights and the logged values depend on, hashed (SHA-256), so that the
/// batch runner can tell a finished run that is still current (same fingerprint in its run.json) from a stale one.
///
/// It is built from parts, each recorded in run.json (`inputs`) so that `sprout status` can say *what* changed:
/// - `version`: Sprout's version (a new engine may compute differently; the bundled datasets ship with it);
/// - `config`: SHA-256 of the canonical resolved config (`ResolvedConfig.yaml`: every default filled in, one
///   spelling per setting, so two configs that describe the same run hash alike) **without** what cannot change the
///   training: the `name` and sweep variant (they only choose the directory), the `description`, and the `log`
///   section, except `log.every` when early stopping is on (it is checked on logged epochs only, so there it changes
///   when training stops). That the rest of `log` leaves training alone is tested: metrics evaluation, layers.csv
///   and checkpoints read the network in evaluation mode and draw no random numbers;
/// - `files`: SHA-256 of the bytes of every file the config reads (CSV and IDX data, safetensors initializers);
///   generated and bundled data are covered by the config (generator, parameters, seed) and the version.
///
/// Paths are taken relative to the config file's folder (as a config writes them), in `files` and in the config's
/// text alike: the same config gives the same fingerprint whichever folder Sprout is started from and wherever the
/// project is cloned or moved, while a config pointing at another file, or a changed file, does not;
/// - `log`: SHA-256 of the `log` section, not part of the fingerprint: a run whose log settings alone changed is up
///   to date, and `sprout status` says so (rerun with `--force` to get the new logs).
public struct RunFingerprint: Sendable, Equatable {
    public var version: String
    public var config: String
    /// Path relative to the config file's folder -> SHA-256 of its bytes, sorted by path.
    public var files: [(path: String, hash: String)]
    public var log: String

    public static func == (a: RunFingerprint, b: RunFingerprint) -> Bool {
        a.version == b.version && a.config == b.config && a.log == b.log
            && a.files.map(\.path) == b.files.map(\.path) && a.files.map(\.hash) == b.files.map(\.hash)
    }

    /// The one hex string compared by the up-to-date check and written into checkpoints' metadata.
    public var digest: String {
        var hash = SHA256()
        hash.update("sprout \(version)\nconfig \(config)\n")
        for file in files { hash.update("file \(file.path.utf8.count) \(file.path) \(file.hash)\n") }
        return hash.hexDigest()
    }

    /// Reads every referenced file; throws `RunError.cannotRead` naming a file that cannot be read. `configFile` is
    /// the config's path (its folder is what file paths are taken relative to).
    public static func of(_ spec: ExperimentSpec, configFile: String) throws -> RunFingerprint {
        let folder = URL(fileURLWithPath: configFile).deletingLastPathComponent().standardizedFileURL.path
        var files: [(String, String)] = []
        var written: [(absolute: String, relative: String)] = []
        for path in referencedFiles(spec) {
            guard let digest = SHA256.hexDigest(ofFile: path) else {
                throw RunError.cannotRead(path: path, reason: "it cannot be read to fingerprint the run")
            }
            let relative = relativePath(path, from: folder)
            files.append((relative, digest))
            written.append((path, relative))
        }
        files.sort { $0.0 < $1.0 }
        var logHash = SHA256()
        logHash.update(ResolvedConfig.logSection(spec.log))
        return RunFingerprint(version: SproutVersion.current, config: configHash(spec, paths: written), files: files,
                              log: logHash.hexDigest())
    }

    /// `path` (absolute) as seen from the folder `folder` (absolute): `data/x.csv`, `../shared/x.csv`.
    static func relativePath(_ path: String, from folder: String) -> String {
        let target = path.split(separator: "/"), base = folder.split(separator: "/")
        var common = 0
        while common < min(target.count, base.count) && target[common] == base[common] { common += 1 }
        let up = Array(repeating: "..", count: base.count - common)
        return (up + target[common...].map(String.init)).joined(separator: "/")
    }

    /// The hash of the training-relevant config (see the type's documentation for what is left out), with each
    /// file path written relative to the config's folder (`paths`: absolute -> relative).
    static func configHash(_ spec: ExperimentSpec, paths: [(absolute: String, relative: String)] = []) -> String {
        var training = spec
        training.name = "-"
        training.variant = nil
        training.description = ""
        training.log = LogSpec(every: spec.train.earlyStopping == nil ? 1 : spec.log.every, layers: false,
                               checkpoints: CheckpointSpec(initial: false, final: false, every: 0, resumeEvery: 0))
        var text = ResolvedConfig.yaml(training)
        // Longest first, so that a path which is a prefix of another does not cut into it.
        for path in paths.sorted(by: { $0.absolute.count > $1.absolute.count }) {
            text = text.replacingOccurrences(of: path.absolute, with: path.relative)
        }
        var hash = SHA256()
        hash.update(text)
        return hash.hexDigest()
    }

    /// Every file path in the spec, found by walking its values (so a new kind of file source is covered without a
    /// change here), sorted and without repeats.
    static func referencedFiles(_ spec: ExperimentSpec) -> [String] {
        var paths = Set<String>()
        func walk(_ value: Any) {
            switch value {
            case let csv as CSVSource: paths.insert(csv.path)
            case let idx as IDXSource: paths.formUnion([idx.images, idx.labels])
            case let file as SafetensorsSource: paths.insert(file.path)
            default: for child in Mirror(reflecting: value).children { walk(child.value) }
            }
        }
        walk(spec)
        return paths.sorted()
    }
}
