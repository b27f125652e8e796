/// Strict decimal numbers, as CSV fields hold them: an optional sign, digits with at most one point (at least one
/// digit), and an optional exponent (`e` or `E`, a sign, digits). No `nan`, `inf`, hexadecimal, `_` or thousands
/// separators: a value Sprout cannot read as plain decimal is reported instead of guessed.
public enum DecimalNumber {
    /// The value of `field`, correctly rounded to Double (Swift's locale-independent conversion), or `nil` when it
    /// is not a strict decimal number. A field of up to 15 bytes is converted without allocating (a small string).
    public static func parse(_ field: ArraySlice<UInt8>) -> Double? {
        var i = field.startIndex, digits = 0
        let end = field.endIndex
        @inline(__always) func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }
        if i < end, field[i] == 0x2B || field[i] == 0x2D { i += 1 }
        while i < end, isDigit(field[i]) { i += 1; digits += 1 }
        if i < end, field[i] == 0x2E {
            i += 1
            while i < end, isDigit(field[i]) { i += 1; digits += 1 }
        }
        guard digits > 0 else { return nil }
        if i < end, field[i] == 0x65 || field[i] == 0x45 {
            i += 1
            if i < end, field[i] == 0x2B || field[i] == 0x2D { i += 1 }
            var exponentDigits = 0
            while i < end, isDigit(field[i]) { i += 1; exponentDigits += 1 }
            guard exponentDigits > 0 else { return nil }
        }
        guard i == end else { return nil }
        return Double(String(decoding: field, as: UTF8.self))
    }

    public static func parse(_ field: [UInt8]) -> Double? { parse(field[...]) }

    /// `value` as a float32 feature or target: `nil` when it lies beyond float32's largest finite value (it would
    /// become infinity). Rounded twice (text to Double, Double to Float), as NumPy's `float64` reading followed by
    /// `astype(float32)` does.
    public static func float(_ value: Double) -> Float? {
        abs(value) <= Double(Float.greatestFiniteMagnitude) ? Float(value) : nil
    }
}
