/// The YAML 1.2 core schema (YAML 1.2.2, section 10.3.2), applied to plain scalars only: quoted and block scalars
/// are always strings.
///
///     null   null | Null | NULL | ~ | (empty)
///     bool   true | True | TRUE | false | False | FALSE
///     int    [-+]?[0-9]+  (decimal, so 012 is 12)  |  0o[0-7]+  |  0x[0-9a-fA-F]+
///     float  [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?  |  [-+]?\.(inf|Inf|INF)  |  \.(nan|NaN|NAN)
///     str    anything else: yes, no, on, off, nan, inf, infinity, 0x1p3, 1_000, 0b101, ...
///
/// Each pattern is matched by hand on the UTF-8 bytes before any conversion, so the wider syntaxes of Swift's
/// `Double(_:)` ("nan", "infinity", "0x1p3") and `Int64(_:)` never decide what a config means. Numbers that match
/// but do not fit are errors (`overflow`), never a trap, never silently a float or infinity.
enum CoreSchema {
    /// A number pattern's outcome.
    enum Number<Value> {
        case value(Value)
        /// The text matches the pattern but the value does not fit (Int64, or a finite Double).
        case overflow
    }

    /// The value of a plain scalar, or `.overflow` for a number that matches a pattern but does not fit.
    static func resolvePlain(_ text: String) -> Number<ScalarValue> {
        if isNull(text) { return .value(.null) }
        if let bool = bool(text) { return .value(.bool(bool)) }
        switch int(text) {
        case .value(let int)?: return .value(.int(int))
        case .overflow?: return .overflow
        case nil: break
        }
        switch float(text) {
        case .value(let double)?: return .value(.float(double))
        case .overflow?: return .overflow
        case nil: return .value(.string(text))
        }
    }

    static func isNull(_ text: String) -> Bool {
        ["", "~", "null", "Null", "NULL"].contains(text)
    }

    static func bool(_ text: String) -> Bool? {
        switch text {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default: return nil
        }
    }

    /// An integer in one of the three core forms; `nil` when the text is not one.
    static func int(_ text: String) -> Number<Int64>? {
        let bytes = Array(text.utf8)
        if bytes.count > 2, bytes[0] == UInt8(ascii: "0") {
            if bytes[1] == UInt8(ascii: "o") { return unsigned(bytes.dropFirst(2), radix: 8) }
            if bytes[1] == UInt8(ascii: "x") { return unsigned(bytes.dropFirst(2), radix: 16) }
        }
        var digits = bytes[...]
        var negative = false
        if let first = digits.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty, digits.allSatisfy({ digitValue($0, radix: 10) != nil }) else { return nil }
        // Accumulate on the negative side so that Int64.min (whose magnitude is not an Int64) fits.
        var value: Int64 = 0
        for byte in digits {
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (next, o2) = times10.subtractingReportingOverflow(Int64(digitValue(byte, radix: 10) ?? 0))
            if o1 || o2 { return .overflow }
            value = next
        }
        if negative { return .value(value) }
        let (positive, overflow) = Int64(0).subtractingReportingOverflow(value)
        return overflow ? .overflow : .value(positive)
    }

    private static func unsigned(_ digits: ArraySlice<UInt8>, radix: Int64) -> Number<Int64>? {
        guard !digits.isEmpty, digits.allSatisfy({ digitValue($0, radix: radix) != nil }) else { return nil }
        var value: Int64 = 0
        for byte in digits {
            let (shifted, o1) = value.multipliedReportingOverflow(by: radix)
            let (next, o2) = shifted.addingReportingOverflow(Int64(digitValue(byte, radix: radix) ?? 0))
            if o1 || o2 { return .overflow }
            value = next
        }
        return .value(value)
    }

    private static func digitValue(_ byte: UInt8, radix: Int64) -> Int? {
        let value: Int
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): value = Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): value = Int(byte - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): value = Int(byte - UInt8(ascii: "A")) + 10
        default: return nil
        }
        return value < radix ? value : nil
    }

    /// A float in one of the core forms (ints match too: `!!float 1` is 1.0); `nil` when the text is not one.
    static func float(_ text: String) -> Number<Double>? {
        switch text {
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .value(.infinity)
        case "-.inf", "-.Inf", "-.INF": return .value(-.infinity)
        case ".nan", ".NaN", ".NAN": return .value(.nan)
        default: break
        }
        guard matchesFloatSyntax(Array(text.utf8)[...]), let double = Double(text) else { return nil }
        return double.isFinite ? .value(double) : .overflow
    }

    /// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`
    private static func matchesFloatSyntax(_ input: ArraySlice<UInt8>) -> Bool {
        var rest = input
        func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        func digits() -> Int {
            let count = rest.prefix(while: isDigit).count
            rest = rest.dropFirst(count)
            return count
        }
        func skip(_ characters: String) -> Bool {
            guard let first = rest.first, characters.utf8.contains(first) else { return false }
            rest = rest.dropFirst()
            return true
        }
        _ = skip("+-")
        if skip(".") {
            guard digits() > 0 else { return false }
        } else {
            guard digits() > 0 else { return false }
            if skip(".") { _ = digits() }
        }
        if skip("eE") {
            _ = skip("+-")
            guard digits() > 0 else { return false }
        }
        return rest.isEmpty
    }
}
