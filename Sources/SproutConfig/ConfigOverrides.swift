import SproutDiagnostics
import SproutYAML

/// The overrides of one command line (`sprout run configs/xor.yaml train.optimizer.lr=0.01`), parsed once and
/// applied to every config of the command (`ConfigLoader.load(path:overrides:)`).
///
/// Their diagnostics point into a pseudo-file, `<arguments>`, whose line N is the N-th override as given, so that a
/// mistake is shown like one in a file: `<arguments>:1:7: error: unknown key 'optimiser' in train`.
public struct ConfigOverrides: Sendable {
    /// The name of the overrides' pseudo-file in diagnostics.
    public static let file = "<arguments>"

    /// The override arguments as given, in order: recorded in run.json, and handed to the worker to read the config
    /// as the batch did.
    public var arguments: [String]
    /// `--sweep` (Hydra's `-m`): an override whose value has a comma outside brackets and quotes sweeps over the
    /// pieces, as a `sweep:` entry would.
    public var sweep: Bool
    /// The parsed overrides (those without a mistake).
    var items: [ConfigOverride]
    /// Mistakes in the overrides themselves, whatever the config (syntax, a value that is not YAML, a key given
    /// twice). Mistakes against a config (an unknown key) are that config's diagnostics.
    public var diagnostics: [Diagnostic]

    public static let none = ConfigOverrides(arguments: [], sweep: false)

    public var isEmpty: Bool { arguments.isEmpty }
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    /// The text of `<arguments>`, for rendering its diagnostics with a caret.
    public var source: String { arguments.joined(separator: "\n") }

    public init(arguments: [String], sweep: Bool) {
        self.arguments = arguments
        self.sweep = sweep
        let collector = DiagnosticCollector()
        var items: [ConfigOverride] = []
        for (index, argument) in arguments.enumerated() {
            guard let item = ConfigOverride.parse(argument, line: index + 1, sweep: sweep, into: collector) else { continue }
            if let earlier = items.first(where: { $0.canonicalText == item.canonicalText }) {
                collector.report(.invalidOverride, "'\(item.canonicalText)' is overridden twice", at: item.partLocations[0],
                                 notes: [Diagnostic.Note("first here", at: earlier.partLocations[0])],
                                 help: ["keep one of them"])
                continue
            }
            items.append(item)
        }
        self.items = items
        self.diagnostics = collector.sorted
    }

    /// What the overrides add to a run's directory name, after `@` (`runs/xor@train.optimizer.lr=0.01`), as
    /// Hydra's `override_dirname` does: `path=value` per override sorted by path, the whole path (its canonical
    /// spelling: `model.hidden.units` for `model.layers.hidden.units`, `SettingPaths.shortened`), so that two
    /// overrides of different settings never share a name; `~path` for a removal, `path=sweep` for a swept one (the
    /// sweep's runs are below it, named by their values), joined by `,`.
    ///
    /// A value is written as it is when that loses nothing: a scalar of ASCII letters, digits and `. _ + - =`, or a
    /// mapping with a `type` and such scalars (`{type: normal, std: 0.1}` -> `normal_std=0.1`, as a sweep's
    /// variants are named). Anything else (a list, a space, a `/`, the word `sweep`), or a label longer than
    /// `maxLabelBytes`, makes the label `overrides-` and 16 hexadecimal digits of the FNV-1a hash of the overrides'
    /// meaning (action, canonical path, value), so that different overrides never share a directory. Nil without
    /// overrides.
    public var label: String? {
        guard !items.isEmpty else { return nil }
        let sorted = items.sorted { $0.canonicalText < $1.canonicalText }
        var parts: [String] = []
        for item in sorted {
            let key = item.canonicalText
            if item.action == .remove && item.value == nil {
                parts.append("~" + key)
            } else if item.sweepValues != nil {
                parts.append(key + "=sweep")
            } else if let value = item.value, let label = Self.losslessLabel(value) {
                parts.append((item.action == .remove ? "~" : "") + key + "=" + label)
            } else {
                return hashed(sorted)
            }
        }
        let name = parts.joined(separator: ",")
        return name.utf8.count <= Self.maxLabelBytes ? name : hashed(sorted)
    }

    /// The longest label written out: a file name has at most 255 bytes, a run name at most 100, and `@` joins them.
    public static let maxLabelBytes = 150

    /// A value's text in a directory name when nothing is lost by it (see `label`), or nil.
    static func losslessLabel(_ value: Node) -> String? {
        func word(_ text: String) -> String? {
            let safe = text.unicodeScalars.allSatisfy { c in
                ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c) || "._+-=".unicodeScalars.contains(c)
            }
            return safe && !text.isEmpty && text != "sweep" ? text : nil
        }
        if let scalar = value.scalar { return word(scalar.text) }
        guard let entries = value.mappingEntries, let type = value["type"]?.scalar.flatMap({ word($0.text) }) else { return nil }
        var parts = [type]
        for entry in entries where entry.key.text != "type" {
            guard let key = word(entry.key.text), let text = entry.value.scalar.flatMap({ word($0.text) }) else { return nil }
            parts.append(key + "=" + text)
        }
        return parts.joined(separator: "_")
    }

    /// `overrides-` and the FNV-1a 64-bit hash (offset basis 0xcbf29ce484222325, prime 0x100000001b3) of the
    /// sorted overrides' meaning, one per line: action, canonical path, value as JSON (a sweep's values as a list).
    private func hashed(_ sorted: [ConfigOverride]) -> String {
        let meaning = sorted.map { item in
            let value = item.sweepValues.map { Node(.sequence($0), at: item.partLocations[0]).json } ?? item.value?.json ?? ""
            return item.action.rawValue + item.canonicalText + "=" + value
        }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in meaning.joined(separator: "\n").utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return "overrides-" + String(repeating: "0", count: 16 - hex.count) + hex
    }
}
