import Foundation

/// run.json's times, `2026-11-29T14:40:03.123Z` (UTC, ISO 8601 with milliseconds), written and read by hand with
/// `timegm`/`gmtime_r`: Foundation's ISO8601DateFormatter builds an ICU formatter on every use, which made reading a
/// hundred run records (a status of a hundred runs, a batch restoring them) spend a third of its time there.
package enum UTCTimestamp {
    /// `2026-11-29T14:40:03.123Z`; to the nearest millisecond, as ISO8601DateFormatter writes it.
    package static func string(_ date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        var seconds = time_t(milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000)
        let fraction = Int(milliseconds - Int64(seconds) * 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
                      Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec), fraction)
    }

    /// The date of `YYYY-MM-DDTHH:MM:SS[.fff…]Z`; nil for anything else.
    package static func date(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20, bytes.last == UInt8(ascii: "Z"), bytes[4] == UInt8(ascii: "-"),
              bytes[7] == UInt8(ascii: "-"), bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"),
              bytes[16] == UInt8(ascii: ":") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                guard (48...57).contains(bytes[index]) else { return nil }
                value = value * 10 + Int(bytes[index] - 48)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10), let hour = number(11..<13),
              let minute = number(14..<16), let second = number(17..<19), (1...12).contains(month), (1...31).contains(day),
              hour < 24, minute < 60, second < 61 else { return nil }
        var fraction = 0.0
        if bytes.count > 20 {
            // Nine digits at most are read (nanoseconds); more are checked to be digits and dropped, so a long
            // fraction cannot overflow.
            let end = bytes.count - 1, read = min(end, 29)
            guard bytes[19] == UInt8(ascii: "."), read > 20, let digits = number(20..<read),
                  bytes[read..<end].allSatisfy({ (48...57).contains($0) }) else { return nil }
            fraction = Double(digits) / pow(10, Double(read - 20))
        } else if bytes.count != 20 {
            return nil
        }
        var parts = tm()
        parts.tm_year = Int32(year - 1900)
        parts.tm_mon = Int32(month - 1)
        parts.tm_mday = Int32(day)
        parts.tm_hour = Int32(hour)
        parts.tm_min = Int32(minute)
        parts.tm_sec = Int32(second)
        return Date(timeIntervalSince1970: TimeInterval(timegm(&parts)) + fraction)
    }
}
