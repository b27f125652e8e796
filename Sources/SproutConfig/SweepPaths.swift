import SproutDiagnostics
import SproutYAML

/// Checks a sweep path against the language: each part must be a key of the section it is in (any variant's key in
/// a union), and below `model.layers` the name of a node written with an explicit `name`.
enum SweepPaths {
    static func check(_ path: [String], at location: SourceLocation, root: Node,
                      into diagnostics: DiagnosticCollector) -> Bool {
        if path.first == "sweep" {
            diagnostics.report(.invalidSweepPath, "a sweep cannot sweep itself", at: location)
            return false
        }
        var type = SchemaType.object(ExperimentSchema.top)
        var document: Node? = root
        var walked: [String] = []
        for part in path {
            let here = walked.isEmpty ? "the config" : walked.joined(separator: ".")
            guard let next = step(type, part, document: document) else {
                let choices = keys(of: type, document: document)
                diagnostics.report(.invalidSweepPath,
                    choices.isEmpty ? "sweep path '\(path.joined(separator: "."))': \(here) has no settings below it"
                                    : "sweep path '\(path.joined(separator: "."))': \(here) has no setting '\(part)'",
                    at: location,
                    help: choices.isEmpty ? [] : [Suggestions.help(for: part, among: choices, kind: "settings")])
                return false
            }
            type = next
            document = document.flatMap { child(of: $0, part) }
            walked.append(part)
        }
        return true
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

    private static func child(of node: Node, _ part: String) -> Node? {
        if node.mappingEntries != nil { return node[part] }
        return node.sequenceItems?.first { $0["name"]?.scalar?.text == part }
    }
}
