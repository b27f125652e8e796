import Foundation

/// `sprout show --probe`'s output read back: the header lines (up to the blank line) and one row per node.
struct ProbeOutputTable {
    struct Row {
        var node: String
        var type: String
        var width: Int
        var activationMean: Double
        var activationStd: Double
        /// nil where the table shows `—`.
        var gradientStd: Double?
        var weightGradientStd: Double?
        var signal: String

        /// mean² + std²: the mean of the squared outputs over the batch.
        var secondMoment: Double { activationMean * activationMean + activationStd * activationStd }
    }

    var header: [String]
    var rows: [Row]

    init(_ output: String) throws {
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let blank = lines.firstIndex(of: ""), blank + 1 < lines.count,
              lines[blank + 1].hasPrefix("node ") else { throw Malformed(output: output) }
        header = Array(lines[..<blank])
        rows = try lines[(blank + 2)...].filter { !$0.isEmpty }.map { line in
            let f = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            guard f.count >= 7, let width = Int(f[2]), let mean = Double(f[3]), let std = Double(f[4]) else {
                throw Malformed(output: line)
            }
            return Row(node: f[0], type: f[1], width: width, activationMean: mean, activationStd: std,
                       gradientStd: Double(f[5]), weightGradientStd: Double(f[6]),
                       signal: f.dropFirst(7).joined(separator: " "))
        }
    }

    func row(_ node: String) throws -> Row {
        guard let row = rows.first(where: { $0.node == node }) else { throw Malformed(output: "no row \(node)") }
        return row
    }

    /// The header line starting with `prefix`.
    func line(_ prefix: String) -> String? { header.first { $0.hasPrefix(prefix) } }

    /// The number after `key ` in the header line starting with `prefix` (`input:`, `std` -> the input's std).
    func number(in prefix: String, after key: String) -> Double? {
        guard let line = line(prefix), let range = line.range(of: key + " ") else { return nil }
        let rest = line[range.upperBound...].prefix { !" ,;()".contains($0) }
        return Double(rest)
    }

    struct Malformed: Error, CustomStringConvertible {
        var output: String
        var description: String { "not a probe table: \(output)" }
    }
}
