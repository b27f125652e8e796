import SproutDiagnostics
import SproutYAML

/// A dotted path to a setting (`train.optimizer.lr`), as a sweep entry and a command-line override write it,
/// checked against the language: each part must be a key of the section it is in (any variant's key in a union),
/// and below `model.layers` the name of a node written with an explicit `name`. `model.hidden` is short for
/// `model.layers.hidden` when the model has no setting `hidden` and writes a node of that name.
enum SettingPaths {
    /// Where a path stops making sense: the part's index, where it is (`train`, or "the config" at the top), the
    /// parts that would have been valid there, and whether they are node names (below `model.layers`).
    struct Unknown: Error {
        var index: Int
        var here: String
        var choices: [String]
        var isNodeName: Bool
    }

    /// The path with `layers` written in after `model` when the second part names a node of the model rather than
    /// one of its settings.
    static func canonical(_ path: [String], root: Node) -> [String] {
        guard path.count >= 2, path[0] == "model", ExperimentSchema.model.field(path[1]) == nil,
              let layers = root["model"]?["layers"]?.sequenceItems,
              layers.contains(where: { $0["name"]?.scalar?.text == path[1] }) else { return path }
        return ["model", "layers"] + path[1...]
    }

    /// The path without `layers` after `model` when the part after it cannot be a setting of the model (so names a
    /// node): one spelling of a node's path without reading the config, for overrides' names.
    static func shortened(_ path: [String]) -> [String] {
        guard path.count >= 3, path[0] == "model", path[1] == "layers", ExperimentSchema.model.field(path[2]) == nil
        else { return path }
        return ["model"] + path[2...]
    }

    /// The type of the setting at each prefix of `path` (the config's own type first, then one per part), or where
    /// the path stops making sense.
    static func walk(_ path: [String], root: Node) -> Result<[SchemaType], Unknown> {
        var type = SchemaType.object(ExperimentSchema.top)
        var types = [type]
        var document: Node? = root
        for (index, part) in path.enumerated() {
            guard let next = step(type, part, document: document) else {
                let here = index == 0 ? "the config" : path[..<index].joined(separator: ".")
                var isList = false
                if case .list = resolve(type) { isList = true }
                return .failure(Unknown(index: index, here: here, choices: keys(of: type, document: document), isNodeName: isList))
            }
            type = next
            types.append(type)
            document = document.flatMap { child(of: $0, part) }
        }
        return .success(types)
    }

    /// The union tag (`type`, `source`) of a setting's type, when it is a union a single word may stand for.
    static func unionTag(_ type: SchemaType) -> String? {
        if case .union(let union) = resolve(type) { return union.tag }
        if case .either(let forms) = resolve(type) { return forms.lazy.compactMap(unionTag).first }
        return nil
    }

    /// The type one part further down, or `nil` when `part` is not there.
    private static func step(_ type: SchemaType, _ part: String, document: Node?) -> SchemaType? {
        switch resolve(type) {
        case .object(let object):
            return object.field(part)?.type
        case .union(let union):
            if part == union.tag { return .word(union.names) }
            return (union.commonFields + union.variants.flatMap(\.fields)).first { $0.name == part }?.type
        case .either(let forms):
            // Any of the forms that has this part (a layer or a repeat block).
            return forms.lazy.compactMap { step($0, part, document: document) }.first
        case .list(let item, _):
            // Layers: by explicit node name.
            guard let items = document?.sequenceItems,
                  items.contains(where: { $0["name"]?.scalar?.text == part }) else { return nil }
            return item
        default:
            return nil
        }
    }

    /// The parts that would have been valid here, for the did-you-mean.
    private static func keys(of type: SchemaType, document: Node?) -> [String] {
        switch resolve(type) {
        case .object(let object): return object.keys
        case .union(let union): return union.allKeys
        case .list: return document?.sequenceItems?.compactMap { $0["name"]?.scalar?.text } ?? []
        case .either(let forms):
            var seen = Set<String>()
            return forms.flatMap { keys(of: $0, document: document) }.filter { seen.insert($0).inserted }
        default: return []
        }
    }

    private static func resolve(_ type: SchemaType) -> SchemaType {
        if case .reference(let name) = type, let definition = ExperimentSchema.definitions.first(where: { $0.name == name }) {
            return definition.type
        }
        return type
    }

    /// The child of a mapping by key, or of a list of nodes by node name.
    static func child(of node: Node, _ part: String) -> Node? {
        if node.mappingEntries != nil { return node[part] }
        return node.sequenceItems?.first { $0["name"]?.scalar?.text == part }
    }

    /// The node the config writes at `path`, if any.
    static func written(at path: [String], in root: Node) -> Node? {
        path.reduce(Optional(root)) { node, part in node.flatMap { child(of: $0, part) } }
    }
}

/// Checks a sweep's paths (`SettingPaths`), reporting as a sweep's mistakes.
enum SweepPaths {
    static func check(_ path: [String], at location: SourceLocation, root: Node,
                      into diagnostics: DiagnosticCollector) -> Bool {
        if path.first == "sweep" {
            diagnostics.report(.invalidSweepPath, "a sweep cannot sweep itself", at: location)
            return false
        }
        guard case .failure(let unknown) = SettingPaths.walk(path, root: root) else { return true }
        let part = path[unknown.index]
        diagnostics.report(.invalidSweepPath,
            unknown.choices.isEmpty ? "sweep path '\(path.joined(separator: "."))': \(unknown.here) has no settings below it"
                                    : "sweep path '\(path.joined(separator: "."))': \(unknown.here) has no setting '\(part)'",
            at: location,
            help: unknown.choices.isEmpty ? [] : [Suggestions.help(for: part, among: unknown.choices, kind: "settings")])
        return false
    }
}
