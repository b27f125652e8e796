import Foundation
import SproutMetrics

extension ReportPage {
    /// The most classes whose confusion matrix the page writes out: a matrix grows as the square of the classes, and
    /// past this one no longer reads at a glance (run.json and `sprout evaluate` still hold it).
    static let confusionClassLimit = 50

    /// A run's test evaluation (run.json's `test`): one line of numbers (examples, loss, accuracy or mean absolute
    /// error, the epoch whose weights were tested) and, for classification, the confusion matrix
    /// (`confusion(_:names:)`) beside the per-class scores (`classScores(_:names:)`). Every class name through
    /// `ReportEscape.html`: a CSV target's texts can hold anything.
    static func evaluation(_ test: Evaluation) -> String {
        var numbers = ["\(test.examples) examples", "loss \(shown(test.loss, format: "%.4g"))"]
        if let scores = test.scores {
            numbers.append("accuracy \(shown(scores.accuracy, format: "%.4f")) (\(scores.correct) of \(scores.examples))")
        }
        if let error = test.meanAbsoluteError { numbers.append("mae \(shown(error, format: "%.4g"))") }
        numbers.append("weights of epoch \(test.epoch)")
        var html = "<div class=\"test\">\n<p><strong>Test:</strong> \(ReportEscape.html(numbers.joined(separator: ", "))).</p>\n"
        if let scores = test.scores {
            let names = scores.confusion.indices.map(test.className)
            html += "<div class=\"test-tables\">\n"
            html += scores.confusion.count <= confusionClassLimit ? confusion(scores.confusion, names: names)
                : "<p>The confusion matrix of \(scores.confusion.count) classes is not shown (more than "
                    + "\(confusionClassLimit)); run.json holds it.</p>\n"
            html += classScores(scores, names: names)
            html += "</div>\n"
        }
        return html + "</div>\n"
    }

    /// The per-class table: precision, recall, F1 and support of each class, then the macro average (support: all
    /// the examples).
    static func classScores(_ scores: ClassificationScores, names: [String]) -> String {
        func row(_ name: String, _ precision: Double, _ recall: Double, _ f1: Double, _ support: Int,
                 macro: Bool = false) -> String {
            let cells = [precision, recall, f1].map { "<td class=\"number\">\(shown($0, format: "%.4f"))</td>" }.joined()
            return "<tr\(macro ? " class=\"macro\"" : "")><th scope=\"row\">\(ReportEscape.html(name))</th>\(cells)"
                + "<td class=\"number\">\(support)</td></tr>\n"
        }
        var html = "<table class=\"scores\">\n<caption>per class</caption>\n<thead><tr><th scope=\"col\">class</th>"
            + "<th scope=\"col\">precision</th><th scope=\"col\">recall</th><th scope=\"col\">F1</th>"
            + "<th scope=\"col\">support</th></tr></thead>\n<tbody>\n"
        for (c, score) in scores.perClass.enumerated() {
            html += row(names[c], score.precision, score.recall, score.f1, score.support)
        }
        html += row("macro avg", scores.macro.precision, scores.macro.recall, scores.macro.f1, scores.examples, macro: true)
        return html + "</tbody>\n</table>\n"
    }

    /// A number as the page shows it: rounded by `format`, a non-finite one as metrics.csv writes it (`nan`).
    static func shown(_ value: Double, format: String) -> String {
        value.isFinite ? String(format: format, value) : MetricsRow.format(value)
    }
}
