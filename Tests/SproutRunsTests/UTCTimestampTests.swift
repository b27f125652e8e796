import Foundation
import Testing
@testable import SproutRuns

/// run.json's times and store ids, written and read without Foundation's formatters: the same text as
/// `ISO8601DateFormatter` / `DateFormatter` gave (the expected strings below are theirs, printed by Swift 6.3.1 on
/// Linux), so records and entry names are unchanged.
@Suite struct UTCTimestampTests {
    /// Rounded to the nearest millisecond, as the formatters do (24.9999 s is 25.000, 24.0005 s is 24.001).
    @Test(arguments: [
        (1_796_311_044.9999, "2026-12-03T15:17:25.000Z", "20261203-151725.000"),
        (1_796_311_044.0005, "2026-12-03T15:17:24.001Z", "20261203-151724.001"),
        (1_796_311_044.1236, "2026-12-03T15:17:24.124Z", "20261203-151724.124"),
        (1_796_311_044.1234, "2026-12-03T15:17:24.123Z", "20261203-151724.123"),
        (1_700_000_000.125, "2023-11-14T22:13:20.125Z", "20231114-221320.125"),
        (-0.0004, "1970-01-01T00:00:00.000Z", "19700101-000000.000"),
        (-1.5, "1969-12-31T23:59:58.500Z", "19691231-235958.500"),
        (951_782_400, "2000-02-29T00:00:00.000Z", "20000229-000000.000"),
    ])
    func writtenAsTheFormattersWrote(seconds: Double, iso: String, compact: String) {
        let date = Date(timeIntervalSince1970: seconds)
        #expect(UTCTimestamp.iso8601(date) == iso)
        #expect(UTCTimestamp.compact(date) == compact)
    }

    /// Read back as `ISO8601DateFormatter` read them: any number of fractional digits (milliseconds kept, the rest
    /// dropped), a zone offset with or without its colon.
    @Test(arguments: [
        ("2026-11-29T14:28:21.557Z", 1_795_962_501.557),
        ("2026-11-29T14:28:21.5Z", 1_795_962_501.5),
        ("2026-11-29T14:28:21.1234567Z", 1_795_962_501.123),
        ("2026-11-29T14:28:21.557+01:00", 1_795_958_901.557),
        ("2026-11-29T14:28:21.557-0230", 1_795_971_501.557),
    ])
    func readAsTheFormatterRead(text: String, seconds: Double) throws {
        let date = try #require(UTCTimestamp.parse(text))
        #expect(date.timeIntervalSince1970 == seconds)
    }

    /// Not such a time (no fraction, no zone, a month 13, a space for the `T`, text around it): nil. (The formatter
    /// also took text after the zone; run.json never holds any.)
    @Test(arguments: ["2026-11-29T14:28:21Z", "2026-11-29T14:28:21.557", "2026-13-29T14:28:21.557Z",
                      "2026-11-29 14:28:21.557Z", " 2026-11-29T14:28:21.557Z", "2026-11-29T14:28:21.557Zx", "", "nan"])
    func anythingElseIsNil(text: String) {
        #expect(UTCTimestamp.parse(text) == nil)
    }

    /// Every millisecond of a record's time survives a write and a read.
    @Test func aTimeReadsBackAsWritten() throws {
        for milliseconds in stride(from: Int64(1_796_311_044_000), to: 1_796_311_046_000, by: 7) {
            let date = Date(timeIntervalSince1970: Double(milliseconds) / 1000)
            let read = try #require(UTCTimestamp.parse(UTCTimestamp.iso8601(date)))
            #expect(read == date)
        }
    }
}
