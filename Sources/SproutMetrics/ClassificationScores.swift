/// How well predicted class labels match the true ones: the confusion matrix and the scores read from it, as
/// scikit-learn's `confusion_matrix`, `precision_recall_fscore_support(average=None)` and `accuracy_score` compute
/// them.
///
/// - `confusion[t][p]`: the examples of true class t predicted as class p (rows true, columns predicted, as
///   scikit-learn's `confusion_matrix(y_true, y_pred)`).
/// - For class c: TP = confusion[c][c], FP = Σ_t≠c confusion[t][c] (others predicted as c), FN = Σ_p≠c
///   confusion[c][p] (c predicted as others), support = TP + FN (the examples of class c).
///   precision = TP / (TP + FP), recall = TP / (TP + FN), F1 = 2 · precision · recall / (precision + recall).
///   A ratio whose denominator is 0 (a class never predicted, a class with no example, precision and recall both
///   0) is 0, as scikit-learn's `zero_division=0`: a score that cannot be earned counts as not earned, and no NaN
///   reaches run.json (scikit-learn's default, "warn", also gives 0, with a warning).
/// - accuracy = Σ_c TP / examples (0 for no example).
/// - macro averages: the unweighted mean over all `classCount` classes of precision, recall and F1
///   (scikit-learn's `average="macro"` with `labels=range(classCount)`: a class absent from both the true and the
///   predicted labels still counts, with its zeros, so the average's meaning does not depend on which classes a
///   small test set happens to hold).
public struct ClassificationScores: Sendable, Equatable {
    /// One class's row of scikit-learn's classification report.
    public struct ClassScore: Sendable, Equatable {
        public var precision: Double
        public var recall: Double
        public var f1: Double
        /// The examples whose true class this is.
        public var support: Int

        public init(precision: Double, recall: Double, f1: Double, support: Int) {
            self.precision = precision
            self.recall = recall
            self.f1 = f1
            self.support = support
        }
    }

    /// The unweighted means of the classes' scores.
    public struct Averages: Sendable, Equatable {
        public var precision: Double
        public var recall: Double
        public var f1: Double

        public init(precision: Double, recall: Double, f1: Double) {
            self.precision = precision
            self.recall = recall
            self.f1 = f1
        }
    }

    /// Rows: true class; columns: predicted class. `classCount × classCount`.
    public var confusion: [[Int]]
    /// One a class, in class order.
    public var perClass: [ClassScore]
    public var accuracy: Double
    public var macro: Averages
    public var examples: Int

    /// The scores of `predicted` against `truth` (class indices in `0..<classCount`, one each per example); nil
    /// when the two differ in length, `classCount` is below 1, or a label is outside the classes.
    public init?(truth: [Int], predicted: [Int], classCount: Int) {
        guard truth.count == predicted.count, classCount > 0 else { return nil }
        var confusion = [[Int]](repeating: [Int](repeating: 0, count: classCount), count: classCount)
        for (t, p) in zip(truth, predicted) {
            guard (0..<classCount).contains(t), (0..<classCount).contains(p) else { return nil }
            confusion[t][p] += 1
        }
        self.init(confusion: confusion)
    }

    /// The scores a square confusion matrix (rows true, columns predicted) gives.
    public init(confusion: [[Int]]) {
        let classes = confusion.count
        self.confusion = confusion
        examples = confusion.reduce(0) { $0 + $1.reduce(0, +) }
        var correct = 0
        perClass = (0..<classes).map { c in
            let truePositives = confusion[c][c]
            let predictedAsC = (0..<classes).reduce(0) { $0 + confusion[$1][c] }
            let support = confusion[c].reduce(0, +)
            correct += truePositives
            let precision = Self.ratio(truePositives, predictedAsC), recall = Self.ratio(truePositives, support)
            let f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0
            return ClassScore(precision: precision, recall: recall, f1: f1, support: support)
        }
        accuracy = Self.ratio(correct, examples)
        let count = Double(max(classes, 1))
        macro = Averages(precision: perClass.reduce(0) { $0 + $1.precision } / count,
                         recall: perClass.reduce(0) { $0 + $1.recall } / count,
                         f1: perClass.reduce(0) { $0 + $1.f1 } / count)
    }

    /// `part / whole`, 0 when `whole` is 0 (`zero_division=0`).
    static func ratio(_ part: Int, _ whole: Int) -> Double { whole > 0 ? Double(part) / Double(whole) : 0 }

    /// The correctly predicted examples: the confusion matrix's diagonal.
    public var correct: Int { (0..<confusion.count).reduce(0) { $0 + confusion[$1][$1] } }
}
