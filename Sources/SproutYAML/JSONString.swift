/// A string as a JSON string literal (RFC 8259), which is also a valid YAML double-quoted scalar: the one place
/// where Sprout escapes strings for `sprout parse`, `sprout schema` and resolved configs.
///
/// Escaped: `"` and `\`, the C0 controls (as `\n`, `\r`, `\t`, `\b`, `\f` or `\uXXXX`), and DEL and the C1 controls
/// U+007F–U+009F (as `\uXXXX`): JSON allows them raw, but YAML does not count them as printable.
public enum JSONString {
    public static func quoted(_ string: String) -> String {
        var output = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            case "\u{00}"..."\u{1F}", "\u{7F}"..."\u{9F}":
                let hex = String(scalar.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output + "\""
    }
}
