import SproutDiagnostics
import SproutYAML

extension SettingPaths {
    /// `node` with `value` written at `path`, replacing or adding keys and creating the mappings on the way when a
    /// section is absent, each key created at its place in `keyLocations` (one per part of `path`). `types` are the
    /// settings' types from `node` down (`walk`'s answer): a setting written as a single word that a union allows
    /// (`optimizer: adam`) becomes the mapping it stands for (`{type: adam}`) when the path goes below it. `nil` when
    /// the path runs into any other scalar, or `keyLocations` is shorter than `path`.
    static func setting(_ value: Node, at path: ArraySlice<String>, in node: Node, keyLocations: ArraySlice<SourceLocation>,
                        types: ArraySlice<SchemaType>) -> Node? {
        guard let first = path.first else { return value }
        guard let keyLocation = keyLocations.first else { return nil }
        let below = types.dropFirst(), belowKeys = keyLocations.dropFirst()
        switch node.kind {
        case .mapping(var entries):
            if let index = entries.firstIndex(where: { $0.key.text == first }) {
                guard let child = setting(value, at: path.dropFirst(), in: entries[index].value, keyLocations: belowKeys,
                                          types: below) else { return nil }
                entries[index].value = child
            } else {
                let empty = Node(.mapping([]), at: keyLocation)
                guard let child = setting(value, at: path.dropFirst(), in: empty, keyLocations: belowKeys, types: below)
                else { return nil }
                entries.append(MappingEntry(key: Scalar(text: first, style: .plain, value: .string(first)),
                                            keyLocation: keyLocation, value: child))
            }
            return Node(.mapping(entries), at: node.location)
        case .sequence(var items):
            // A list of layers: the path names a node by its `name`.
            guard let index = items.firstIndex(where: { $0["name"]?.scalar?.text == first }),
                  let child = setting(value, at: path.dropFirst(), in: items[index], keyLocations: belowKeys, types: below)
            else { return nil }
            items[index] = child
            return Node(.sequence(items), at: node.location)
        case .scalar(let word):
            guard word.style == .plain, case .string = word.value, let type = types.first, let tag = unionTag(type)
            else { return nil }
            let mapping = Node(.mapping([MappingEntry(key: Scalar(text: tag, style: .plain, value: .string(tag)),
                                                      keyLocation: node.location, value: node)]), at: node.location)
            return setting(value, at: path, in: mapping, keyLocations: keyLocations, types: types)
        }
    }

    /// `node` without the setting (or the named node of a list) at `path`; `nil` when it is not written.
    static func removing(_ path: ArraySlice<String>, from node: Node) -> Node? {
        guard let first = path.first else { return nil }
        switch node.kind {
        case .mapping(var entries):
            guard let index = entries.firstIndex(where: { $0.key.text == first }) else { return nil }
            if path.count == 1 {
                entries.remove(at: index)
            } else {
                guard let child = removing(path.dropFirst(), from: entries[index].value) else { return nil }
                entries[index].value = child
            }
            return Node(.mapping(entries), at: node.location)
        case .sequence(var items):
            guard let index = items.firstIndex(where: { $0["name"]?.scalar?.text == first }) else { return nil }
            if path.count == 1 {
                items.remove(at: index)
            } else {
                guard let child = removing(path.dropFirst(), from: items[index]) else { return nil }
                items[index] = child
            }
            return Node(.sequence(items), at: node.location)
        case .scalar:
            return nil
        }
    }
}
