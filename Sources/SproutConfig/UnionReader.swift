import SproutDiagnostics
import SproutYAML

/// Reads a value of a union (layer, initializer, optimizer, data source): a bare word, or a mapping whose tag key
/// (`type`, or `source` for data) names the variant and whose other keys are that variant's parameters.
///
/// Messages: an unknown name gets a did-you-mean; a key that belongs to another variant ("a constant initializer
/// with `std`") says which keys this variant takes instead of calling the key unknown.
struct UnionReader {
    let union: UnionSchema
    let variant: UnionSchema.Variant
    /// The name as written (an alias stays an alias: `he_normal` is its own variant, `glorot_uniform` an alias).
    let name: String
    /// The parameters' reader; `nil` for a bare word (every parameter then takes its default).
    let reader: SectionReader?
    let node: Node
    let diagnostics: DiagnosticCollector

    /// `what` names the place in messages ("model.init.weight", "optimizer", "data").
    init?(_ node: Node, _ union: UnionSchema, what: String, into diagnostics: DiagnosticCollector) {
        self.union = union
        self.node = node
        self.diagnostics = diagnostics
        let nameNode: Node
        if node.mappingEntries != nil {
            guard let tagNode = node[union.tag] else {
                // Still check the keys, so a typo next to the missing tag is reported too.
                _ = SectionReader(node, section: what, fields: [], extraKeys: union.allKeys, into: diagnostics)
                diagnostics.report(.missingKey, "\(what) is missing the required key '\(union.tag)'", at: node.location,
                                   help: ["valid \(union.plural): " + union.variants.map(\.name).joined(separator: ", ")])
                return nil
            }
            nameNode = tagNode
        } else if case .string? = node.scalar?.value, union.bareWords {
            nameNode = node
        } else {
            let article = "aeiou".contains(union.noun.first ?? "x") ? "an" : "a"
            let form = union.bareWords ? "\(article) \(union.noun) name or a mapping with '\(union.tag)'" : "a mapping"
            diagnostics.report(.typeMismatch, "\(what) must be \(form), found \(node.kindDescription)", at: node.location)
            return nil
        }
        guard let name = diagnostics.string(nameNode, union.tag) else { return nil }
        guard let variant = union.variant(named: name) else {
            diagnostics.report(.unknownChoice, "unknown \(union.noun) '\(Suggestions.display(name))'", at: nameNode.location,
                               help: [Suggestions.help(for: name, among: union.names, kind: union.plural)])
            return nil
        }
        self.variant = variant
        self.name = name
        guard node.mappingEntries != nil else {
            if let missing = variant.fields.first(where: \.isRequired) {
                diagnostics.report(.missingKey, "\(union.noun) '\(name)' needs '\(missing.name)'", at: node.location,
                                   help: ["write it as a mapping: {\(union.tag): \(name), \(missing.name): …}"])
                return nil
            }
            reader = nil
            return
        }
        let allKeys = Set(union.allKeys)
        let takes = variant.fields.isEmpty ? "takes no parameters"
            : "takes " + variant.fields.map { "'\($0.name)'" }.joined(separator: ", ")
        guard let reader = SectionReader(
            node, section: "\(union.label) '\(name)'", fields: union.commonFields + variant.fields,
            extraKeys: [union.tag], into: diagnostics,
            unknownKey: { entry in
                guard allKeys.contains(entry.key.text) else { return false }
                diagnostics.report(.unknownKey, "\(union.label) '\(name)' has no parameter '\(entry.key.text)'",
                                   at: entry.keyLocation,
                                   help: ["\(name) \(takes)"] + (union.missingKeyHelp[entry.key.text].map { [$0] } ?? []))
                return true
            }) else { return nil }
        self.reader = reader
    }

    /// The reader to take parameters from: for a bare word, one over an empty mapping, so defaults apply.
    var parameters: SectionReader? {
        reader ?? SectionReader(Node(.mapping([]), at: node.location), section: "\(union.label) '\(name)'",
                                fields: union.commonFields + variant.fields, into: diagnostics)
    }

    /// For a `switch` over variant names: a variant the schema lists but this decoder does not handle is reported,
    /// never silently dropped.
    func unhandled<T>() -> T? {
        diagnostics.report(.internalError, "Sprout cannot read \(union.noun) '\(name)' yet", at: node.location,
                           help: ["this is a bug in Sprout: the language lists it, the decoder does not handle it"])
        return nil
    }
}
