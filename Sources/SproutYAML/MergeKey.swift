import SproutDiagnostics

/// Merge keys, with their YAML 1.1 meaning (https://yaml.org/type/merge.html), which YAML 1.2 dropped from the
/// core schema but which configs use to share defaults:
///
///     base: &base {lr: 0.1, epochs: 10}
///     run:
///       <<: *base        # or  <<: [*base, *other]
///       lr: 0.01         # explicit keys win: run is {epochs: 10, lr: 0.01} in the order below
///
/// Rules:
/// - Only a plain `<<` key is a merge key; a quoted `"<<"` is an ordinary key.
/// - Its value is a mapping (usually an alias) or a sequence of mappings; anything else is an error.
/// - Keys written in the mapping itself win over merged ones, wherever they appear.
/// - Among the mappings of a sequence, the earlier one wins.
/// - Merged keys are never duplicates, neither of each other nor of explicit keys; two `<<` keys in one mapping
///   are, like any other repeated key.
/// - Order: merged entries take the place of the `<<` entry, in the order of their source mappings, so the
///   resulting key order is still the document order of whatever survives.
/// Merged entries keep their own locations (inside the anchored mapping). A merged mapping's own merges were
/// resolved when it was built, so merges chain.
enum MergeKey {
    /// One piece of a mapping being assembled: an explicit entry, or the mappings a `<<` brings in.
    enum Part {
        case entry(MappingEntry, size: Int, height: Int)
        case merge([[MappingEntry]], size: Int, height: Int)
    }

    static func isMergeKey(_ key: Scalar) -> Bool {
        key.style == .plain && key.text == "<<"
    }

    /// The mappings a `<<` value brings in, or `nil` (with a diagnostic) when it is not a mapping or a sequence of
    /// mappings.
    static func part(from value: BuiltNode, diagnostics: inout [Diagnostic]) -> Part? {
        if value.isPlaceholder { return nil }
        switch value.node.kind {
        case .mapping(let entries):
            return .merge([entries], size: value.size - 1, height: value.height)
        case .sequence(let items):
            var sources: [[MappingEntry]] = []
            for item in items {
                guard let entries = item.mappingEntries else {
                    diagnostics.append(YAMLMessages.invalidMergeValue(found: item.kindDescription, at: item.location))
                    return nil
                }
                sources.append(entries)
            }
            return .merge(sources, size: value.size - 1, height: max(0, value.height - 1))
        case .scalar:
            diagnostics.append(YAMLMessages.invalidMergeValue(found: value.node.kindDescription, at: value.site))
            return nil
        }
    }

    /// The final mapping: explicit entries in order, each `<<` replaced by the merged entries not overridden.
    static func resolve(_ parts: [Part], at location: SourceLocation) -> BuiltNode {
        var explicitKeys = Set<String>()
        for case .entry(let entry, _, _) in parts { explicitKeys.insert(entry.key.text) }
        var taken = explicitKeys
        var entries: [MappingEntry] = []
        var size = 1
        var height = 0
        for part in parts {
            switch part {
            case .entry(let entry, let entrySize, let entryHeight):
                entries.append(entry)
                size += entrySize
                height = max(height, entryHeight)
            case .merge(let sources, let mergedSize, let mergedHeight):
                for source in sources {
                    for entry in source where taken.insert(entry.key.text).inserted {
                        entries.append(entry)
                    }
                }
                size += mergedSize
                height = max(height, mergedHeight - 1)
            }
        }
        return BuiltNode(node: Node(.mapping(entries), at: location), size: size, height: height + 1, site: location)
    }
}
