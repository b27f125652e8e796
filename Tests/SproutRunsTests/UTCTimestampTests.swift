import Foundation
import Testing
@testable import SproutRuns

/// run.json's times, written and read by hand, against Foundation's ISO8601DateFormatter (the reference it replaces
/// for speed) on dates across leap years, the epoch, before it, and every millisecond position.
@Suite struct UTCTimestampTests {
    static func reference() -> ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter
    }

    static let dates: [Date] = {
        var random = SystemRandomNumberGenerator()
        var dates = [0, 0.001, 0.999, 951_782_400.5, 1_764_769_999.123, 4_102_444_800.042, -1.5, -86_400.25]
            .map(Date.init(timeIntervalSince1970:))
        // Milliseconds only: the form run.json keeps.
        for _ in 0..<200 { dates.append(Date(timeIntervalSince1970: Double(Int64.random(in: 0...4_102_444_800_000, using: &random)) / 1000)) }
        return dates
    }()

    @Test func writesWhatFoundationWrites() {
        let formatter = Self.reference()
        for date in Self.dates { #expect(UTCTimestamp.string(date) == formatter.string(from: date), "\(date.timeIntervalSince1970)") }
    }

    @Test func readsWhatFoundationReads() {
        let formatter = Self.reference()
        for date in Self.dates {
            let text = formatter.string(from: date)
            let mine = UTCTimestamp.date(text), theirs = formatter.date(from: text)
            #expect(mine.map { ($0.timeIntervalSince1970 * 1000).rounded() } == theirs.map { ($0.timeIntervalSince1970 * 1000).rounded() }, "\(text)")
        }
    }

    @Test func refusesWhatIsNotATimestamp() {
        for text in ["", "2026-11-29", "2026-11-29T14:40:03.123", "2026-13-29T14:40:03.123Z", "2026-11-29 14:40:03.123Z",
                     "2026-11-29T14:40:03.12aZ", "2026-11-29T24:00:00Z"] {
            #expect(UTCTimestamp.date(text) == nil, "\(text)")
        }
        #expect(UTCTimestamp.date("2026-11-29T14:40:03Z") == Self.reference().date(from: "2026-11-29T14:40:03.000Z"))
        // A hand-edited record with a long fraction: read to the nanosecond, never an overflow.
        let long = UTCTimestamp.date("2026-11-29T14:40:03." + String(repeating: "9", count: 40) + "Z")
        #expect(long.map { abs($0.timeIntervalSince1970 - (Self.reference().date(from: "2026-11-29T14:40:03.000Z")?.timeIntervalSince1970 ?? 0) - 1) < 1e-6 } == true)
        #expect(UTCTimestamp.date("2026-11-29T14:40:03." + String(repeating: "9", count: 30) + "xZ") == nil)
    }
}
