import Foundation

/// The two ways text from runs (run and node names, sweep values, initializer labels: anything a config names) gets
/// into the report's page, each escaped so that no name can be read as markup or script:
///
/// - `html`: text and attribute values. `&`, `<`, `>`, `"` and `'` become character references, so a name can
///   neither open an element nor end a quoted attribute (either quote style).
/// - `scriptJSON`: the embedded data. Inside `<script>` the HTML parser ends the element at the first `</script`,
///   whatever JSON or JavaScript thinks of it, so escaping the JSON as JSON is not enough. `<`, `>` and `&` can occur
///   in JSON text only inside strings (structure is brackets, braces, commas, colons, numbers and literals), where
///   `\u003c`, `\u003e`, `\u0026` mean the same characters: the result is the same JSON value with no `<` at all, so
///   it cannot close the element or open a comment (`<!--`, which would change how the parser finds the end). The
///   line and paragraph separators U+2028 and U+2029 are escaped too, so the text is also a valid JavaScript
///   literal for any reader that evaluates rather than parses it.
package enum ReportEscape {
    package static func html(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.unicodeScalars.append(character)
            }
        }
        return escaped
    }

    /// `json` (JSONEncoder's UTF-8 output) with `<`, `>`, `&`, U+2028 and U+2029 as `\uXXXX` escapes. Works on the
    /// UTF-8 bytes (U+2028 and U+2029 are E2 80 A8 and E2 80 A9), which is what makes a report of a thousand runs'
    /// data take milliseconds here rather than a second appending character by character.
    package static func scriptJSON(_ json: String) -> String {
        scriptJSON(Array(json.utf8))
    }

    package static func scriptJSON(_ bytes: [UInt8]) -> String {
        var escaped: [UInt8] = []
        escaped.reserveCapacity(bytes.count + bytes.count / 64)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "<"): escaped += Array("\\u003c".utf8)
            case UInt8(ascii: ">"): escaped += Array("\\u003e".utf8)
            case UInt8(ascii: "&"): escaped += Array("\\u0026".utf8)
            case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80
                && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
                escaped += Array((bytes[index + 2] == 0xA8 ? "\\u2028" : "\\u2029").utf8)
                index += 2
            default: escaped.append(byte)
            }
            index += 1
        }
        return String(decoding: escaped, as: UTF8.self)
    }

    /// `data` as the embedded JSON: keys sorted (the same runs give the same bytes), non-finite numbers as the texts
    /// metrics.csv writes (`ReportData`), then `scriptJSON`. Throws only if the encoder does.
    package static func embeddedJSON(_ data: ReportData) throws -> String {
        try scriptJSON(Array(encoder().encode(data)))
    }

    /// The encoder of the embedded data, and (with the same strategy) its decoder, for reading the data back.
    package static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf",
                                                                      nan: "nan")
        return encoder
    }

    package static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf",
                                                                        nan: "nan")
        return decoder
    }
}
