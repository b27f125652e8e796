import Foundation

/// `sprout diff A B`: two runs side by side. What differs in what they were trained from (`StoredRun.changes`), their
/// final metrics, and their metrics.csv rows joined on the epoch (every epoch either run logged, a cell empty where
/// one run has no row), so one table shows both curves.
package struct RunComparison: Sendable {
    package var a: StoredRun
    package var b: StoredRun

    package init(_ a: StoredRun, _ b: StoredRun) {
        self.a = a
        self.b = b
    }

    /// The config keys and inputs that differ, A to B.
    package var changes: [String] { a.changes(to: b) }

    /// The metrics compared: the loss always, accuracy and the validation columns when either run has them.
    package var columns: [(name: String, value: (MetricsRow) -> Double?)] {
        let all: [(String, (MetricsRow) -> Double?)] = [
            ("train_loss", { $0.trainLoss }), ("train_accuracy", { $0.trainAccuracy }),
            ("val_loss", { $0.validationLoss }), ("val_accuracy", { $0.validationAccuracy }),
        ]
        let rows = a.metrics + b.metrics
        return all.enumerated().filter { index, column in index == 0 || rows.contains { column.1($0) != nil } }.map(\.element)
    }

    /// Every logged epoch of either run, ascending, with each run's row (the last one for an epoch written twice).
    package var epochs: [(epoch: Int, a: MetricsRow?, b: MetricsRow?)] {
        let byEpochA = Dictionary(a.metrics.map { ($0.epoch, $0) }, uniquingKeysWith: { _, last in last })
        let byEpochB = Dictionary(b.metrics.map { ($0.epoch, $0) }, uniquingKeysWith: { _, last in last })
        return Set(byEpochA.keys).union(byEpochB.keys).sorted().map { ($0, byEpochA[$0], byEpochB[$0]) }
    }

    /// The per-epoch table as CSV: `epoch,train_loss_a,train_loss_b,train_accuracy_a,...`, numbers as metrics.csv
    /// writes them (shortest round-trip), empty cells where a run has no value.
    package func csv() -> String {
        let columns = columns
        var lines = [(["epoch"] + columns.flatMap { ["\($0.name)_a", "\($0.name)_b"] }).joined(separator: ",")]
        for row in epochs {
            let cells = columns.flatMap { column in
                [row.a.flatMap(column.value), row.b.flatMap(column.value)].map { $0.map(MetricsRow.format) ?? "" }
            }
            lines.append(([String(row.epoch)] + cells).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The text report: both runs named, what changed, the final metrics, then the per-epoch table, aligned.
    package func text(nameA: String, nameB: String) -> String {
        var lines = ["A: \(nameA)  \(Self.describe(a.record))", "B: \(nameB)  \(Self.describe(b.record))", ""]
        let changes = changes
        lines.append(changes.isEmpty ? "inputs: the same" : "inputs that differ (A -> B):")
        lines += changes.map { "  " + $0 }
        lines.append("")
        let columns = columns
        var final: [[String]] = [["final", "A", "B"]]
        for column in columns {
            final.append([column.name, a.metrics.last.flatMap(column.value).map(Self.short) ?? "-",
                          b.metrics.last.flatMap(column.value).map(Self.short) ?? "-"])
        }
        final.append(["epochs", String(a.record.epochsCompleted), String(b.record.epochsCompleted)])
        lines += Self.aligned(final)
        lines.append("")
        var table: [[String]] = [["epoch"] + columns.flatMap { ["\($0.name) A", "B"] }]
        for row in epochs {
            table.append([String(row.epoch)] + columns.flatMap { column in
                [row.a.flatMap(column.value).map(Self.short) ?? "", row.b.flatMap(column.value).map(Self.short) ?? ""]
            })
        }
        lines += Self.aligned(table)
        return lines.joined(separator: "\n") + "\n"
    }

    /// `completed, trained 2026-12-03T14:58:32.571Z, git 3f2a1c9 (config modified)`.
    static func describe(_ record: RunRecord) -> String {
        var parts = [record.status.rawValue, "trained \(RunRecord.timestamp(record.started))"]
        if let git = record.git { parts.append(git.label) }
        return parts.joined(separator: ", ")
    }

    /// Six significant digits: enough to tell two curves apart, short enough to read.
    static func short(_ value: Double) -> String {
        value.isFinite ? String(format: "%.6g", value) : MetricsRow.format(value)
    }

    /// Columns padded to their widest cell, the first left-aligned, numbers right-aligned.
    static func aligned(_ rows: [[String]]) -> [String] {
        let width = (0..<(rows.map(\.count).max() ?? 0)).map { column in rows.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { column, cell in
                column == 0 ? cell.padding(toLength: width[column], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: width[column] - cell.count) + cell
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
    }
}
