/// The tags Sprout accepts: the YAML core tags and the non-specific `!`. Any other tag is an error, because a
/// config must mean the same thing to every reader, and because tags such as `!!python/object/apply:os.system` or
/// `!include` exist to run code or read other files — Sprout never does either.
enum CoreTag: Sendable, Equatable {
    case str, int, float, bool, null, map, seq
    /// `!`: "not plain"; on a scalar it means string, on a collection it changes nothing.
    case nonSpecific

    static let prefix = "tag:yaml.org,2002:"

    /// The core tag for a tag as libyaml resolves it (`!!int` arrives as `tag:yaml.org,2002:int`), or `nil`.
    init?(resolved tag: String) {
        if tag == "!" {
            self = .nonSpecific
            return
        }
        guard tag.hasPrefix(Self.prefix) else { return nil }
        switch tag.dropFirst(Self.prefix.count) {
        case "str": self = .str
        case "int": self = .int
        case "float": self = .float
        case "bool": self = .bool
        case "null": self = .null
        case "map": self = .map
        case "seq": self = .seq
        default: return nil
        }
    }

    /// A resolved tag as the user wrote it: `tag:yaml.org,2002:x` is shown as `!!x`.
    static func display(_ tag: String) -> String {
        tag.hasPrefix(prefix) ? "!!" + tag.dropFirst(prefix.count) : tag
    }

    /// The outcome of typing a scalar under an explicit tag.
    enum Typing {
        case value(ScalarValue)
        case overflow
        /// The text is not a value of the tag's type (`!!int abc`), or the tag is a collection tag.
        case mismatch
    }

    /// The value of a scalar written with this tag, whatever its style: `!!str 12` is "12", `!!int "12"` is 12.
    func type(_ text: String) -> Typing {
        switch self {
        case .str, .nonSpecific:
            return .value(.string(text))
        case .null:
            return CoreSchema.isNull(text) ? .value(.null) : .mismatch
        case .bool:
            return CoreSchema.bool(text).map { .value(.bool($0)) } ?? .mismatch
        case .int:
            switch CoreSchema.int(text) {
            case .value(let int)?: return .value(.int(int))
            case .overflow?: return .overflow
            case nil: return .mismatch
            }
        case .float:
            switch CoreSchema.float(text) {
            case .value(let double)?: return .value(.float(double))
            case .overflow?: return .overflow
            case nil: return .mismatch
            }
        case .map, .seq:
            return .mismatch
        }
    }

    /// Whether the tag may be written on a collection of this kind.
    func allowsCollection(isMapping: Bool) -> Bool {
        switch self {
        case .nonSpecific: return true
        case .map: return isMapping
        case .seq: return !isMapping
        default: return false
        }
    }
}
