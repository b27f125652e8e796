import Foundation

/// `sprout summarize`'s table, as Markdown or as CSV: one row per run, no timing column, so the same run
/// directories always give the same bytes.
extension RunOverview {
    public enum Format: String, Sendable, CaseIterable {
        case markdown, csv
    }

    public static let columns = ["run", "weight_init", "status", "epochs_completed", "train_accuracy", "val_accuracy",
                                 "distinct_units", "train_loss"]

    /// The table of `rows` in their order. Markdown: columns padded to their widest cell, numbers right-aligned,
    /// accuracies with 4 decimals, the loss with 4 significant digits, `—` for an empty cell, `|` in a cell escaped.
    /// CSV (RFC 4180): numbers in their shortest exact form (as in metrics.csv, so they compare exactly), empty
    /// cells empty.
    public static func table(_ rows: [RunOverview], format: Format) -> String {
        switch format {
        case .csv:
            let lines = [columns] + rows.map { $0.cells(exact: true) }
            return lines.map { $0.map(CSVWriter.escape).joined(separator: ",") + "\n" }.joined()
        case .markdown:
            let body = rows.map { $0.cells(exact: false).map { $0.isEmpty ? "—" : $0.replacingOccurrences(of: "|", with: "\\|") } }
            let numeric = Set(3..<columns.count)
            let widths = columns.indices.map { c in ([columns] + body).map { $0[c].count }.max() ?? 0 }
            func line(_ cells: [String]) -> String {
                "| " + cells.enumerated().map { c, cell in
                    let pad = String(repeating: " ", count: widths[c] - cell.count)
                    return numeric.contains(c) ? pad + cell : cell + pad
                }.joined(separator: " | ") + " |\n"
            }
            let rule = "|" + widths.indices.map { c in
                String(repeating: "-", count: widths[c] + 1) + (numeric.contains(c) ? ":" : "-")
            }.joined(separator: "|") + "|\n"
            return line(Self.columns) + rule + body.map(line).joined()
        }
    }

    /// The row's cells in `columns` order; empty where there is nothing to show.
    func cells(exact: Bool) -> [String] {
        func accuracy(_ value: Double?) -> String {
            value.map { exact || !$0.isFinite ? MetricsRow.format($0) : String(format: "%.4f", $0) } ?? ""
        }
        let loss = trainLoss.map { exact || !$0.isFinite ? MetricsRow.format($0) : String(format: "%.4g", $0) } ?? ""
        return [path, weightInit ?? "", status.rawValue, epochsCompleted.map(String.init) ?? "", accuracy(trainAccuracy),
                accuracy(validationAccuracy), distinctUnits.map(String.init) ?? "", loss]
    }
}
