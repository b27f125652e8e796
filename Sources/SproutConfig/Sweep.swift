import SproutDiagnostics
import SproutYAML

/// One `sweep:` entry: a dotted path to a setting and the values it takes.
struct SweepEntry {
    var path: [String]
    var pathText: String
    var keyLocation: SourceLocation
    var values: [Node]
}

/// `sweep:` — every combination of the listed values (the cartesian product, the first key varying slowest) is one
/// run. Each combination is the config with those values written in at their paths, decoded like any config, so a
/// value is checked exactly where it will be used; a problem found in some combinations only says which.
enum Sweep {
    /// A sweep larger than this is refused: it is almost always a mistake, and each run is checked before training.
    static let maxRuns = 1000

    /// The entries of `sweep`, each path checked against the language (and, below `model.layers`, against the
    /// config's named nodes), or `nil` after reporting every problem.
    static func entries(of sweep: Node, root: Node, into diagnostics: DiagnosticCollector) -> [SweepEntry]? {
        guard let items = sweep.mappingEntries, !items.isEmpty else {
            diagnostics.error("sweep must be a mapping from setting paths to lists of values, found \(sweep.kindDescription)",
                              at: sweep.location, help: ["write e.g. sweep: {train.optimizer.lr: [0.1, 0.01], seed: [1, 2]}"])
            return nil
        }
        var entries: [SweepEntry] = [], ok = true
        for item in items {
            let path = item.key.text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            guard SweepPaths.check(path, at: item.keyLocation, root: root, into: diagnostics) else {
                ok = false
                continue
            }
            guard let values = item.value.sequenceItems, !values.isEmpty else {
                diagnostics.error("sweep '\(item.key.text)' needs a non-empty list of values, found \(item.value.kindDescription)",
                                  at: item.value.location)
                ok = false
                continue
            }
            entries.append(SweepEntry(path: path, pathText: item.key.text, keyLocation: item.keyLocation, values: values))
        }
        let runs = entries.reduce(1.0) { $0 * Double($1.values.count) }
        if ok && runs > Double(maxRuns) {
            diagnostics.error("sweep makes \(runs < 1e15 ? String(Int(runs)) : "\(runs)") runs, more than \(maxRuns)",
                              at: sweep.location, help: ["sweep fewer values, or split the sweep over several configs"])
            return nil
        }
        return ok ? entries : nil
    }

    /// Every combination, as one value index per entry; the first entry varies slowest.
    static func combinations(_ entries: [SweepEntry]) -> [[Int]] {
        entries.reduce([[]]) { partial, entry in
            partial.flatMap { prefix in entry.values.indices.map { prefix + [$0] } }
        }
    }

    /// The run's directory name below runs/<name>/: `<key>-<value>` per entry, joined by `_`, where key is the
    /// path's last part (the whole path when two entries share a last part) and value is the value's text when it
    /// is a plain word or number, else its position in the list (1-based).
    static func variantName(_ entries: [SweepEntry], _ combination: [Int]) -> String {
        let lastParts = entries.map { $0.path.last ?? $0.pathText }
        return zip(entries, combination).enumerated().map { index, pair in
            let (entry, choice) = pair
            let key = lastParts.filter { $0 == lastParts[index] }.count > 1 ? entry.pathText : lastParts[index]
            let text = entry.values[choice].scalar?.text ?? ""
            let safe = !text.isEmpty && text.count <= 32
                && text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0)
                    || ("0"..."9").contains($0) || "._-+".unicodeScalars.contains($0) }
            return "\(key)-\(safe ? text : String(choice + 1))"
        }.joined(separator: "_")
    }

    /// `root` without its sweep, with the combination's values written in (replacing or adding keys; creating the
    /// mappings on the way when a section is absent). `nil` when a path runs into a value that is not a mapping.
    static func apply(_ entries: [SweepEntry], _ combination: [Int], to root: Node) -> Node? {
        guard case .mapping(let topEntries) = root.kind else { return nil }
        var result = Node(.mapping(topEntries.filter { $0.key.text != "sweep" }), at: root.location)
        for (entry, choice) in zip(entries, combination) {
            guard let updated = set(entry.values[choice], at: entry.path[...], in: result, keyLocation: entry.keyLocation)
            else { return nil }
            result = updated
        }
        return result
    }

    private static func set(_ value: Node, at path: ArraySlice<String>, in node: Node, keyLocation: SourceLocation) -> Node? {
        guard let first = path.first else { return value }
        switch node.kind {
        case .mapping(var entries):
            if let index = entries.firstIndex(where: { $0.key.text == first }) {
                guard let child = set(value, at: path.dropFirst(), in: entries[index].value, keyLocation: keyLocation)
                else { return nil }
                entries[index].value = child
            } else {
                let empty = Node(.mapping([]), at: keyLocation)
                guard let child = set(value, at: path.dropFirst(), in: empty, keyLocation: keyLocation) else { return nil }
                entries.append(MappingEntry(key: Scalar(text: first, style: .plain, value: .string(first)),
                                            keyLocation: keyLocation, value: child))
            }
            return Node(.mapping(entries), at: node.location)
        case .sequence(var items):
            // A list of layers: the path names a node by its `name`.
            guard let index = items.firstIndex(where: { $0["name"]?.scalar?.text == first }),
                  let child = set(value, at: path.dropFirst(), in: items[index], keyLocation: keyLocation)
            else { return nil }
            items[index] = child
            return Node(.sequence(items), at: node.location)
        case .scalar:
            return nil
        }
    }
}
