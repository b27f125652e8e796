/// Writes the experiment language as JSON Schema draft-07, the dialect editors' YAML language servers read.
///
/// Every mapping has `additionalProperties: false` (an unknown key is an error in Sprout too); numbers carry their
/// range and float32's; a union is an `anyOf` of its bare words and one object per variant, told apart by a
/// `type` constant.
public enum JSONSchemaWriter {
    /// float32's largest finite value: Sprout computes in float32, so larger numbers are refused.
    static let float32Max = Double(Float.greatestFiniteMagnitude)

    public static func experimentSchema() -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("$schema", .string("http://json-schema.org/draft-07/schema#")),
            ("title", .string("Sprout experiment")),
        ]
        // A config that `extends` others is a part: Sprout checks it once merged with its bases, so the schema
        // checks only that its top-level keys are the language's (and the type of `extends`); any other config is
        // checked whole.
        members.append(("if", .object([("required", .array([.string("extends")]))])))
        members.append(("then", extendingConfig()))
        members.append(("else", object(ExperimentSchema.top)))
        members.append(("definitions", .object(ExperimentSchema.definitions.map { ($0.name, schema($0.type)) })))
        return .object(members)
    }

    /// The schema of a config with `extends`: the top level's keys, each with its description, any value.
    static func extendingConfig() -> JSONValue {
        let properties = ExperimentSchema.top.fields.map { field -> (key: String, value: JSONValue) in
            guard field.name != "extends" else { return (field.name, property(field)) }
            return (field.name, .object([("description", .string(field.summary))]))
        }
        return .object([("type", .string("object")),
                        ("description", .string("A config written as changes to the configs it extends.")),
                        ("properties", .object(properties)), ("additionalProperties", .boolean(false))])
    }

    static func schema(_ type: SchemaType) -> JSONValue {
        switch type {
        case .string:
            return .object([("type", .string("string"))])
        case .name(let kind):
            return .object([("type", .string("string")), ("pattern", .string(NameRules.pattern(kind)))])
        case .word(let words):
            return .object([("type", .string("string")), ("enum", .array(words.map(JSONValue.string)))])
        case .integer(let range):
            return .object([("type", .string("integer")), ("minimum", .integer(range.lowerBound)),
                            ("maximum", .integer(range.upperBound))])
        case .number(let range):
            return number(range)
        case .boolean:
            return .object([("type", .string("boolean"))])
        case .character:
            return .object([("type", .string("string")), ("pattern", .string(#"^[\t\x20-\x21\x23-\x7e]$"#))])
        case .list(let item, let minItems):
            return .object([("type", .string("array")), ("items", schema(item)), ("minItems", .integer(minItems))])
        case .pair(let range):
            let one = schema(.integer(range))
            return .object([("anyOf", .array([one, .object([("type", .string("array")), ("items", one),
                                                           ("minItems", .integer(2)), ("maxItems", .integer(2))])]))])
        case .object(let object):
            return self.object(object)
        case .union(let union):
            return self.union(union)
        case .either(let forms):
            return .object([("anyOf", .array(forms.map(schema)))])
        case .reference(let name):
            return .object([("$ref", .string("#/definitions/\(name)"))])
        case .any:
            return .object([])
        case .dictionary(let keys, let values):
            return .object([("type", .string("object")), ("description", .string(keys)),
                            ("minProperties", .integer(1)), ("additionalProperties", schema(values))])
        }
    }

    static func number(_ range: NumberRange) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [("type", .string("number"))]
        members.append((range.minimumIsExclusive ? "exclusiveMinimum" : "minimum", .number(range.minimum ?? -float32Max)))
        members.append((range.maximumIsExclusive ? "exclusiveMaximum" : "maximum", .number(range.maximum ?? float32Max)))
        return .object(members)
    }

    /// An object; a union's variant also gets its tag key (`type: dense`) as a required constant.
    static func object(_ object: ObjectSchema, tag: (key: String, names: [String])? = nil,
                       extraFields: [Field] = []) -> JSONValue {
        var properties: [(key: String, value: JSONValue)] = []
        if let tag {
            properties.append((tag.key, .object([("enum", .array(tag.names.map(JSONValue.string)))])))
        }
        for field in extraFields + object.fields {
            properties.append((field.name, property(field)))
        }
        var members: [(key: String, value: JSONValue)] = [
            ("type", .string("object")), ("description", .string(object.summary)), ("properties", .object(properties)),
        ]
        let required = (tag.map { [$0.key] } ?? []) + (extraFields + object.fields).filter(\.isRequired).map(\.name)
        if !required.isEmpty { members.append(("required", .array(required.map(JSONValue.string)))) }
        members.append(("additionalProperties", .boolean(false)))
        return .object(members)
    }

    /// A field's schema with its description and default merged in.
    static func property(_ field: Field) -> JSONValue {
        var members: [(key: String, value: JSONValue)]
        if case .object(let m) = schema(field.type) { members = m } else { members = [] }
        var description = field.summary
        if case .optional(let meaning) = field.requirement { description += " Default: \(meaning)." }
        // The field's own words replace the type's general description.
        members.removeAll { $0.key == "description" }
        members.append(("description", .string(description)))
        if case .defaultValue(let value) = field.requirement { members.append(("default", json(value))) }
        return .object(members)
    }

    static func json(_ value: DefaultValue) -> JSONValue {
        switch value {
        case .number(let d): return .number(d)
        case .integer(let i): return .integer(i)
        case .boolean(let b): return .boolean(b)
        case .word(let w): return .string(w)
        }
    }

    static func union(_ union: UnionSchema) -> JSONValue {
        var forms: [JSONValue] = []
        let bare = union.bareWords ? union.variants.filter(\.allowsBareWord).flatMap { [$0.name] + $0.aliases } : []
        if !bare.isEmpty {
            forms.append(.object([("type", .string("string")), ("enum", .array(bare.map(JSONValue.string)))]))
        }
        for variant in union.variants {
            forms.append(object(variant.object, tag: (union.tag, [variant.name] + variant.aliases),
                                extraFields: union.commonFields))
        }
        return .object([("description", .string(union.summary)), ("anyOf", .array(forms))])
    }
}
