import Foundation
import Testing
@testable import SproutRuns

@Suite struct CSVTests {
    /// RFC 4180 §2: fields with commas, quotes or line breaks are quoted, inner quotes doubled.
    @Test(arguments: [("plain", "plain"), ("", ""), ("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""),
                      ("two\nlines", "\"two\nlines\""), ("cr\r", "\"cr\r\"")])
    func escaping(field: String, expected: String) {
        #expect(CSVWriter.escape(field) == expected)
    }

    @Test func rowsReachTheFileAsTheyAreWritten() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sprout-csv-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writer = try CSVWriter(path: path, columns: ["a", "b"])
        try writer.write(row: ["1", "x,y"])
        // Read while the writer is still open: nothing is held back in a buffer.
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "a,b\n1,\"x,y\"\n")
    }

    @Test func cannotCreateIsARunError() {
        #expect {
            try CSVWriter(path: "/nonexistent-dir/m.csv", columns: ["a"])
        } throws: { error in
            "\(error)" == "cannot write /nonexistent-dir/m.csv: No such file or directory"
        }
    }

    /// Shortest round-trip decimal text: reading it back gives the same Double.
    @Test(arguments: [0.1, 1.0 / 3.0, 0.6931471805599453, 1e-7, 123456.789, 0])
    func numbersRoundTrip(value: Double) {
        #expect(Double(MetricsRow.format(value)) == value)
    }

    @Test func nonFiniteAndTiming() {
        #expect(MetricsRow.format(.nan) == "nan")
        #expect(MetricsRow.format(.infinity) == "inf")
        #expect(MetricsRow.format(-.infinity) == "-inf")
        #expect(MetricsRow.format(1.23456, digits: 3) == "1.235")
        let row = MetricsRow(epoch: 0, step: 0, learningRate: 0.5, trainLoss: 0.25, trainAccuracy: nil,
                             validationLoss: nil, validationAccuracy: nil, gradientNorm: nil, seconds: 0)
        #expect(row.fields == ["0", "0", "0.5", "0.25", "", "", "", "", "0.0"])
        #expect(row.fields.count == MetricsRow.columns.count)
    }
}
