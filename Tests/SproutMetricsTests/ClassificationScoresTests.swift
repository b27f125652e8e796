import Testing
import SproutMetrics

/// Small confusion matrices worked by hand (scikit-learn is not at hand: its conventions are the doc comment's).
@Suite struct ClassificationScoresTests {
    /// Exact up to the last bits of a Double division.
    static func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-12 }

    /// truth [0 0 0 1 1 2], predicted [0 0 1 1 2 2]:
    ///
    ///     confusion   pred 0  1  2
    ///     true 0         2  1  0     support 3
    ///     true 1         0  1  1     support 2
    ///     true 2         0  0  1     support 1
    ///
    /// class 0: TP 2, column 2 + 0 + 0 = 2  -> precision 2/2 = 1,   recall 2/3, F1 2·1·(2/3) / (5/3) = 4/5
    /// class 1: TP 1, column 1 + 1 + 0 = 2  -> precision 1/2,       recall 1/2, F1 1/2
    /// class 2: TP 1, column 0 + 1 + 1 = 2  -> precision 1/2,       recall 1/1, F1 2·(1/2)·1 / (3/2) = 2/3
    /// accuracy (2 + 1 + 1) / 6 = 2/3; macro precision (1 + 1/2 + 1/2) / 3 = 2/3, recall (2/3 + 1/2 + 1) / 3 =
    /// 13/18, F1 (4/5 + 1/2 + 2/3) / 3 = (24 + 15 + 20) / 90 = 59/90.
    @Test func threeClassesByHand() throws {
        let scores = try #require(ClassificationScores(truth: [0, 0, 0, 1, 1, 2], predicted: [0, 0, 1, 1, 2, 2],
                                                       classCount: 3))
        #expect(scores.confusion == [[2, 1, 0], [0, 1, 1], [0, 0, 1]])
        #expect(scores.examples == 6 && scores.correct == 4)
        #expect(scores.perClass.map(\.support) == [3, 2, 1])
        let expected: [(Double, Double, Double)] = [(1, 2.0 / 3, 0.8), (0.5, 0.5, 0.5), (0.5, 1, 2.0 / 3)]
        for (score, (precision, recall, f1)) in zip(scores.perClass, expected) {
            #expect(Self.close(score.precision, precision) && Self.close(score.recall, recall) && Self.close(score.f1, f1),
                    "\(score)")
        }
        #expect(Self.close(scores.accuracy, 2.0 / 3))
        #expect(Self.close(scores.macro.precision, 2.0 / 3))
        #expect(Self.close(scores.macro.recall, 13.0 / 18))
        #expect(Self.close(scores.macro.f1, 59.0 / 90))
    }

    /// zero_division=0: truth [0 0 1 1], every prediction 0, three classes (class 2 has no example):
    ///
    ///     confusion   pred 0  1  2
    ///     true 0         2  0  0
    ///     true 1         2  0  0
    ///     true 2         0  0  0
    ///
    /// class 0: TP 2, column 4 -> precision 1/2, recall 2/2 = 1, F1 2·(1/2)·1 / (3/2) = 2/3
    /// class 1: never predicted: precision 0/0 -> 0; recall 0/2 = 0; F1 with P + R = 0 -> 0
    /// class 2: no example and never predicted: precision, recall and F1 all 0/0 -> 0, support 0
    /// accuracy 2/4; macro precision (1/2) / 3 = 1/6, recall 1/3, F1 (2/3) / 3 = 2/9 (class 2 counts: the
    /// average is over every class of the model, scikit-learn's labels=range(3)).
    @Test func undefinedRatiosAreZero() throws {
        let scores = try #require(ClassificationScores(truth: [0, 0, 1, 1], predicted: [0, 0, 0, 0], classCount: 3))
        #expect(scores.confusion == [[2, 0, 0], [2, 0, 0], [0, 0, 0]])
        #expect(scores.perClass[1] == .init(precision: 0, recall: 0, f1: 0, support: 2))
        #expect(scores.perClass[2] == .init(precision: 0, recall: 0, f1: 0, support: 0))
        #expect(Self.close(scores.perClass[0].precision, 0.5) && scores.perClass[0].recall == 1)
        #expect(Self.close(scores.perClass[0].f1, 2.0 / 3))
        #expect(scores.accuracy == 0.5)
        #expect(Self.close(scores.macro.precision, 1.0 / 6) && Self.close(scores.macro.recall, 1.0 / 3))
        #expect(Self.close(scores.macro.f1, 2.0 / 9))
        for score in scores.perClass { #expect(!score.precision.isNaN && !score.recall.isNaN && !score.f1.isNaN) }
    }

    /// Binary: truth [1 1 1 0 0], predicted [1 0 1 1 0]: confusion [[1, 1], [1, 2]].
    /// class 0: TP 1, column 1 + 1 = 2 -> precision 1/2, support 2 -> recall 1/2, F1 1/2
    /// class 1: TP 2, column 1 + 2 = 3 -> precision 2/3, support 3 -> recall 2/3, F1 2/3
    /// accuracy 3/5; macro F1 (1/2 + 2/3) / 2 = 7/12.
    @Test func binaryByHand() throws {
        let scores = try #require(ClassificationScores(truth: [1, 1, 1, 0, 0], predicted: [1, 0, 1, 1, 0], classCount: 2))
        #expect(scores.confusion == [[1, 1], [1, 2]])
        #expect(Self.close(scores.perClass[1].precision, 2.0 / 3) && Self.close(scores.perClass[1].recall, 2.0 / 3))
        #expect(scores.perClass[0].f1 == 0.5 && scores.accuracy == 0.6)
        #expect(Self.close(scores.macro.f1, 7.0 / 12))
    }

    /// Every prediction right: each score 1, the matrix diagonal.
    @Test func perfectPredictions() throws {
        let scores = try #require(ClassificationScores(truth: [2, 0, 1, 2], predicted: [2, 0, 1, 2], classCount: 3))
        #expect(scores.confusion == [[1, 0, 0], [0, 1, 0], [0, 0, 2]])
        #expect(scores.accuracy == 1 && scores.macro == .init(precision: 1, recall: 1, f1: 1))
    }

    /// No example: every count and score 0, nothing NaN. Mismatched lengths, labels outside the classes and no
    /// class at all are refused.
    @Test func edgeCases() throws {
        let empty = try #require(ClassificationScores(truth: [], predicted: [], classCount: 2))
        #expect(empty.examples == 0 && empty.accuracy == 0 && empty.confusion == [[0, 0], [0, 0]])
        #expect(empty.macro == .init(precision: 0, recall: 0, f1: 0))
        #expect(ClassificationScores(truth: [0, 1], predicted: [0], classCount: 2) == nil)
        #expect(ClassificationScores(truth: [0, 2], predicted: [0, 1], classCount: 2) == nil)
        #expect(ClassificationScores(truth: [0], predicted: [-1], classCount: 2) == nil)
        #expect(ClassificationScores(truth: [], predicted: [], classCount: 0) == nil)
    }
}
