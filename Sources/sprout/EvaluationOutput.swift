import Foundation
import SproutMetrics
import SproutRuns

/// `sprout evaluate`'s three forms of one `Evaluation`: a table to read, CSV and JSON for programs.
enum EvaluationOutput {
    /// The headline, `loss 0.0512  accuracy 0.972 (35 of 36)` (regression: `loss …  mae …`), then for classes the
    /// confusion matrix with the class names as row and column headers, and the per-class table with its macro
    /// average.
    static func table(_ evaluation: Evaluation, run: String, split: String) -> String {
        var lines = ["\(run): \(split) split, \(evaluation.examples) examples, final weights (epoch \(evaluation.epoch))"]
        guard let scores = evaluation.scores else {
            let mae = evaluation.meanAbsoluteError.map { "  mae \(RunProgress.loss($0))" } ?? ""
            return (lines + ["loss \(RunProgress.loss(evaluation.loss))\(mae)"]).joined(separator: "\n") + "\n"
        }
        lines.append("loss \(RunProgress.loss(evaluation.loss))  accuracy \(RunProgress.fixed(scores.accuracy, 3)) "
                     + "(\(scores.correct) of \(scores.examples))")
        let names = scores.confusion.indices.map(evaluation.className)
        lines += ["", "confusion matrix (rows: true class, columns: predicted class)"]
        lines += aligned([[""] + names] + scores.confusion.indices.map { [names[$0]] + scores.confusion[$0].map(String.init) })
        lines += [""]
        let perClass = scores.perClass.indices.map { c -> [String] in
            let s = scores.perClass[c]
            return [names[c]] + [s.precision, s.recall, s.f1].map { RunProgress.fixed($0, 3) } + [String(s.support)]
        }
        let macro = ["macro avg"] + [scores.macro.precision, scores.macro.recall, scores.macro.f1].map { RunProgress.fixed($0, 3) }
            + [String(scores.examples)]
        lines += aligned([["class", "precision", "recall", "f1", "support"]] + perClass + [macro])
        return lines.joined(separator: "\n") + "\n"
    }

    /// Columns two spaces apart: the first (the row names) left-aligned, the others right-aligned.
    static func aligned(_ rows: [[String]]) -> [String] {
        let columns = rows.map(\.count).max() ?? 0
        let width = (0..<columns).map { column in rows.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { column, cell in
                let pad = String(repeating: " ", count: max(0, width[column] - cell.count))
                return column == 0 ? cell + pad : pad + cell
            }.joined(separator: "  ")
        }
    }

    /// Tidy CSV, one value a row: `metric,class,predicted,value`. `loss`, `accuracy` and `mae` have no class;
    /// `confusion` rows give the true class and the predicted one; `precision`, `recall`, `f1` and `support` a
    /// class, or `macro avg`. Numbers are Swift's shortest round-trip form, as in metrics.csv.
    static func csv(_ evaluation: Evaluation) -> String {
        var rows = [["metric", "class", "predicted", "value"], ["examples", "", "", String(evaluation.examples)],
                    ["loss", "", "", MetricsRow.format(evaluation.loss)]]
        if let mae = evaluation.meanAbsoluteError { rows.append(["mae", "", "", MetricsRow.format(mae)]) }
        if let scores = evaluation.scores {
            let names = scores.confusion.indices.map(evaluation.className)
            rows.append(["accuracy", "", "", MetricsRow.format(scores.accuracy)])
            for t in names.indices {
                for p in names.indices { rows.append(["confusion", names[t], names[p], String(scores.confusion[t][p])]) }
            }
            for (c, s) in scores.perClass.enumerated() {
                rows += [["precision", names[c], "", MetricsRow.format(s.precision)], ["recall", names[c], "", MetricsRow.format(s.recall)],
                         ["f1", names[c], "", MetricsRow.format(s.f1)], ["support", names[c], "", String(s.support)]]
            }
            rows += [["precision", "macro avg", "", MetricsRow.format(scores.macro.precision)],
                     ["recall", "macro avg", "", MetricsRow.format(scores.macro.recall)],
                     ["f1", "macro avg", "", MetricsRow.format(scores.macro.f1)]]
        }
        return rows.map { $0.map(CSVWriter.escape).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    /// run.json's `test` object (`Evaluation`'s keys), with `run` and `split` added.
    static func json(_ evaluation: Evaluation, run: String, split: String) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let data = try encoder.encode(Labelled(evaluation: evaluation, run: run, split: split))
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// An evaluation's keys and two more, in one object.
    struct Labelled: Encodable {
        let evaluation: Evaluation
        let run: String
        let split: String
        enum Keys: String, CodingKey { case run, split }

        func encode(to encoder: any Encoder) throws {
            try evaluation.encode(to: encoder)
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(run, forKey: .run)
            try c.encode(split, forKey: .split)
        }
    }
}
