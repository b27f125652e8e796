import SproutMetrics

/// One evaluation of a trained network on a set of examples: run.json's `test` (the test split, once, after
/// training) and `sprout evaluate`'s answer (any split, again), written and read by this one type so that the two
/// agree key for key.
///
/// ```json
/// "test": {
///   "accuracy": 0.9722222222222222,
///   "confusion_matrix": [[12, 0, 0], [0, 13, 1], [0, 0, 10]],
///   "epoch": 60,
///   "examples": 36,
///   "loss": 0.0512,
///   "mae": null,
///   "macro_avg": {"f1": 0.97, "precision": 0.97, "recall": 0.98},
///   "per_class": [{"class": "0", "f1": 1, "precision": 1, "recall": 1, "support": 12}, ...]
/// }
/// ```
///
/// Classification: `accuracy`, `confusion_matrix` (rows true class, columns predicted), `per_class` (one a class, in
/// class order, `class` its name or its index as text) and `macro_avg` (`ClassificationScores`), `mae` null.
/// Regression: `loss` and `mae` (the mean absolute error over every target), the classification keys null.
/// Every key is always written (`null` when it has no value), like the rest of run.json.
package struct Evaluation: Sendable, Equatable {
    /// The examples evaluated.
    package var examples: Int
    /// The configured loss's mean over the examples, in evaluation mode (no dropout).
    package var loss: Double
    /// The epoch whose weights were evaluated: the last completed one (a diverged run's last finite weights).
    package var epoch: Int
    /// Regression only: mean |output − target| over every example and output.
    package var meanAbsoluteError: Double?
    /// Classification only.
    package var scores: ClassificationScores?
    /// The classes' names in class order (a CSV's text target), or nil: the classes are their indices.
    package var classNames: [String]?

    package init(examples: Int, loss: Double, epoch: Int, meanAbsoluteError: Double? = nil,
                 scores: ClassificationScores? = nil, classNames: [String]? = nil) {
        self.examples = examples
        self.loss = loss
        self.epoch = epoch
        self.meanAbsoluteError = meanAbsoluteError
        self.scores = scores
        self.classNames = classNames
    }

    /// Class c's name: its name in the data, or its index.
    package func className(_ c: Int) -> String {
        guard let classNames, c < classNames.count else { return String(c) }
        return classNames[c]
    }
}

extension Evaluation: Codable {
    enum CodingKeys: String, CodingKey {
        case examples, loss, epoch, accuracy, mae
        case confusion = "confusion_matrix", perClass = "per_class", macro = "macro_avg"
    }

    /// One class of `per_class`.
    struct ClassRow: Codable {
        var name: String
        var precision: Double, recall: Double, f1: Double
        var support: Int

        enum CodingKeys: String, CodingKey { case name = "class", precision, recall, f1, support }
    }

    struct Averages: Codable {
        var precision: Double, recall: Double, f1: Double
    }

    package func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(examples, forKey: .examples)
        try c.encode(loss, forKey: .loss)
        try c.encode(epoch, forKey: .epoch)
        try c.encode(scores?.accuracy, forKey: .accuracy)
        try c.encode(meanAbsoluteError, forKey: .mae)
        try c.encode(scores?.confusion, forKey: .confusion)
        try c.encode(scores.map { s in s.perClass.indices.map { i in
            ClassRow(name: className(i), precision: s.perClass[i].precision, recall: s.perClass[i].recall,
                     f1: s.perClass[i].f1, support: s.perClass[i].support)
        } }, forKey: .perClass)
        try c.encode(scores.map { Averages(precision: $0.macro.precision, recall: $0.macro.recall, f1: $0.macro.f1) },
                     forKey: .macro)
    }

    /// The scores are recomputed from the confusion matrix (what they are defined from); the class names from
    /// `per_class` when they are not the indices.
    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        examples = try c.decodeIfPresent(Int.self, forKey: .examples) ?? 0
        loss = try c.decodeIfPresent(Double.self, forKey: .loss) ?? .nan
        epoch = try c.decodeIfPresent(Int.self, forKey: .epoch) ?? 0
        meanAbsoluteError = try c.decodeIfPresent(Double.self, forKey: .mae)
        let confusion = try c.decodeIfPresent([[Int]].self, forKey: .confusion)
        scores = confusion.flatMap { $0.allSatisfy { $0.count == confusion?.count } ? ClassificationScores(confusion: $0) : nil }
        let names = try c.decodeIfPresent([ClassRow].self, forKey: .perClass)?.map(\.name)
        classNames = names.flatMap { $0 == $0.indices.map(String.init) ? nil : $0 }
    }
}
