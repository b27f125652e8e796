import Foundation
import SproutDiagnostics
import SproutYAML

/// `extends: base.yaml` (or a list of bases): a config written as the changes to another.
///
/// - A base's path is relative to the folder of the config that names it; a base may extend others in turn.
/// - The bases are merged in the order listed, then the config itself on top: mappings are merged key by key,
///   lists and scalars are replaced, with two exceptions. A section whose kind changes (`type` or `source` written
///   with another value: `optimizer: {type: adam}` over a base's sgd with momentum) is replaced whole, since one
///   kind's settings mean nothing to another. And `model.layers` written as a list of mappings that each name a
///   node of the base's layers patches those nodes in place (`layers: [{name: hidden, units: 32}]`); a list with
///   any other item (a node the base does not have, an unnamed one) replaces the base's layers.
/// - `name` is never inherited: a config's runs are its own, named by its `name:` or its file's stem.
/// - Every value keeps the place it was written, so a diagnostic points into the base, with a note naming the chain
///   (`in base.yaml, extended by xor-lr.yaml:3`). A base that cannot be read and a chain that comes back to a
///   config already in it are errors at the `extends` entry.
enum ConfigExtends {
    struct Resolved {
        var root: Node
        /// Each base's text, by path, for diagnostics.
        var sources: [String: String] = [:]
        /// The bases read, in the order first met (stamped by the batch, like the config).
        var bases: [String] = []
        /// For each base, the note every diagnostic inside it gets.
        var notes: [String: String] = [:]
        var diagnostics: [Diagnostic] = []
        var placeholders: [SourceLocation] = []
        /// Each base expanded once, by its resolved path: a base that several bases extend (a diamond) is read and
        /// merged once, not once per route (which grows exponentially with the chain's depth).
        var expanded: [String: Node] = [:]
    }

    /// `root` of the config at `path` with its bases merged in; `root` itself when it extends nothing.
    static func resolve(_ root: Node, path: String) -> Resolved {
        var resolved = Resolved(root: root)
        let collector = DiagnosticCollector()
        resolved.root = expand(root, path: path, chain: [], resolved: &resolved, into: collector)
        resolved.diagnostics += collector.sorted
        return resolved
    }

    /// The keys a base never passes on.
    static let notInherited: Set<String> = ["name", "extends"]

    private static func expand(_ root: Node, path: String, chain: [(file: String, line: Int)], resolved: inout Resolved,
                               into diagnostics: DiagnosticCollector) -> Node {
        guard let written = root["extends"], let entries = root.mappingEntries else { return root }
        let entry = entries.first { $0.key.text == "extends" }
        let names: [Node]
        if written.scalar != nil {
            names = [written]
        } else if let items = written.sequenceItems, !items.isEmpty {
            names = items
        } else {
            diagnostics.report(.typeMismatch, "extends must be a config's path or a list of them, found \(written.kindDescription)",
                               at: written.location, help: ["write e.g. extends: base.yaml"])
            return Node(.mapping(entries.filter { $0.key.text != "extends" }), at: root.location)
        }
        var merged = Node(.mapping([]), at: root.location)
        let here = (file: path, line: entry?.keyLocation.line ?? written.location.line)
        for name in names {
            guard let text = name.scalar?.text, case .string = name.scalar?.value ?? .null, !text.isEmpty else {
                diagnostics.report(.typeMismatch, "each base in extends must be a config's path, found \(name.kindDescription)",
                                   at: name.location, help: ["write e.g. extends: [base.yaml, wide.yaml]"])
                continue
            }
            let basePath = text.hasPrefix("/") ? text : relative(text, to: path)
            let identity = URL(fileURLWithPath: basePath).standardizedFileURL.resolvingSymlinksInPath().path
            let visited = ([path] + chain.map(\.file)).map { URL(fileURLWithPath: $0).standardizedFileURL.resolvingSymlinksInPath().path }
            if visited.contains(identity) {
                let loop = (chain.reversed().map(\.file) + [path, basePath]).joined(separator: " -> ")
                diagnostics.report(.invalidExtends, "extends comes back to a config already in the chain: \(loop)",
                                   at: name.location, help: ["a config cannot extend itself, directly or through its bases"])
                continue
            }
            if let done = resolved.expanded[identity] {
                merged = merge(merged, inheritable(done), path: [])
                continue
            }
            let document = YAMLDocument.read(path: basePath)
            guard let baseRoot = document.root else {
                if document.source.isEmpty && document.diagnostics.allSatisfy({ $0.location == nil }) {
                    let reason = document.diagnostics.first.map { Self.reason($0.message) } ?? "it cannot be read"
                    diagnostics.report(.invalidExtends, "cannot extend '\(text)': \(basePath): \(reason)", at: name.location,
                                       help: ["a base's path is relative to this config's folder"])
                } else {
                    resolved.sources[basePath] = document.source
                    resolved.diagnostics += document.diagnostics
                    note(basePath, chain: [here] + chain, in: &resolved)
                    diagnostics.report(.invalidExtends, "cannot extend '\(text)': it has errors of its own (see them)", at: name.location)
                }
                continue
            }
            if resolved.sources[basePath] == nil { resolved.bases.append(basePath) }
            resolved.sources[basePath] = document.source
            resolved.diagnostics += document.diagnostics
            resolved.placeholders += document.placeholders
            note(basePath, chain: [here] + chain, in: &resolved)
            let expanded = expand(baseRoot, path: basePath, chain: [here] + chain, resolved: &resolved, into: diagnostics)
            resolved.expanded[identity] = expanded
            merged = merge(merged, inheritable(expanded), path: [])
        }
        let own = Node(.mapping(entries.filter { $0.key.text != "extends" }), at: root.location)
        return withoutOverriddenSweeps(merge(merged, own, path: []), own: own)
    }

