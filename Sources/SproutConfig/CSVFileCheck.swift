import SproutDataFiles
import SproutDiagnostics

/// Checks a CSV file while validating: reads it once with the engine's own reader (`CSVTable.read`), for what the rules
/// need: the row count, the feature count, and whether the targets are class labels, class names or regression
/// values. The values themselves are not kept.
enum CSVFileCheck {
    /// What is wrong, and what it is about (reported at the path, the target, a listed feature or `missing`).
    struct Problem: Error {
        /// `invalid-csv` for the file's contents, the file rule's id for the file itself.
        var id: DiagnosticID = .invalidCSV
        var message: String
        var help: [String] = []
        var subject: CSVError.Subject = .file
    }

    static func check(path: String, options: CSVOptions) -> Result<CSVSource, Problem> {
        let bytes: [UInt8]
        switch DataFile.read(path, kind: "csv file") {
        case .failure(let problem): return .failure(Problem(id: problem.id, message: problem.message, help: problem.help))
        case .success(let b): bytes = b
        }
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let table: CSVTable
        do {
            table = try CSVTable.read(bytes, name: name, options: options)
        } catch {
            var help = error.help
            if !error.header.isEmpty {
                let wanted: String
                switch error.subject {
                case .feature(let feature): wanted = feature
                default: wanted = options.target
                }
                help.append(columnHelp(wanted, error.header))
            }
            return .failure(Problem(message: error.message, help: help, subject: error.subject))
        }
        var names: [String]?
        if case .names(_, let classNames) = table.targets { names = classNames }
        let firstText = table.firstTextTarget.map { "'\(CSVTable.shown($0.text, 40))' on line \($0.line)" }
        return .success(CSVSource(path: path, target: options.target, delimiter: options.delimiter, header: true,
                                  features: options.features, missing: options.missing, rows: table.rows,
                                  featureCount: table.featureCount, classes: table.targets.classCount,
                                  classNames: names, firstText: firstText))
    }

    /// The did-you-mean among the header's names; a wide header is not listed whole when nothing is close.
    static func columnHelp(_ target: String, _ header: [String]) -> String {
        let help = Suggestions.help(for: target, among: header, kind: "columns")
        guard header.count > 12, help.hasPrefix("valid") else { return help }
        return "the header's first columns: " + header.prefix(12).joined(separator: ", ") + ", … (\(header.count) in all)"
    }
}
