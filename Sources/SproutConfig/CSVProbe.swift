/// Reads a CSV file once, while validating, for what the rules need: the header has the target, every row as
/// many fields as the header, every value a number; the row count, the feature count, and whether the targets
/// are class labels. The values themselves are not kept.
enum CSVProbe {
    /// A target column whose values are all whole numbers below 1000 is read as class labels: more classes than
    /// that is rather a regression target written in whole numbers (a price, a count).
    static let maxClasses = 1000

    /// What is wrong, and whether it is about the target (reported at `target`) or the file (at `path`).
    struct Problem: Error {
        var message: String
        var help: [String] = []
        var aboutTarget = false
    }

    static func probe(path: String, target: String, delimiter: UInt8) -> Result<CSVSource, Problem> {
        let bytes: [UInt8]
        switch DataFile.read(path, kind: "csv file") {
        case .failure(let problem): return .failure(Problem(message: problem.message, help: problem.help))
        case .success(let b): bytes = b
        }
        let file = path.split(separator: "/").last.map(String.init) ?? path
        var reader = CSVReader(bytes, delimiter: delimiter)
        func failure(_ f: CSVReader.Failure) -> Problem {
            Problem(message: "\(file): line \(f.line) \(f.reason)",
                    help: ["fields are separated by \(delimiter == 0x09 ? "a tab" : "'\(Character(Unicode.Scalar(delimiter)))'"); a field holding it, a "
                           + "quote or a line break is written in double quotes, with each quote doubled"])
        }
        guard let first = reader.next() else {
            return .failure(Problem(message: "\(file) is empty: it needs a header line naming the columns"))
        }
        let header: [String]
        switch first {
        case .failure(let f): return .failure(failure(f))
        case .success(let record): header = record.fields.map { String(decoding: $0, as: UTF8.self) }
        }
        let matches = header.indices.filter { header[$0] == target }
        guard let targetIndex = matches.first else {
            return .failure(Problem(message: "\(file) has no column '\(Suggestions.display(target))'",
                                    help: [columnHelp(target, header)],
                                    aboutTarget: true))
        }
        guard matches.count == 1 else {
            return .failure(Problem(message: "\(file) has \(matches.count) columns named '\(Suggestions.display(target))'",
                                    help: ["rename the others, so that the target is one column"], aboutTarget: true))
        }
        guard header.count >= 2 else {
            return .failure(Problem(message: "\(file) has no feature column besides the target '\(Suggestions.display(target))'",
                                    aboutTarget: true))
        }
        var rows = 0, allClasses = true, largest = 0
        while let next = reader.next() {
            let record: CSVReader.Record
            switch next {
            case .failure(let f): return .failure(failure(f))
            case .success(let r): record = r
            }
            guard record.fields.count == header.count else {
                return .failure(Problem(
                    message: "\(file): line \(record.line) has \(record.fields.count) field\(record.fields.count == 1 ? "" : "s"), but the header has \(header.count)",
                    help: ["every row needs one value per column"]))
            }
            for (column, field) in record.fields.enumerated() {
                guard let value = CSVReader.number(field), abs(value) <= Double(Float.greatestFiniteMagnitude) else {
                    let text = String(decoding: field.prefix(40), as: UTF8.self)
                    return .failure(Problem(
                        message: "\(file): line \(record.line), column '\(Suggestions.display(header[column]))': '\(Suggestions.display(text))' is not a number",
                        help: ["Sprout reads plain decimal numbers within float32 (-1.5, 2e-3); not nan, inf, hexadecimal "
                               + "or empty fields"]))
                }
                if column == targetIndex, allClasses {
                    if value >= 0, value < Double(maxClasses), value == value.rounded() {
                        largest = max(largest, Int(value))
                    } else {
                        allClasses = false
                    }
                }
            }
            rows += 1
        }
        guard rows > 0 else {
            return .failure(Problem(message: "\(file) has a header but no rows"))
        }
        return .success(CSVSource(path: path, target: target, delimiter: delimiter, header: true, rows: rows,
                                  featureCount: header.count - 1, classes: allClasses ? largest + 1 : nil))
    }

    /// The did-you-mean among the header's names; a wide header is not listed whole when nothing is close.
    static func columnHelp(_ target: String, _ header: [String]) -> String {
        let help = Suggestions.help(for: target, among: header, kind: "columns")
        guard header.count > 12, help.hasPrefix("valid") else { return help }
        return "the header's first columns: " + header.prefix(12).joined(separator: ", ") + ", … (\(header.count) in all)"
    }
}
