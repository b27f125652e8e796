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
            if let earlier = items.first(where: { $0.pathText == item.pathText }) {
                collector.report(.invalidOverride, "'\(item.pathText)' is overridden twice", at: item.partLocations[0],
                                 notes: [Diagnostic.Note("first here", at: earlier.partLocations[0])],
                                 help: ["keep one of them"])
                continue
            }
            items.append(item)
        }
        self.items = items
        self.diagnostics = collector.sorted
    }

    /// What the overrides add to a run's directory name, after `@` (`runs/xor@lr=0.01`): `key=value` per override
    /// sorted by path, `~key` for a removal, `key=sweep` for a swept one (the sweep's runs are below it, named by
    /// their values), joined by `,`. Keys and values are labelled as a sweep's variants are (`Sweep.valueLabels`:
    /// the last part of the path unless two overrides share it). A value without such a label (a list, a nested
    /// mapping), or a name longer than `Sweep.maxVariantBytes`, makes the label `overrides-` and 16 hexadecimal
    /// digits of the FNV-1a hash of the sorted arguments, so that two different overrides never share a directory.
    /// Nil without overrides.
    public var label: String? {
        guard !items.isEmpty else { return nil }
        let sorted = items.sorted { $0.pathText < $1.pathText }
        let lastParts = sorted.map { $0.path.last ?? $0.pathText }
        var parts: [String] = []
        for (index, item) in sorted.enumerated() {
            let key = lastParts.filter { $0 == lastParts[index] }.count > 1 ? item.pathText : lastParts[index]
            if item.action == .remove && item.value == nil {
                parts.append("~" + key)
            } else if item.sweepValues != nil {
                parts.append(key + "=sweep")
            } else if let value = item.value, let label = Sweep.valueLabels([value]).first, label != "v1" {
                parts.append((item.action == .remove ? "~" : "") + key + "=" + label)
            } else {
                return hashed(sorted)
            }
        }
        let name = parts.joined(separator: ",")
        return name.utf8.count <= Sweep.maxVariantBytes ? name : hashed(sorted)
    }

    /// `overrides-` and the FNV-1a 64-bit hash (offset basis 0xcbf29ce484222325, prime 0x100000001b3) of the
    /// sorted arguments joined by line breaks, in hexadecimal.
    private func hashed(_ sorted: [ConfigOverride]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in sorted.map(\.text).joined(separator: "\n").utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return "overrides-" + String(repeating: "0", count: 16 - hex.count) + hex
    }
}
