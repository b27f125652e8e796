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
            diagnostics.report(.typeMismatch, "sweep must be a mapping from setting paths to lists of values, found \(sweep.kindDescription)",
                               at: sweep.location, help: ["write e.g. sweep: {train.optimizer.lr: [0.1, 0.01], seed: [1, 2]}"])
            return nil
        }
        var entries: [SweepEntry] = [], ok = true
        for item in items {
            let written = item.key.text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            let path = SettingPaths.canonical(written, root: root)
            guard SweepPaths.check(path, at: item.keyLocation, root: root, into: diagnostics) else {
                ok = false
                continue
            }
            guard let values = item.value.sequenceItems, !values.isEmpty else {
                diagnostics.report(.typeMismatch, "sweep '\(item.key.text)' needs a non-empty list of values, found \(item.value.kindDescription)",
                                   at: item.value.location)
                ok = false
                continue
            }
            entries.append(SweepEntry(path: path, pathText: item.key.text, keyLocation: item.keyLocation, values: values))
        }
        let runs = entries.reduce(1.0) { $0 * Double($1.values.count) }
        if ok && runs > Double(maxRuns) {
            diagnostics.report(.tooManyRuns, "sweep makes \(runs < 1e15 ? String(Int(runs)) : "\(runs)") runs, more than \(maxRuns)",
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

    /// The run's directory name below runs/<name>/: `key=value` per entry, joined by `,`
    /// (`weight=he_normal,seed=2`), where key is the path's last part (the whole path when two entries share a last
    /// part) and value is `valueLabels`' label. A name depends on the values themselves, not on their positions, so
    /// adding a value to a sweep leaves the other runs' directories (and so their finished results) where they are.
    ///
    /// A file name has at most 255 bytes: past `maxVariantBytes` the values are named by position (`lr=v2`), and
    /// past that too the combination by its number (`combination-17`), the same for every run of the sweep so that
    /// its names stay alike.
    static func variantName(_ entries: [SweepEntry], _ combination: [Int]) -> String {
        let lastParts = entries.map { $0.path.last ?? $0.pathText }
        let keys = entries.indices.map { index in
            lastParts.filter { $0 == lastParts[index] }.count > 1 ? entries[index].pathText : lastParts[index]
        }
        func name(_ label: (Int, Int) -> String) -> String {
            zip(keys, combination).enumerated().map { index, pair in "\(pair.0)=\(label(index, pair.1))" }
                .joined(separator: ",")
        }
        let labels = entries.map { valueLabels($0.values) }
        // Judged on the longest name the sweep makes, so every run of it is named the same way.
        let longest = name { index, _ in labels[index].max { $0.utf8.count < $1.utf8.count } ?? "" }
        if longest.utf8.count <= maxVariantBytes { return name { index, choice in labels[index][choice] } }
        let positional = name { index, _ in "v\(entries[index].values.count)" }
        if positional.utf8.count <= maxVariantBytes { return name { _, choice in "v\(choice + 1)" } }
        let number = zip(entries, combination).reduce(0) { $0 * $1.0.values.count + $1.1 } + 1
        return "combination-\(number)"
    }

    /// The longest variant name written out (a file name may have 255 bytes).
    static let maxVariantBytes = 200

    /// What `variantName` writes for each value of one entry, safe in a file name and in a shell word: a plain
    /// scalar as it is written (`0.01`, `he_normal`); a mapping with a `type` as the type followed by its other
    /// plain entries (`{type: normal, std: 0.1}` -> `normal_std=0.1`); characters other than ASCII letters, digits
    /// and `. _ + - =` as `_`. A value that gives no such label (a list, a nested mapping, a label over 48
    /// characters), or whose label another value of the entry also gets, is named by its 1-based position (`v3`).
    static func valueLabels(_ values: [Node]) -> [String] {
        func safe(_ text: String) -> String {
            String(text.unicodeScalars.map { c -> Character in
                let ok = ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c)
                    || "._+-=".unicodeScalars.contains(c)
                return ok ? Character(c) : "_"
            })
        }
        func label(_ value: Node) -> String? {
            if let scalar = value.scalar { return scalar.text.isEmpty ? nil : safe(scalar.text) }
            guard let entries = value.mappingEntries,
                  let type = entries.first(where: { $0.key.text == "type" })?.value.scalar?.text else { return nil }
            var parts = [safe(type)]
            for entry in entries where entry.key.text != "type" {
                guard let text = entry.value.scalar?.text else { return nil }
                parts.append(safe(entry.key.text) + "=" + safe(text))
            }
            return parts.joined(separator: "_")
        }
        let labels = values.map { label($0).flatMap { $0.count <= 48 ? $0 : nil } }
        // Counted once (not by a filter per value, which made a sweep of 1000 values cost a million comparisons
        // per run: Fuzz/regressions/slow-sweep-diagnostics.yaml).
        var uses: [String: Int] = [:]
        for case let label? in labels { uses[label, default: 0] += 1 }
        let named = labels.enumerated().map { index, label in
            guard let label, uses[label] == 1 else { return "v\(index + 1)" }
            return label
        }
        // A written value `v2` could meet a position name `v2`: then positions throughout, which never collide.
        return Set(named).count == named.count ? named : values.indices.map { "v\($0 + 1)" }
    }

    /// `root` without its sweep, with the combination's values written in (`SettingPaths.setting`). `nil` when a
    /// path runs into a value that is not a mapping.
    static func apply(_ entries: [SweepEntry], _ combination: [Int], to root: Node) -> Node? {
        guard case .mapping(let topEntries) = root.kind else { return nil }
        var result = Node(.mapping(topEntries.filter { $0.key.text != "sweep" }), at: root.location)
        for (entry, choice) in zip(entries, combination) {
            guard case .success(let types) = SettingPaths.walk(entry.path, root: result),
                  let updated = SettingPaths.setting(entry.values[choice], at: entry.path[...], in: result,
                                                     keyLocations: Array(repeating: entry.keyLocation, count: entry.path.count)[...],
                                                     types: types[...])
            else { return nil }
            result = updated
        }
        return result
    }
}

extension Sweep {
    /// A `sweep:` entry's path, as `SettingPaths.canonical` writes it in `root` (`model.hidden.units` is
    /// `model.layers.hidden.units`).
    static func path(of entry: MappingEntry, in root: Node) -> [String] {
        SettingPaths.canonical(entry.key.text.split(separator: ".", omittingEmptySubsequences: false).map(String.init), root: root)
    }

    /// `root` with its `sweep:` entries passed through `edit`: added when there was none (at `location`), dropped
    /// when none is left. What an override (`--sweep`, or a plain value of a swept path) and `extends` (a written
    /// value over an inherited sweep) do to a config's sweep.
    static func editingEntries(of root: Node, at location: SourceLocation, _ edit: (inout [MappingEntry]) -> Void) -> Node {
        guard var top = root.mappingEntries else { return root }
        let index = top.firstIndex { $0.key.text == "sweep" }
        var entries = index.flatMap { top[$0].value.mappingEntries } ?? []
        edit(&entries)
        let sweep = Node(.mapping(entries), at: index.map { top[$0].value.location } ?? location)
        switch (index, entries.isEmpty) {
        case (let index?, true): top.remove(at: index)
        case (let index?, false): top[index].value = sweep
        case (nil, false): top.append(MappingEntry(key: Scalar(text: "sweep", style: .plain, value: .string("sweep")),
                                                   keyLocation: location, value: sweep))
        case (nil, true): return root
        }
        return Node(.mapping(top), at: root.location)
    }
}
