import Foundation

/// The two spellings of a time Sprout writes, in UTC to the millisecond, done by hand on `gmtime_r`/`timegm`
/// instead of `ISO8601DateFormatter`/`DateFormatter`:
/// - run.json's `started` and `ended`: `2026-11-29T14:40:03.123Z` (ISO 8601, RFC 3339's internet date-time);
/// - a store entry's id: `20261129-144003.123`.
///
/// Why by hand: Foundation's formatters sit on ICU, whose first use in a process loads its locale and time-zone data
/// (several milliseconds), and each formatter made costs more. Every batch worker is a fresh process that writes
/// run.json twice and names its store entry, and the batch parses the date of every run.json it reads, so this was
/// a visible part of the per-run overhead (docs/performance.md, "Per-run overhead"). The output is the formatters'
/// to the byte: the time rounded to the nearest millisecond (they round, not truncate: 24.9999 s is `25.000`).
package enum UTCTimestamp {
    /// `2026-11-29T14:40:03.123Z`.
    package static func iso8601(_ date: Date) -> String {
        let (fields, milliseconds) = utcFields(date)
        return "\(digits(fields.tm_year + 1900, 4))-\(digits(fields.tm_mon + 1, 2))-\(digits(fields.tm_mday, 2))"
            + "T\(digits(fields.tm_hour, 2)):\(digits(fields.tm_min, 2)):\(digits(fields.tm_sec, 2))"
            + ".\(digits(milliseconds, 3))Z"
    }

    /// `20261129-144003.123`: sorts as the times do, and holds no character a file name may not.
    package static func compact(_ date: Date) -> String {
        let (fields, milliseconds) = utcFields(date)
        return "\(digits(fields.tm_year + 1900, 4))\(digits(fields.tm_mon + 1, 2))\(digits(fields.tm_mday, 2))"
            + "-\(digits(fields.tm_hour, 2))\(digits(fields.tm_min, 2))\(digits(fields.tm_sec, 2))"
            + ".\(digits(milliseconds, 3))"
    }

    /// An ISO 8601 internet date-time with fractional seconds, as `ISO8601DateFormatter` with
    /// `[.withInternetDateTime, .withFractionalSeconds]` reads it: `yyyy-MM-ddTHH:mm:ss.f…` then `Z`, `±HH:MM` or
    /// `±HHMM`; at least one fractional digit, digits past the third ignored (milliseconds, truncated). Nil for
    /// anything else, or a field out of its range.
    package static func parse(_ text: String) -> Date? {
        var scanner = Scanner(Array(text.utf8))
        guard let year = scanner.number(4), scanner.skip("-"), let month = scanner.number(2), scanner.skip("-"),
              let day = scanner.number(2), scanner.skip("T"), let hour = scanner.number(2), scanner.skip(":"),
              let minute = scanner.number(2), scanner.skip(":"), let second = scanner.number(2), scanner.skip("."),
              let fraction = scanner.fraction(),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61,
              let offset = scanner.zoneOffset(), scanner.atEnd
        else { return nil }
        var fields = tm()
        fields.tm_year = Int32(year - 1900)
        fields.tm_mon = Int32(month - 1)
        fields.tm_mday = Int32(day)
        fields.tm_hour = Int32(hour)
        fields.tm_min = Int32(minute)
        fields.tm_sec = Int32(second)
        let seconds = Int64(timegm(&fields)) - Int64(offset)
        return Date(timeIntervalSince1970: Double(seconds * 1000 + Int64(fraction)) / 1000)
    }

    /// The UTC calendar fields of `date` rounded to the millisecond, and the milliseconds.
    private static func utcFields(_ date: Date) -> (tm, Int) {
        let total = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let (seconds, milliseconds) = total.quotientAndRemainder(dividingBy: 1000)
        // Floor division, so that a time before 1970 lands in the right second.
        var whole = time_t(milliseconds < 0 ? seconds - 1 : seconds)
        var fields = tm()
        gmtime_r(&whole, &fields)
        return (fields, Int(milliseconds < 0 ? milliseconds + 1000 : milliseconds))
    }

    /// `value` in decimal, zero-padded to `width` digits.
    private static func digits<Value: BinaryInteger>(_ value: Value, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }

    /// A cursor over the text's UTF-8 bytes.
    private struct Scanner {
        let bytes: [UInt8]
        var position = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        var atEnd: Bool { position == bytes.count }

        mutating func skip(_ character: Unicode.Scalar) -> Bool {
            guard position < bytes.count, bytes[position] == UInt8(character.value) else { return false }
            position += 1
            return true
        }

        /// Exactly `count` decimal digits.
        mutating func number(_ count: Int) -> Int? {
            guard position + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[position..<position + count] {
                guard (0x30...0x39).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            position += count
            return value
        }

        /// One or more digits after the decimal point, as milliseconds (the fourth digit on is read and dropped).
        mutating func fraction() -> Int? {
            var milliseconds = 0, count = 0
            while position < bytes.count, (0x30...0x39).contains(bytes[position]) {
                if count < 3 { milliseconds = milliseconds * 10 + Int(bytes[position] - 0x30) }
                count += 1
                position += 1
            }
            guard count > 0 else { return nil }
            for _ in count..<max(count, 3) { milliseconds *= 10 }
            return milliseconds
        }

        /// `Z` (0), or `+HH:MM` / `-HHMM` as seconds east of UTC.
        mutating func zoneOffset() -> Int? {
            if skip("Z") { return 0 }
            let sign: Int
            if skip("+") { sign = 1 } else if skip("-") { sign = -1 } else { return nil }
            guard let hours = number(2), hours < 24 else { return nil }
            _ = skip(":")
            guard let minutes = number(2), minutes < 60 else { return nil }
            return sign * (hours * 3600 + minutes * 60)
        }
    }
}
