import SproutConfig

/// What differs between two resolved configs (`ResolvedConfig.yaml`, a run directory's config.yaml), key by key:
/// what `sprout status` says of a stale run, and what `sprout history` and `sprout diff` list.
///
/// Key paths follow the file, so a user finds the key where the path says:
/// - a mapping's keys are joined by `.`: `train.optimizer.lr`, `data.validation`;
/// - an item of a list of mappings that all have a distinct `name` (`model.layers`, a repeat block's `layers`) is
///   addressed by that name, not its place: `model.layers.hidden.units`, `model.layers.block.layers.fc.units`.
///   Inserting or removing a layer then names that layer only, instead of every later one as if its values had
///   changed; when the layers both configs have are in another order, the list's own key gives the names in order
///   (`model.layers [hidden, tanh, out] -> [hidden, out, tanh]`), since the order is the order of execution;
/// - an item of another list of mappings by its index: `model.init.rules[0].weight` (the rules' order decides
///   which one wins, so a rule's place is its identity);
/// - a list of scalars is one value: `model.layers.out.inputs [hidden] -> [hidden, skip]`, `data.features`.
///
/// The changes come in the new config's document order (which is the order `ResolvedConfig` writes its sections
/// and keys, so related keys stay together), each mapping's removed keys right after its kept and added ones, a
/// list's removed items after its other items, and a list's order before its items. Every mapping is compared key
/// by key, a `type` change included: swapping `sgd` for `adam` gives `train.optimizer.type sgd -> adam` and then
/// every setting that differs (`lr`, `momentum (none)`, `beta1 (none) -> 0.9`, ...), because settings the two
/// share (`lr`, `weight_decay`) keep their meaning across the swap.
///
/// Left out: the top-level `name` and a sweep's `variant`, which only choose the run's directory. Everything else
/// stays, `description` and `log` included, though the fingerprint ignores them: a user wants to see them.
public enum ConfigChanges {
    /// The changes from the resolved config `old` to the resolved config `new` (YAML texts); empty when they mean
    /// the same; nil when either text is not YAML whose top level is a mapping.
    public static func between(_ old: String, _ new: String) -> [ConfigChange]? {
        guard let oldTree = try? YAMLTree.parse(old, file: "old config.yaml"),
              let newTree = try? YAMLTree.parse(new, file: "new config.yaml") else { return nil }
        return between(oldTree, newTree)
    }

    /// The same for two parsed documents (a caller that holds trees already, or wants the parse errors).
    public static func between(_ old: YAMLTree, _ new: YAMLTree) -> [ConfigChange] {
        let ignored = ["name", "variant"]
        func kept(_ tree: YAMLTree) -> YAMLTree {
            guard case .mapping(let entries) = tree else { return tree }
            return .mapping(entries.filter { !ignored.contains($0.key) })
        }
        var changes: [ConfigChange] = []
        compare(kept(old), kept(new), at: "", into: &changes)
        return changes
    }

    /// Appends what differs between `old` and `new` (nil: absent on that side) at the key path `path`.
    static func compare(_ old: YAMLTree?, _ new: YAMLTree?, at path: String, into changes: inout [ConfigChange]) {
        switch (old, new) {
        case (nil, nil):
            return
        case (.mapping(let oldEntries)?, .mapping(let newEntries)?):
            let newKeys = Set(newEntries.map(\.key))
            for entry in newEntries {
                compare(old?[entry.key], entry.value, at: join(path, entry.key), into: &changes)
            }
            for entry in oldEntries where !newKeys.contains(entry.key) {
                compare(entry.value, nil, at: join(path, entry.key), into: &changes)
            }
        case (.sequence(let oldItems)?, .sequence(let newItems)?) where !isScalarList(oldItems) || !isScalarList(newItems):
            if let oldNames = names(oldItems), let newNames = names(newItems) {
                compareNamed(oldItems, oldNames, newItems, newNames, at: path, into: &changes)
            } else {
                for index in 0..<max(oldItems.count, newItems.count) {
                    compare(oldItems.indices.contains(index) ? oldItems[index] : nil,
                            newItems.indices.contains(index) ? newItems[index] : nil,
                            at: path + "[\(index)]", into: &changes)
                }
            }
        case (.scalar(let a)?, .scalar(let b)?) where same(a, b):
            return
        default:
            // Different scalars, a list of scalars, or a value whose kind changed (`zeros` -> `{type: constant}`).
            guard old != new else { return }
            changes.append(ConfigChange(key: path, old: old?.flowText, new: new?.flowText))
        }
    }

    /// Items matched by name: the order of the shared names first (when it differs), then each item of `new` in
    /// its order, then the items only `old` has.
    static func compareNamed(_ oldItems: [YAMLTree], _ oldNames: [String], _ newItems: [YAMLTree], _ newNames: [String],
                             at path: String, into changes: inout [ConfigChange]) {
        let oldSet = Set(oldNames), newSet = Set(newNames)
        if oldNames.filter(newSet.contains) != newNames.filter(oldSet.contains) {
            changes.append(ConfigChange(key: path, old: nameList(oldNames), new: nameList(newNames)))
        }
        let oldByName = Dictionary(zip(oldNames, oldItems), uniquingKeysWith: { first, _ in first })
        for (name, item) in zip(newNames, newItems) {
            compare(oldByName[name], item, at: join(path, name), into: &changes)
        }
        for (name, item) in zip(oldNames, oldItems) where !newSet.contains(name) {
            compare(item, nil, at: join(path, name), into: &changes)
        }
    }

    /// Each item's `name` when every item is a mapping with a scalar `name` and no name repeats; else nil (the
    /// items are then matched by index).
    static func names(_ items: [YAMLTree]) -> [String]? {
        var names: [String] = []
        for item in items {
            guard case .scalar(let name)? = item["name"] else { return nil }
            names.append(name.text)
        }
        return Set(names).count == names.count ? names : nil
    }

    static func isScalarList(_ items: [YAMLTree]) -> Bool {
        items.allSatisfy { if case .scalar = $0 { true } else { false } }
    }

    /// `[hidden, tanh, out]`: a list's names in order, written as flow YAML.
    static func nameList(_ names: [String]) -> String {
        YAMLTree.sequence(names.map { .scalar(YAMLScalar(text: $0, isString: true)) }).flowText
    }

    static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : path + "." + key }

    /// Two scalars are the same value when they are the same text of the same kind, or two numbers equal as
    /// Doubles: `0.1` and `0.10`, which another Sprout version could write for one value, are not a change.
    static func same(_ a: YAMLScalar, _ b: YAMLScalar) -> Bool {
        guard a.isString == b.isString else { return false }
        if a.text == b.text { return true }
        guard !a.isString, let x = Double(a.text), let y = Double(b.text) else { return false }
        return x == y
    }
}
