import SproutDiagnostics
import SproutYAML

extension ConfigOverrides {
    /// `root` with every override written in, in command-line order; each mistake against this config (a key the
    /// language does not have there, `+` for a written key, `~` for one not written) reported at its place in
    /// `<arguments>`, and that override left out.
    ///
    /// A swept override (`--sweep`) becomes an entry of the config's `sweep:` (replacing one of the same path); a
    /// plain override of a path the config sweeps fixes that value and drops the sweep entry, as a command line
    /// overrides a Hydra sweeper's config.
    ///
    /// `removals`: for each mapping a removal took a key from, the removal (as given, with its place), so that a
    /// problem the removal causes there (a required key now missing) can say so.
    func apply(to root: Node, configFile: String, into diagnostics: DiagnosticCollector,
               removals: inout [SourceLocation: (text: String, at: SourceLocation)]) -> Node {
        var result = root
        for item in items {
            if let top = item.path.first, ["sweep", "extends", "expect_warnings", "name"].contains(top) {
                let help = top == "sweep" ? "sweep a setting from the command line with --sweep, e.g. --sweep train.optimizer.lr=0.1,0.01"
                    : top == "name" ? "the overrides name the run themselves: <name>@<overrides>"
                    : "edit the config's \(top) in the file"
                diagnostics.report(.invalidOverride, "'\(top)' cannot be overridden from the command line", at: item.partLocations[0],
                                   help: [help])
                continue
            }
            let path = SettingPaths.canonical(item.path, root: result)
            // Each part's place in the argument, aligned with `path` (`layers`, written in by `canonical`, at the
            // node's name): where a mistake in that part is reported, and where a key the override creates is.
            var locations = item.partLocations
            if path.count > item.path.count, locations.count > 1 { locations.insert(locations[1], at: 1) }
            let types: [SchemaType]
            switch SettingPaths.walk(path, root: result) {
            case .success(let walked):
                types = walked
            case .failure(let unknown):
                let part = path[unknown.index]
                // Below `model`, a node's name is as good as a setting (`model.hidden.units`).
                var choices = unknown.choices, kind = unknown.isNodeName ? "named nodes" : "keys"
                if unknown.index == 1 && path[0] == "model" {
                    choices += result["model"]?["layers"]?.sequenceItems?.compactMap { $0["name"]?.scalar?.text } ?? []
                    kind = "keys and named nodes"
                }
                let location = locations[min(unknown.index, locations.count - 1)]
                let message = unknown.isNodeName ? "no \(unknown.here.hasSuffix("layers") ? "node" : "item") named '\(part)' in \(unknown.here)"
                    : choices.isEmpty ? "\(unknown.here) has no settings below it, so no '\(part)'"
                    : "unknown key '\(part)' in \(unknown.here)"
                diagnostics.report(unknown.isNodeName ? .unknownNode : .unknownKey, message, at: location,
                                   help: choices.isEmpty ? [] : [Suggestions.help(for: part, among: choices,
                                                                                   kind: kind)])
                continue
            }
            let written = SettingPaths.written(at: path, in: result)
            let shown = path.joined(separator: ".")
            switch item.action {
            case .add where written != nil:
                diagnostics.report(.invalidOverride, "'\(shown)' is already set in \(written?.location.file ?? configFile); '+' adds a key the config does not write",
                                   at: item.partLocations[0], notes: written.map { [Diagnostic.Note("set here", at: $0.location)] } ?? [],
                                   help: ["write \(item.pathText)=... (without '+') to change it"])
                continue
            case .remove:
                guard let written else {
                    diagnostics.report(.invalidOverride, "'\(shown)' is not set in \(configFile), so there is nothing to remove",
                                       at: item.partLocations[0], help: ["leave out the override; the setting already has its default"])
                    continue
                }
                if let value = item.value, value.json != written.json {
                    diagnostics.report(.invalidOverride, "'\(shown)' is \(written.json) in \(configFile), not \(value.json)",
                                       at: value.location, notes: [Diagnostic.Note("set here", at: written.location)],
                                       help: ["write ~\(item.pathText) to remove it whatever its value"])
                    continue
                }
                if let removed = SettingPaths.removing(path[...], from: result) {
                    if let parent = SettingPaths.written(at: Array(path.dropLast()), in: result) {
                        removals[parent.location] = (item.text, item.partLocations[0])
                    }
                    result = withoutSweepEntry(path, in: removed)
                }
                continue
            default:
                break
            }
            if let values = item.sweepValues {
                result = withSweepEntry(path, values: values, keyLocation: item.partLocations[0], in: result)
                continue
            }
            guard let value = item.value,
                  let updated = SettingPaths.setting(value, at: path[...], in: result, keyLocations: locations[...],
                                                     types: types[...]) else {
                let section = item.path.dropLast().joined(separator: ".")
                let example = types.dropLast().last.flatMap(SettingPaths.unionTag).map { tag in
                    "override the whole setting instead, e.g. \(section)={\(tag): ..., \(item.path.last ?? ""): ...}"
                } ?? "override the whole setting instead: \(section)={\(item.path.last ?? ""): ...}"
                diagnostics.report(.invalidOverride, "'\(shown)' cannot be written into \(configFile): the path runs through a setting written as a single value",
                                   at: item.partLocations[max(0, item.partLocations.count - 2)], help: [example])
                continue
            }
            result = withoutSweepEntry(path, in: updated)
        }
        return result
    }

    private func withoutSweepEntry(_ path: [String], in root: Node) -> Node {
        Sweep.editingEntries(of: root, at: root.location) { entries in
            entries.removeAll { Sweep.path(of: $0, in: root) == path }
        }
    }

    private func withSweepEntry(_ path: [String], values: [Node], keyLocation: SourceLocation, in root: Node) -> Node {
        let key = path.joined(separator: ".")
        let entry = MappingEntry(key: Scalar(text: key, style: .plain, value: .string(key)), keyLocation: keyLocation,
                                 value: Node(.sequence(values), at: values.first?.location ?? keyLocation))
        return Sweep.editingEntries(of: root, at: keyLocation) { entries in
            if let index = entries.firstIndex(where: { Sweep.path(of: $0, in: root) == path }) {
                entries[index] = entry
            } else {
                entries.append(entry)
            }
        }
    }
}
