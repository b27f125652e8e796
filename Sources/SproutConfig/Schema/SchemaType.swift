/// The experiment language described as data: one description from which both the decoder (allowed keys, types,
/// ranges, defaults) and the JSON Schema for editors (`sprout schema`) are derived, so they cannot disagree.
public indirect enum SchemaType: Sendable {
    /// Any string.
    case string
    /// A name that becomes a path or a key; the rules live in `NameRules`.
    case name(NameKind)
    /// One of these words.
    case word([String])
    case integer(ClosedRange<Int>)
    case number(NumberRange)
    case boolean
    /// One character: a tab or a printable ASCII character other than the double quote (a CSV delimiter; the
    /// quote opens quoted fields, and a multi-byte character could not be found byte by byte).
    case character
    /// A list of items, at least `minItems` long.
    case list(SchemaType, minItems: Int)
    /// An integer in `range` for both axes of an image, or a list `[height, width]` of two (PyTorch's `_pair`: a
    /// kernel size, a stride, a padding, a dilation).
    case pair(ClosedRange<Int>)
    /// A mapping with fixed keys.
    case object(ObjectSchema)
    /// A mapping whose `type` picks one of several variants, each with its own keys; parameter-free variants may
    /// also be written as a bare word.
    case union(UnionSchema)
    /// Any of these forms (`inputs: a` or `inputs: [a, b]`).
    case either([SchemaType])
    /// A named definition, shared by several places (`initializer`).
    case reference(String)
    /// Any value (a sweep's values, checked by decoding each combination instead).
    case any
    /// A mapping from free keys (described in words) to values of one type: the sweep.
    case dictionary(keys: String, values: SchemaType)
}

/// The kinds of names with rules of their own.
public enum NameKind: Sendable {
    /// A run's directory under runs/.
    case run
    /// A model node, part of parameter names.
    case node
}

/// A number's allowed interval; each end is open or closed. Every number is also finite and within float32.
public struct NumberRange: Sendable, Hashable {
    public var minimum: Double?
    public var minimumIsExclusive = false
    public var maximum: Double?
    public var maximumIsExclusive = false

    public static let any = NumberRange()
    /// > 0: learning rates, gains.
    public static let positive = NumberRange(minimum: 0, minimumIsExclusive: true)
    /// ≥ 0: standard deviations, weight decay, noise.
    public static let nonNegative = NumberRange(minimum: 0)
    /// [0, 1): momentum, dropout rate, validation fraction.
    public static let unitInterval = NumberRange(minimum: 0, maximum: 1, maximumIsExclusive: true)

    /// What is wrong with `value`, as the end of a sentence ("must be greater than 0"), or `nil` when it fits.
    public func problem(_ value: Double) -> String? {
        let tooLow = minimum.map { minimumIsExclusive ? value <= $0 : value < $0 } ?? false
        let tooHigh = maximum.map { maximumIsExclusive ? value >= $0 : value > $0 } ?? false
        guard tooLow || tooHigh else { return nil }
        return "must be " + description
    }

    /// "greater than 0", "at least 0 and less than 1".
    public var description: String {
        func text(_ x: Double) -> String { x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : "\(x)" }
        let low = minimum.map { (minimumIsExclusive ? "greater than " : "at least ") + text($0) }
        let high = maximum.map { (maximumIsExclusive ? "less than " : "at most ") + text($0) }
        return [low, high].compactMap { $0 }.joined(separator: " and ")
    }
}

/// One key of a mapping.
public struct Field: Sendable {
    public enum Requirement: Sendable {
        case required
        /// Absent means this value.
        case defaultValue(DefaultValue)
        /// Absent means something computed (the file's stem, the last node): said in words.
        case optional(String)
    }

    public var name: String
    public var type: SchemaType
    public var requirement: Requirement
    /// One sentence for docs and editors' hover text.
    public var summary: String

    public init(_ name: String, _ type: SchemaType, _ requirement: Requirement, _ summary: String) {
        self.name = name
        self.type = type
        self.requirement = requirement
        self.summary = summary
    }

    public var isRequired: Bool {
        if case .required = requirement { return true }
        return false
    }
}

/// A default, stated once, here, for the decoder and the schema alike.
public enum DefaultValue: Sendable, Hashable {
    case number(Double)
    case integer(Int)
    case boolean(Bool)
    case word(String)
}

/// A mapping with fixed keys.
public struct ObjectSchema: Sendable {
    public var summary: String
    public var fields: [Field]

    public init(_ summary: String, _ fields: [Field]) {
        self.summary = summary
        self.fields = fields
    }

    public var keys: [String] { fields.map(\.name) }

    public func field(_ name: String) -> Field? { fields.first { $0.name == name } }
}

/// Variants chosen by a `type` key: layers, initializers, optimizers, data sources.
public struct UnionSchema: Sendable {
    public struct Variant: Sendable {
        public var name: String
        /// Other accepted names (Keras' `glorot_uniform` for `xavier_uniform`).
        public var aliases: [String]
        public var summary: String
        /// The variant's keys besides `type`.
        public var fields: [Field]
        public var object: ObjectSchema { ObjectSchema(summary, fields) }

        public init(_ name: String, aliases: [String] = [], _ summary: String, _ fields: [Field] = []) {
            self.name = name
            self.aliases = aliases
            self.summary = summary
            self.fields = fields
        }

        /// A variant may be a bare word when none of its keys is required.
        public var allowsBareWord: Bool { !fields.contains(where: \.isRequired) }
    }

    public var summary: String
    /// What a variant's name is called in messages: "layer type", "initializer", "optimizer", "data source".
    public var noun: String
    /// What one value is called when its keys are reported: "layer" ("unknown key 'x' in layer 'dense'").
    public var label: String
    /// The key that picks the variant: `type`, or `source` for data.
    public var tag: String
    /// Whether a parameter-free variant may be written as a bare word (`- relu`, `weight: he_normal`).
    public var bareWords: Bool
    /// Keys shared by every variant (a node's `name` and `inputs`), listed before the variant's own.
    public var commonFields: [Field]
    public var variants: [Variant]
    /// Why a variant lacks a key that others take, said after "<variant> takes …" when one is written there
    /// (`seed` on a deterministic initializer).
    public var missingKeyHelp: [String: String]

    public init(_ summary: String, noun: String, label: String? = nil, tag: String = "type", bareWords: Bool = true,
                commonFields: [Field] = [], _ variants: [Variant], missingKeyHelp: [String: String] = [:]) {
        self.missingKeyHelp = missingKeyHelp
        self.summary = summary
        self.noun = noun
        self.label = label ?? noun
        self.tag = tag
        self.bareWords = bareWords
        self.commonFields = commonFields
        self.variants = variants
    }

    /// Every accepted name, canonical names first.
    public var names: [String] { variants.map(\.name) + variants.flatMap(\.aliases) }

    public func variant(named name: String) -> Variant? {
        variants.first { $0.name == name || $0.aliases.contains(name) }
    }

    /// The keys a mapping of `variant` may hold: the tag, the common ones, the variant's own.
    public func keys(of variant: Variant) -> [String] {
        [tag] + commonFields.map(\.name) + variant.fields.map(\.name)
    }

    /// Every key any variant takes, in order, once each (to tell "belongs to another variant" from "unknown").
    public var allKeys: [String] {
        var seen = Set<String>()
        return ([tag] + commonFields.map(\.name) + variants.flatMap { $0.fields.map(\.name) })
            .filter { seen.insert($0).inserted }
    }
}
