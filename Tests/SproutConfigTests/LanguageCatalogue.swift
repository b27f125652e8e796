import SproutConfig
import SproutYAML

/// One feature of the experiment language that some shipped config should run: a variant of a union (`layer type`
/// `batch_norm`, `initializer` `sparse`), a word of a word-valued setting (`initializer.mode` `fan_avg`), one value
/// of a boolean setting (`layer type.bias` `false`), a named definition (`repeat`), or an optional setting being
/// written at all (`train.clip_grad_norm`).
struct LanguageFeature: Hashable, Comparable, CustomStringConvertible {
    enum Kind: String, Comparable {
        case variant, word, boolean, definition, setting
        static func < (a: Kind, b: Kind) -> Bool { a.rawValue < b.rawValue }
    }

    var kind: Kind
    /// Where: a union's noun for its variants and its keys (`data source` also for validation sources: they are
    /// the same sources), an object's dotted path for its keys (`train.early_stopping`).
    var place: String
    var value: String

    var description: String { "\(kind.rawValue) \(place): \(value)" }

    static func < (a: LanguageFeature, b: LanguageFeature) -> Bool {
        (a.kind, a.place, a.value) < (b.kind, b.place, b.value)
    }
}

/// The language's features, read from its one definition (`ExperimentSchema`), and the features a config uses,
/// read by walking a YAML tree against the same definition. Nothing here lists a feature by name: a variant, word,
/// boolean or optional setting added to the schema is in `all` at once.
enum LanguageCatalogue {
    /// Every feature the schema describes.
    static var all: Set<LanguageFeature> {
        var walker = SchemaWalker()
        walker.visit(.object(ExperimentSchema.top), place: "", field: nil)
        return walker.features
    }

    /// The features a YAML tree (a resolved config: every default written out) uses.
    static func used(by root: Node) -> Set<LanguageFeature> {
        var walker = UsageWalker()
        walker.visit(root, .object(ExperimentSchema.top), place: "", field: nil)
        return walker.features
    }

    static func definition(_ name: String) -> SchemaType? {
        ExperimentSchema.definitions.first { $0.name == name }?.type
    }

    static func join(_ place: String, _ field: String) -> String { place.isEmpty ? field : "\(place).\(field)" }
}

/// Collects every feature of the schema.
private struct SchemaWalker {
    var features: Set<LanguageFeature> = []
    var visited: Set<String> = []

    /// `field` is the key whose value has this type, in `place` (nil for a list's items and the top).
    mutating func visit(_ type: SchemaType, place: String, field: String?) {
        switch type {
        case .object(let object):
            let here = field.map { LanguageCatalogue.join(place, $0) } ?? place
            visitFields(object.fields, place: here)
        case .union(let union):
            for variant in union.variants {
                features.insert(LanguageFeature(kind: .variant, place: union.noun, value: variant.name))
                visitFields(union.commonFields + variant.fields, place: union.noun)
            }
        case .word(let words):
            guard let field else { return }
            for word in words { features.insert(LanguageFeature(kind: .word, place: LanguageCatalogue.join(place, field), value: word)) }
        case .boolean:
            guard let field else { return }
            for value in ["true", "false"] {
                features.insert(LanguageFeature(kind: .boolean, place: LanguageCatalogue.join(place, field), value: value))
            }
        case .list(let item, _):
            visit(item, place: place, field: field)
        case .either(let forms):
            for form in forms { visit(form, place: place, field: field) }
        case .reference(let name):
            features.insert(LanguageFeature(kind: .definition, place: "definitions", value: name))
            guard visited.insert(name).inserted, let definition = LanguageCatalogue.definition(name) else { return }
            visit(definition, place: place, field: field)
        case .string, .name, .integer, .number, .character, .any, .dictionary, .pair:
            return
        }
    }

    mutating func visitFields(_ fields: [Field], place: String) {
        for field in fields {
            if case .optional = field.requirement {
                features.insert(LanguageFeature(kind: .setting, place: place, value: field.name))
            }
            visit(field.type, place: place, field: field.name)
        }
    }
}

/// Collects the features a YAML tree uses, walking it against the schema.
private struct UsageWalker {
    var features: Set<LanguageFeature> = []

    mutating func visit(_ node: Node, _ type: SchemaType, place: String, field: String?) {
        switch type {
        case .object(let object):
            let here = field.map { LanguageCatalogue.join(place, $0) } ?? place
            visitEntries(node, fields: object.fields, place: here)
        case .union(let union):
            let name = node.scalar?.text ?? node[union.tag]?.scalar?.text
            guard let name, let variant = union.variant(named: name) else { return }
            features.insert(LanguageFeature(kind: .variant, place: union.noun, value: variant.name))
            visitEntries(node, fields: union.commonFields + variant.fields, place: union.noun)
        case .word:
            guard let field, let text = node.scalar?.text else { return }
            features.insert(LanguageFeature(kind: .word, place: LanguageCatalogue.join(place, field), value: text))
        case .boolean:
            guard let field, case .bool(let value)? = node.scalar?.value else { return }
            features.insert(LanguageFeature(kind: .boolean, place: LanguageCatalogue.join(place, field), value: "\(value)"))
        case .list(let item, _):
            for element in node.sequenceItems ?? [] { visit(element, item, place: place, field: field) }
        case .either(let forms):
            guard let form = forms.first(where: { fits(node, $0) }) else { return }
            visit(node, form, place: place, field: field)
        case .reference(let name):
            features.insert(LanguageFeature(kind: .definition, place: "definitions", value: name))
            guard let definition = LanguageCatalogue.definition(name) else { return }
            visit(node, definition, place: place, field: field)
        case .string, .name, .integer, .number, .character, .any, .dictionary, .pair:
            return
        }
    }

    mutating func visitEntries(_ node: Node, fields: [Field], place: String) {
        for entry in node.mappingEntries ?? [] {
            guard let field = fields.first(where: { $0.name == entry.key.text }) else { continue }
            if case .optional = field.requirement {
                features.insert(LanguageFeature(kind: .setting, place: place, value: field.name))
            }
            visit(entry.value, field.type, place: place, field: field.name)
        }
    }

    /// Whether `node` has the shape of `type`: which form of an `either` it is written in.
    func fits(_ node: Node, _ type: SchemaType) -> Bool {
        switch type {
        case .reference(let name):
            return LanguageCatalogue.definition(name).map { fits(node, $0) } ?? false
        case .object(let object):
            return node.mappingEntries?.allSatisfy { object.field($0.key.text) != nil } ?? false
        case .union(let union):
            if node.mappingEntries != nil { return node[union.tag] != nil }
            return union.bareWords && node.scalar.map { union.variant(named: $0.text) != nil } == true
        case .list:
            return node.sequenceItems != nil
        case .pair:
            // One integer for both axes, or [height, width]: `padding: 1` is the pair, `padding: same` the word.
            if node.sequenceItems?.count == 2 { return true }
            if case .int? = node.scalar?.value { return true }
            return false
        case .number, .integer:
            switch node.scalar?.value {
            case .int?, .float?: return true
            default: return false
            }
        case .string, .name, .word, .character:
            if case .string? = node.scalar?.value { return true }
            return false
        case .boolean:
            if case .bool? = node.scalar?.value { return true }
            return false
        case .either(let forms):
            return forms.contains { fits(node, $0) }
        case .any, .dictionary:
            return true
        }
    }
}