    /// What a base passes on: all but `notInherited`.
    private static func inheritable(_ base: Node) -> Node {
        Node(.mapping((base.mappingEntries ?? []).filter { !notInherited.contains($0.key.text) }), at: base.location)
    }

    /// `merged` without the inherited sweep entries whose setting the config itself writes: a value written in the
    /// extending config is meant, as a command-line override of a swept path is (the config's own `sweep:` entries
    /// stay).
    private static func withoutOverriddenSweeps(_ merged: Node, own: Node) -> Node {
        let ownSweep = Set(own["sweep"]?.mappingEntries?.map(\.key.text) ?? [])
        return Sweep.editingEntries(of: merged, at: merged.location) { entries in
            entries.removeAll { entry in
                !ownSweep.contains(entry.key.text) && SettingPaths.written(at: Sweep.path(of: entry, in: merged), in: own) != nil
            }
        }
    }

    /// `base` with `over` on top (the rules in the type's documentation). `path`: where the two are, for
    /// `model.layers`.
    static func merge(_ base: Node, _ over: Node, path: [String]) -> Node {
        switch (base.kind, over.kind) {
        case (.mapping(var entries), .mapping(let overEntries)):
            for tag in ["type", "source"] {
                if let a = base[tag]?.scalar?.text, let b = over[tag]?.scalar?.text, a != b { return over }
            }
            for entry in overEntries {
                if let index = entries.firstIndex(where: { $0.key.text == entry.key.text }) {
                    entries[index] = MappingEntry(key: entry.key, keyLocation: entry.keyLocation,
                                                  value: merge(entries[index].value, entry.value, path: path + [entry.key.text]))
                } else {
                    entries.append(entry)
                }
            }
            return Node(.mapping(entries), at: base.location)
        case (.sequence(var items), .sequence(let overItems)) where path == ["model", "layers"]:
            let indices = overItems.map { item in
                item["name"]?.scalar.flatMap { name in items.firstIndex { $0["name"]?.scalar?.text == name.text } }
            }
            guard !overItems.isEmpty, indices.allSatisfy({ $0 != nil }) else { return over }
            for (item, index) in zip(overItems, indices) {
                guard let index else { continue }
                items[index] = merge(items[index], item, path: path + ["*"])
            }
            return Node(.sequence(items), at: base.location)
        case (.scalar(let word), .mapping(let overEntries)) where word.style == .plain:
            // `optimizer: rmsprop` in the base stands for `{type: rmsprop}`: a mapping without a type over it keeps it.
            guard case .string = word.value, !overEntries.contains(where: { ["type", "source"].contains($0.key.text) }),
                  case .success(let types) = SettingPaths.walk(path, root: Node(.mapping([]), at: base.location)),
                  let tag = types.last.flatMap(SettingPaths.unionTag) else { return over }
            let expanded = Node(.mapping([MappingEntry(key: Scalar(text: tag, style: .plain, value: .string(tag)),
                                                       keyLocation: base.location, value: base)]), at: base.location)
            return merge(expanded, over, path: path)
        default:
            return over
        }
    }

    /// Every diagnostic in `file` gets the note `in base.yaml, extended by a.yaml:3[, extended by ...]`.
    private static func note(_ file: String, chain: [(file: String, line: Int)], in resolved: inout Resolved) {
        guard resolved.notes[file] == nil else { return }
        resolved.notes[file] = "in \(file), " + chain.map { "extended by \($0.file):\($0.line)" }.joined(separator: ", ")
    }

    /// `text` relative to `folder`, written as the config's own path is (`configs/base.yaml` for
    /// `configs/xor-lr.yaml`), so that messages name files as the user does.
    /// `..` after a folder cancels it, as Python's `os.path.normpath` does (`configs/features/../xor.yaml` ->
    /// `configs/xor.yaml`).
    private static func relative(_ text: String, to config: String) -> String {
        let configFolder = (config as NSString).deletingLastPathComponent
        let joined = configFolder.isEmpty ? text : (configFolder as NSString).appendingPathComponent(text)
        var parts: [Substring] = []
        for part in joined.split(separator: "/", omittingEmptySubsequences: true) where part != "." {
            if part == "..", let last = parts.last, last != ".." { parts.removeLast() } else { parts.append(part) }
        }
        let normal = parts.joined(separator: "/")
        return joined.hasPrefix("/") ? "/" + normal : (normal.isEmpty ? "." : normal)
    }

    /// A file reader's message without its path (`cannot read x: no such file` -> `no such file`).
    private static func reason(_ message: String) -> String {
        guard let colon = message.range(of: ": ", options: .backwards) else { return message }
        return String(message[colon.upperBound...])
    }
}
