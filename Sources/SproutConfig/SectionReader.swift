import SproutDiagnostics
import SproutYAML

/// One config mapping read against its schema: unknown keys reported with a did-you-mean, and typed values checked
/// against the field's type and range, with the field's default when the key is absent. Every problem is added to
/// the collector and the value comes back `nil`, so decoding goes on and finds the other problems too.
///
/// For a key that is absent: a required field is reported missing; a field with a default returns the default; an
/// optional field returns `nil` silently (the caller computes what absence means; check `self[key] == nil`).
struct SectionReader {
    let node: Node
    let section: String
    let fields: [Field]
    let diagnostics: DiagnosticCollector

    /// `nil` (after an error) when `node` is not a mapping. `section` names it in messages ("train",
    /// "layer 'dense'"). Keys outside `fields` and `extraKeys` are reported; `unknownKey` may word that report
    /// itself (a key that belongs to another variant) and returns `false` to fall back to the generic one.
    init?(_ node: Node, section: String, fields: [Field], extraKeys: [String] = [],
          into diagnostics: DiagnosticCollector, unknownKey: (MappingEntry) -> Bool = { _ in false }) {
        guard let entries = node.mappingEntries else {
            diagnostics.report(.typeMismatch, "\(section) must be a mapping, found \(node.kindDescription)", at: node.location)
            return nil
        }
        self.node = node
        self.section = section
        self.fields = fields
        self.diagnostics = diagnostics
        let allowed = extraKeys + fields.map(\.name)
        for entry in entries where !allowed.contains(entry.key.text) && !unknownKey(entry) {
            // Keras' `Dense(8, activation="relu")`: in Sprout the activation is a node of its own.
            let help = entry.key.text == "activation" && allowed.contains("units")
                ? Synonyms.activationHelp(value: { if case .scalar(let text) = entry.value.kind { return text.text }; return nil }())
                : Suggestions.help(for: entry.key.text, among: allowed, kind: "keys")
            diagnostics.report(.unknownKey,
                "unknown key '\(Suggestions.display(entry.key.text))' in \(section)", at: entry.keyLocation, help: [help])
        }
    }

    init?(_ node: Node, section: String, schema: ObjectSchema, into diagnostics: DiagnosticCollector) {
        self.init(node, section: section, fields: schema.fields, into: diagnostics)
    }

    subscript(key: String) -> Node? { node[key] }

    private func field(_ key: String) -> Field? { fields.first { $0.name == key } }

    /// The value node of `key`, reporting it when it is required and absent.
    func value(_ key: String) -> Node? {
        if let value = node[key] { return value }
        if field(key)?.isRequired == true {
            diagnostics.report(.missingKey, "\(section) is missing the required key '\(key)'", at: node.location)
        }
        return nil
    }

    private func defaultValue(_ key: String) -> DefaultValue? {
        if case .defaultValue(let value)? = field(key)?.requirement { return value }
        return nil
    }

    func integer(_ key: String) -> Int? {
        guard let value = value(key) else {
            if case .integer(let d)? = defaultValue(key) { return d }
            return nil
        }
        guard case .integer(let range)? = field(key)?.type else { return nil }
        return diagnostics.integer(value, key, in: range)
    }

    func number(_ key: String) -> Double? {
        guard let value = value(key) else {
            switch defaultValue(key) {
            case .number(let d)?: return d
            case .integer(let i)?: return Double(i)
            default: return nil
            }
        }
        // A number, or a number among other forms (`validation`: a fraction or a source).
        let range: NumberRange
        switch field(key)?.type {
        case .number(let r)?: range = r
        case .either(let forms)?:
            guard let r = forms.lazy.compactMap({ form -> NumberRange? in
                if case .number(let r) = form { return r } else { return nil }
            }).first else { return nil }
            range = r
        default: return nil
        }
        return diagnostics.number(value, key, range)
    }

    /// One byte of a `.character` field (see `SchemaType.character` for the characters allowed).
    func character(_ key: String) -> UInt8? {
        let text: String
        if let value = value(key) {
            guard let written = diagnostics.string(value, key) else { return nil }
            let bytes = Array(written.utf8)
            guard bytes.count == 1, bytes[0] == 0x09 || (0x20...0x7E).contains(bytes[0]), bytes[0] != 0x22 else {
                diagnostics.report(.notOneCharacter, "'\(key)' must be one character (a tab or printable ASCII, not a double quote), "
                                      + "found \(ResolvedConfig.quote(written))", at: value.location)
                return nil
            }
            text = written
        } else {
            guard case .word(let d)? = defaultValue(key) else { return nil }
            text = d
        }
        return text.utf8.first
    }

    func boolean(_ key: String) -> Bool? {
        guard let value = value(key) else {
            if case .boolean(let b)? = defaultValue(key) { return b }
            return nil
        }
        return diagnostics.boolean(value, key)
    }

    func string(_ key: String) -> String? {
        guard let value = value(key) else { return nil }
        return diagnostics.string(value, key)
    }

    /// One of the field's words, as a Swift enum whose raw values are those words.
    func choice<T: RawRepresentable>(_ key: String, as type: T.Type) -> T? where T.RawValue == String {
        guard let value = value(key) else {
            if case .word(let w)? = defaultValue(key) { return T(rawValue: w) }
            return nil
        }
        guard case .word(let words)? = field(key)?.type else { return nil }
        guard let word = diagnostics.string(value, key, choices: words) else { return nil }
        guard words.contains(word), let choice = T(rawValue: word) else {
            diagnostics.report(.unknownChoice, "unknown \(key) '\(Suggestions.display(word))'", at: value.location,
                               help: [Suggestions.help(for: word, among: words, kind: "choices")])
            return nil
        }
        return choice
    }
}
