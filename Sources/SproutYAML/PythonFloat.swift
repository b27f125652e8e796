/// Python's `repr(float)`, which `json.dumps` uses for floats.
///
/// Python prints the shortest digits that round-trip (as Swift's `description` does), then chooses the layout:
/// with `decpt` the position of the decimal point relative to those digits (value = 0.DIGITS x 10^decpt), it uses
/// an exponent when `decpt <= -4 || decpt > 16` (`1e-05`, `1e+16`, exponent with a sign and at least two digits),
/// otherwise plain positional notation with at least one digit after the point (`1.0`, `0.0001`,
/// `1000000000000000.0`). Source: CPython `Python/pystrtod.c`, `format_float_short`, mode 'r'.
enum PythonFloat {
    static func repr(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        let sign = value.sign == .minus ? "-" : ""
        if value == 0 { return sign + "0.0" }
        guard let (shortest, decpt) = shortestDigits(value.magnitude) else { return sign + value.magnitude.description }
        var digits = shortest
        while digits.last == "0" { digits.removeLast() }
        if decpt <= -4 || decpt > 16 {
            let exponent = decpt - 1
            let mantissa = digits.count > 1 ? "\(digits.first ?? "0").\(digits.dropFirst())" : digits
            let magnitude = String(abs(exponent))
            let padded = magnitude.count < 2 ? "0" + magnitude : magnitude
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + padded
        }
        if decpt <= 0 { return sign + "0." + String(repeating: "0", count: -decpt) + digits }
        if decpt >= digits.count { return sign + digits + String(repeating: "0", count: decpt - digits.count) + ".0" }
        let point = digits.index(digits.startIndex, offsetBy: decpt)
        return sign + digits[..<point] + "." + digits[point...]
    }

    /// The shortest round-trip digits (no leading zeros) and the decimal point position, read from Swift's
    /// `description` of a positive finite value (forms such as `1.5`, `0.0001`, `1e-05`, `1.5e+16`).
    private static func shortestDigits(_ value: Double) -> (String, Int)? {
        let text = value.description
        let parts = text.split(separator: "e", maxSplits: 1)
        guard let mantissa = parts.first else { return nil }
        let exponent = parts.count > 1 ? Int(parts[1]) : 0
        guard let exponent else { return nil }
        let halves = mantissa.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let integer = halves.first ?? ""
        let fraction = halves.count > 1 ? halves[1] : ""
        var digits = Substring(integer + fraction)
        var decpt = integer.count + exponent
        while digits.first == "0" {
            digits = digits.dropFirst()
            decpt -= 1
        }
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else { return nil }
        return (String(digits), decpt)
    }
}
