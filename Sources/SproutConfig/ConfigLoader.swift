import Foundation
import SproutDiagnostics
import SproutYAML

/// Reads, parses and decodes one config file: what `validate`, `show` and `run` share.
public enum ConfigLoader {
    public struct Result: Sendable {
        public var path: String
        /// The file's text, for rendering diagnostics with their source line (empty when unreadable).
        public var source: String
        /// Every text a diagnostic may point into, by the name its locations use: the file, the bases it extends,
        /// and `<arguments>` with overrides.
        public var sources: [String: String] = [:]
        /// The runs the file describes, only when it has no error: one, or one per sweep combination.
        public var runs: [ExperimentSpec]
        /// YAML and config problems together, in file order, without the warnings `expect_warnings` acknowledges.
        public var diagnostics: [Diagnostic]
        /// How many warnings `expect_warnings` acknowledged (not in `diagnostics`).
        public var acknowledged = 0
        /// The configs `extends` brought in, directly or through other bases (stamped by the batch like the config).
        public var bases: [String] = []
        /// The config as written after `extends` and the overrides, each value at the place it was written
        /// (`sprout show --origins`); nil when the YAML could not be read.
        public var merged: Node? = nil
        public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
        /// The first run (the only one without a sweep).
        public var spec: ExperimentSpec? { runs.first }
    }

    /// Every problem of the file in one pass: a YAML problem that leaves the tree sound (a duplicate key, an
    /// overflowing number, a bad tag, an undefined alias) does not hide the config's own mistakes. Where the YAML
    /// layer replaced a value by a placeholder, the decoder's complaint about the placeholder would only repeat the
    /// YAML diagnostic, so it is dropped; every other config diagnostic is kept, even at the same position.
    public static func load(path: String, overrides: ConfigOverrides = .none) -> Result {
        load(YAMLDocument.read(path: path), path: path, overrides: overrides)
    }

    /// `load(path:)` for a config's bytes already in memory, named `path` in locations (the fuzzer's entry). Data
    /// files the config names are still read from disk, relative to `path`'s folder.
    public static func load(bytes: [UInt8], path: String, overrides: ConfigOverrides = .none) -> Result {
        load(YAMLDocument.read(bytes: bytes, file: path), path: path, overrides: overrides)
    }

    private static func load(_ document: YAMLReadResult, path: String, overrides: ConfigOverrides) -> Result {
        var sources = [path: document.source]
        if !overrides.isEmpty { sources[ConfigOverrides.file] = overrides.source }
        guard var root = document.root else {
            return Result(path: path, source: document.source, sources: sources, runs: [],
                          diagnostics: document.diagnostics + overrides.diagnostics)
        }
        let extended = ConfigExtends.resolve(root, path: path)
        root = extended.root
        sources.merge(extended.sources) { own, _ in own }
        let overridden = DiagnosticCollector()
        var removals: [SourceLocation: (text: String, at: SourceLocation)] = [:]
        if !overrides.isEmpty { root = overrides.apply(to: root, configFile: path, into: overridden, removals: &removals) }
        var (runs, configDiagnostics) = decodeRuns(root, defaultName: stem(of: path))
        for index in runs.indices {
            runs[index].overrides = overrides.arguments
            runs[index].overrideLabel = overrides.label
        }
        let placeholders = Set(document.placeholders + extended.placeholders)
        // A base that could not be read leaves sections missing that it would have given: saying so would only
        // repeat its own error.
        let extendsFailed = extended.diagnostics.contains { $0.id == .invalidExtends }
        let kept = configDiagnostics.filter { d in
            d.location.map { !placeholders.contains($0) } ?? true && !(extendsFailed && d.id == .missingKey)
        }
        let found = (document.diagnostics + extended.diagnostics + overrides.diagnostics + overridden.sorted + kept).map { diagnostic in
            var noted = diagnostic
            // A problem where an override removed a key (a required key now missing) says so.
            if let location = diagnostic.location, let removal = removals[location] {
                noted.notes.append(Diagnostic.Note("after the override '\(removal.text)'", at: removal.at))
            }
            // A problem inside a base says which config brought it in.
            if let note = extended.notes[diagnostic.location?.file ?? diagnostic.file] { noted.notes.append(Diagnostic.Note(note)) }
            return noted
        }
        let (all, acknowledged) = Acknowledgements.apply(root["expect_warnings"], to: found.sortedByLocation)
        let failed = all.contains { $0.severity == .error }
        return Result(path: path, source: document.source, sources: sources, runs: failed ? [] : runs, diagnostics: all,
                      acknowledged: acknowledged, bases: extended.bases, merged: root)
    }

    /// The file's stem, the name of a config without `name:` (and the one a batch runs a config under when another
    /// config holds its `name:`, `BatchPlan`): `configs/xor-lr.yaml` -> `xor-lr`.
    public static func stem(of path: String) -> String {
        URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
    }

    /// One run, or with a sweep every combination decoded on its own. A problem found in some combinations but
    /// not all gets a note naming them; one found in every combination is reported once, as without a sweep.
    static func decodeRuns(_ root: Node, defaultName: String) -> (runs: [ExperimentSpec], diagnostics: [Diagnostic]) {
        guard let sweepNode = root["sweep"] else {
            let decoded = ExperimentDecoder.decode(root, defaultName: defaultName)
            return (decoded.spec.map { [$0] } ?? [], decoded.diagnostics)
        }
        let collector = DiagnosticCollector()
        guard let entries = Sweep.entries(of: sweepNode, root: root, into: collector) else {
            return ([], collector.sorted)
        }
        let combinations = Sweep.combinations(entries)
        var runs: [ExperimentSpec] = []
        var found: [(diagnostic: Diagnostic, variants: [String])] = []
        // Where each diagnostic is in `found`: a linear search made a sweep of 1000 runs with 1000 diagnostics each
        // compare a billion pairs (Fuzz/regressions/slow-sweep-diagnostics.yaml).
        var foundIndex: [Diagnostic: Int] = [:]
        for combination in combinations {
            let variant = Sweep.variantName(entries, combination)
            guard let applied = Sweep.apply(entries, combination, to: root) else {
                collector.report(.invalidSweepPath, "the sweep cannot write its values into this config: a path runs through a setting written as a single word",
                                 at: sweepNode.location, help: ["write that setting as a mapping, e.g. {type: sgd, lr: 0.1}"])
                return ([], collector.sorted)
            }
            let decoded = ExperimentDecoder.decode(applied, defaultName: defaultName)
            for diagnostic in decoded.diagnostics {
                if let index = foundIndex[diagnostic] {
                    found[index].variants.append(variant)
                } else {
                    foundIndex[diagnostic] = found.count
                    found.append((diagnostic, [variant]))
                }
            }
            if var spec = decoded.spec {
                spec.variant = variant
                spec.sweepSettings = zip(entries, combination).map { entry, choice in
                    SweepSetting(path: entry.pathText, value: entry.values[choice].scalar?.text ?? entry.values[choice].json)
                }
                runs.append(spec)
            }
        }
        let diagnostics = found.map { entry -> Diagnostic in
            guard entry.variants.count < combinations.count else { return entry.diagnostic }
            var diagnostic = entry.diagnostic
            let shown = entry.variants.prefix(3).joined(separator: ", ")
            let more = entry.variants.count > 3 ? " and \(entry.variants.count - 3) more" : ""
            diagnostic.notes.append(Diagnostic.Note("in the sweep's run\(entry.variants.count == 1 ? "" : "s") \(shown)\(more)"))
            return diagnostic
        }
        return (runs, diagnostics)
    }
}
