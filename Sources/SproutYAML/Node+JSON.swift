extension Node {
    /// The node as one line of JSON, byte for byte what Python's `json.dumps(value, ensure_ascii=False)` prints for
    /// the same data: `{"a": "no", "b": 8, "c": "0x1p3"}`.
    ///
    /// - Separators are `", "` and `": "`; mapping keys in document order; keys are the key's text.
    /// - Strings are escaped per RFC 8259 as Python does: `\"`, `\\`, `\n`, `\r`, `\t`, `\b`, `\f`, other control
    ///   characters as `\u00XX` (lower-case hex); everything else, non-ASCII included, stays as UTF-8.
    /// - Integers print in decimal; floats in Python's `repr` form (shortest round-trip digits, always looking like a
    ///   float: `1.0`, `1e+16`, `1e-05`), see `PythonFloat`.
    /// - `.inf`, `-.inf` and `.nan` print as `Infinity`, `-Infinity` and `NaN`, exactly as Python's `json` does by
    ///   default (`allow_nan=True`). That is not strict JSON; strict parsers reject it, Python and JavaScript's
    ///   JSON5-style readers accept it.
    public var json: String {
        var output = ""
        JSONWriter.write(self, to: &output)
        return output
    }
}

/// Writes nodes as JSON (recursion depth is bounded by `YAMLLimits.maxDepth`).
enum JSONWriter {
    static func write(_ node: Node, to output: inout String) {
        switch node.kind {
        case .scalar(let scalar):
            write(scalar.value, to: &output)
        case .sequence(let items):
            output += "["
            for (index, item) in items.enumerated() {
                if index > 0 { output += ", " }
                write(item, to: &output)
            }
            output += "]"
        case .mapping(let entries):
            output += "{"
            for (index, entry) in entries.enumerated() {
                if index > 0 { output += ", " }
                writeString(entry.key.text, to: &output)
                output += ": "
                write(entry.value, to: &output)
            }
            output += "}"
        }
    }

    static func write(_ value: ScalarValue, to output: inout String) {
        switch value {
        case .null: output += "null"
        case .bool(let bool): output += bool ? "true" : "false"
        case .int(let int): output += String(int)
        case .float(let double): output += PythonFloat.repr(double)
        case .string(let string): writeString(string, to: &output)
        }
    }

    static func writeString(_ string: String, to output: inout String) {
        output += JSONString.quoted(string)
    }
}
