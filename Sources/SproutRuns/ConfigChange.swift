/// One key whose value differs between two resolved configs (see `ConfigChanges` for the key paths).
///
/// `old` and `new` are the whole values as one line of flow YAML (`YAMLTree.flowText`): `0.1`, `adam`,
/// `[hidden, skip]`, `{metric: val_loss, mode: min, patience: 5, min_delta: 0.0}`; nil when the key is absent on
/// that side. They are complete, so that `sprout diff` can show everything; `description` shortens them.
public struct ConfigChange: Sendable, Hashable, CustomStringConvertible {
    public var key: String
    public var old: String?
    public var new: String?

    public init(key: String, old: String?, new: String?) {
        self.key = key
        self.old = old
        self.new = new
    }

    /// `train.optimizer.lr 0.1 -> 0.05`, `train.early_stopping (none) -> {metric: val_loss, mode: min, patience: 5,
    /// min_delta: 0.0}`, `model.layers.hidden.weight_init {type: kaiming_uniform, mode: fan_in, nonlinearity:
    /// leaky_relu, ...} -> zeros`: an absent side is `(none)`, and a side longer than `ConfigChange.shownLength`
    /// characters keeps the first entries of its mapping or list that fit, then `...`, so that one status line stays
    /// readable when a whole layer or section comes or goes (the entries written first are the ones that say what
    /// it is: `name`, `type`).
    public var description: String { "\(key) \(Self.shown(old)) -> \(Self.shown(new))" }

    /// Enough for a layer's name, type, inputs and units, or an initializer's type and first two settings, while a
    /// key and two sides still fit on a 160-column line.
    public static let shownLength = 72

    static func shown(_ value: String?) -> String {
        guard let value else { return "(none)" }
        return abbreviated(value, to: shownLength)
    }

    /// `text` when it is at most `limit` characters or a plain scalar (a path loses its file name when cut). A
    /// quoted string keeps what fits, then `..."` (a description). A flow collection is cut after its last
    /// top-level entry that fits (always keeping the first) and closed by `, ...}` or `, ...]`; commas inside
    /// nested collections and quoted strings are not entry boundaries.
    static func abbreviated(_ text: String, to limit: Int) -> String {
        guard text.count > limit, let opener = text.first else { return text }
        if opener == "\"" { return abbreviatedString(text, to: limit) }
        guard opener == "{" || opener == "[" else { return text }
        let ending = opener == "{" ? ", ...}" : ", ...]"
        var depth = 0, inQuote = false, escaped = false
        var cut: String.Index?
        var index = text.startIndex, count = 0
        while index < text.endIndex {
            let c = text[index]
            if inQuote {
                if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == "\"" { inQuote = false }
            } else if c == "\"" {
                inQuote = true
            } else if c == "{" || c == "[" {
                depth += 1
            } else if c == "}" || c == "]" {
                depth -= 1
            } else if c == ",", depth == 1 {
                // Entries before this comma fit when they and the ending do; the first entry is always kept.
                guard cut == nil || count + ending.count <= limit else { break }
                cut = index
            }
            index = text.index(after: index)
            count += 1
        }
        guard let cut else { return text }
        return String(text[..<cut]) + ending
    }

    /// A double-quoted string cut to at most `limit` characters with `..."`, never inside an escape (`\n`,
    /// `\u0001`), so the text stays one YAML string.
    static func abbreviatedString(_ text: String, to limit: Int) -> String {
        let characters = Array(text)
        var end = 1
        while end < characters.count - 1 {
            let width = characters[end] == "\\" ? (characters[end + 1] == "u" ? 6 : 2) : 1
            guard end + width + 4 <= limit else { break }
            end += width
        }
        return String(characters[..<end]) + "...\""
    }
}
