import Foundation
import Testing

/// `data.test` through the built binary: the test split is held out before anything trains, evaluated once at the
/// end into run.json's `test`, and `sprout evaluate` gives the same numbers again from config.yaml and
/// final.safetensors.
@Suite struct TestSplitEndToEndTests {
    /// configs/wine.yaml's network on a test split: 3 epochs of 16-example batches.
    static let wine = """
        name: wine-test
        seed: 1
        data: {source: wine, test: 0.2, validation: 0.2, normalize: standardize}
        model:
          init: {weight: xavier_uniform, bias: zeros}
          layers: [{name: hidden, type: dense, units: 16}, tanh, {name: out, type: dense, units: 3}]
        train: {loss: cross_entropy, optimizer: {type: adam, lr: 0.01}, epochs: 3, batch_size: 16}

        """

    static func json(_ url: URL) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    /// Wine (59, 71, 48 of 178), test 0.2 then validation 0.2 of the whole: the test split holds 36 =
    /// round(35.6), 12, 14 and 10 a class (largest remainders: 36·59/178 = 11.93, 36·71/178 = 14.36, 36·48/178 =
    /// 9.71); validation another 36 of the rest; 178 − 72 = 106 train. So an epoch is ceil(106/16) = 7 steps (21 in
    /// 3 epochs), metrics.csv's train accuracies are multiples of 1/106 and validation's of 1/36: the test examples
    /// are neither trained on nor logged.
    @Test func theTestSplitIsHeldOutAndRecorded() throws {
        let scratch = try TemporaryDirectory()
        let run = try #require(try ExperimentRuns.run(Self.wine, in: scratch).first)
        let record = try Self.json(run.directory.appendingPathComponent("run.json"))
        #expect(record["steps"] as? Int == 21)
        let metrics = try run.metrics()
        for a in metrics.column("train_accuracy") { #expect(abs(a * 106 - (a * 106).rounded()) < 1e-9, "\(a)") }
        for a in metrics.column("val_accuracy") { #expect(abs(a * 36 - (a * 36).rounded()) < 1e-9, "\(a)") }
        let test = try #require(record["test"] as? [String: Any])
        #expect(test["examples"] as? Int == 36 && test["epoch"] as? Int == 3)
        let matrix = try #require(test["confusion_matrix"] as? [[Int]])
        #expect(matrix.map { $0.reduce(0, +) } == [12, 14, 10])
        // The scores recomputed from the matrix by hand's formulas: accuracy = trace / 36, recall = TP / row sum,
        // precision = TP / column sum (0 when the column is empty).
        let perClass = try #require(test["per_class"] as? [[String: Any]])
        let trace = (0..<3).reduce(0) { $0 + matrix[$1][$1] }
        // (JSONSerialization on Linux may misread a double's last bit: compared to 1e-12.)
        func close(_ value: Any?, _ expected: Double) -> Bool { (value as? Double).map { abs($0 - expected) < 1e-12 } ?? false }
        #expect(close(test["accuracy"], Double(trace) / 36))
        for c in 0..<3 {
            let column = (0..<3).reduce(0) { $0 + matrix[$1][c] }
            #expect(perClass[c]["support"] as? Int == [12, 14, 10][c])
            #expect(close(perClass[c]["recall"], Double(matrix[c][c]) / Double([12, 14, 10][c])))
            #expect(close(perClass[c]["precision"], column > 0 ? Double(matrix[c][c]) / Double(column) : 0))
            #expect(perClass[c]["class"] as? String == String(c))
        }
        #expect(test["mae"] is NSNull)
        // sprout evaluate: the same split rebuilt, the same weights, the same numbers to the last bit.
        let evaluated = try SproutBinary.run(["evaluate", run.directory.path, "--format", "json"])
        #expect(evaluated.status == 0, "\(evaluated.stderr)")
        var again = try #require(try JSONSerialization.jsonObject(with: Data(evaluated.stdout.utf8)) as? [String: Any])
        #expect(again.removeValue(forKey: "split") as? String == "test")
        #expect(again.removeValue(forKey: "run") as? String == run.directory.path)
        #expect(NSDictionary(dictionary: again).isEqual(to: test), "\(again) vs \(test)")
        // The validation split rebuilt gives metrics.csv's last validation numbers (the last epoch is logged).
        let validation = try SproutBinary.run(["evaluate", run.directory.path, "--split", "validation", "--format", "json"])
        let scored = try #require(try JSONSerialization.jsonObject(with: Data(validation.stdout.utf8)) as? [String: Any])
        let final = try #require(record["final"] as? [String: Any])
        #expect(scored["loss"] as? Double == final["val_loss"] as? Double)
        #expect(scored["accuracy"] as? Double == final["val_accuracy"] as? Double && scored["examples"] as? Int == 36)
    }

    /// The table: headline with the count, the confusion matrix under the class names, the per-class table; the
    /// batch's line shows the test accuracy.
    /// batch_norm evaluates on its running statistics, which final.safetensors holds: `sprout evaluate` rebuilds the
    /// test numbers of run.json exactly (with fresh statistics, mean 0 and variance 1, they would differ).
    @Test func aBatchNormRunEvaluatesOnItsRunningStatistics() throws {
        let scratch = try TemporaryDirectory()
        let text = Self.wine.replacingOccurrences(of: "{name: hidden, type: dense, units: 16}, tanh,",
                                                  with: "{name: hidden, type: dense, units: 16}, {name: bn, type: batch_norm}, tanh,")
        let run = try #require(try ExperimentRuns.run(text, in: scratch).first)
        let record = try Self.json(run.directory.appendingPathComponent("run.json"))
        let test = try #require(record["test"] as? [String: Any])
        let evaluated = try SproutBinary.run(["evaluate", run.directory.path, "--format", "json"])
        #expect(evaluated.status == 0, "\(evaluated.stderr)")
        let again = try #require(try JSONSerialization.jsonObject(with: Data(evaluated.stdout.utf8)) as? [String: Any])
        #expect(again["loss"] as? Double == test["loss"] as? Double)
        #expect(again["confusion_matrix"] as? [[Int]] == test["confusion_matrix"] as? [[Int]])
    }

    @Test func evaluatePrintsTheTables() throws {
        let scratch = try TemporaryDirectory()
        let config = try scratch.write("wine.yaml", Self.wine)
        let out = scratch.url.appendingPathComponent("out")
        let ran = try SproutBinary.run(["run", config, "--out", out.path], timeout: 120)
        #expect(ran.status == 0 && ran.stdout.contains(", test accuracy "), "\(ran.stdout)\(ran.stderr)")
        let run = try #require(ExperimentRuns.find(under: out).first)
        let table = try SproutBinary.run(["evaluate", run.directory.path])
        #expect(table.status == 0, "\(table.stderr)")
        let lines = table.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "\(run.directory.path): test split, 36 examples, final weights (epoch 3)")
        #expect(lines.count > 1 && lines[1].hasPrefix("loss ") && lines[1].contains(" of 36)"), "\(lines)")
        #expect(lines.contains("confusion matrix (rows: true class, columns: predicted class)"))
        #expect(lines.contains { $0.hasPrefix("class") && $0.contains("precision") && $0.contains("support") })
        #expect(lines.contains { $0.hasPrefix("macro avg") && $0.hasSuffix("36") })
        let validation = try SproutBinary.run(["evaluate", run.directory.path, "--split", "validation", "--format", "csv"])
        #expect(validation.status == 0 && validation.stdout.hasPrefix("metric,class,predicted,value\nexamples,,,36\n"),
                "\(validation.stdout)")
        // 3 × 3 confusion cells of 106 training examples.
        let train = try SproutBinary.run(["evaluate", run.directory.path, "--split", "train", "--format", "csv"])
        let counts = train.stdout.split(separator: "\n").filter { $0.hasPrefix("confusion,") }.compactMap { $0.split(separator: ",").last.flatMap { Int($0) } }
        #expect(counts.count == 9 && counts.reduce(0, +) == 106)
    }

    /// Regression: loss and mae only; for mse, mae² ≤ loss (the mean of |e| squared is at most the mean of e²).
    /// sine 40 with test 0.25: round(10) = 10 test examples.
    @Test func regressionRecordsLossAndMAE() throws {
        let scratch = try TemporaryDirectory()
        let run = try #require(try ExperimentRuns.run("""
            data: {source: sine, samples: 40, test: 0.25}
            model: {layers: [{type: dense, units: 8}, tanh, {type: dense, units: 1}]}
            train: {loss: mse, optimizer: {type: adam, lr: 0.01}, epochs: 2, batch_size: 8}

            """, in: scratch).first)
        let test = try #require(try Self.json(run.directory.appendingPathComponent("run.json"))["test"] as? [String: Any])
        let loss = try #require(test["loss"] as? Double), mae = try #require(test["mae"] as? Double)
        #expect(test["examples"] as? Int == 10 && test["accuracy"] is NSNull && test["confusion_matrix"] is NSNull)
        #expect(mae > 0 && mae * mae <= loss * (1 + 1e-9))
        let table = try SproutBinary.run(["evaluate", run.directory.path])
        #expect(table.status == 0 && table.stdout.contains("\nloss ") && table.stdout.contains("  mae "), "\(table.stdout)")
        #expect(!table.stdout.contains("confusion"))
    }

    /// A diverged run is evaluated too, with its last finite weights: xor 40 (20 a class) with test 0.25 holds out
    /// round(10) = 10, 5 a class; a learning rate of 1e30 diverges in the first epoch.
    @Test func aDivergedRunIsTested() throws {
        let scratch = try TemporaryDirectory()
        let config = try scratch.write("diverges.yaml", """
            data: {source: xor, samples: 40, test: 0.25}
            model: {layers: [{type: dense, units: 4}, relu, {type: dense, units: 2}]}
            train: {loss: cross_entropy, optimizer: {type: sgd, lr: 1.0e+30}, epochs: 5, batch_size: 8}

            """)
        let out = scratch.url.appendingPathComponent("out")
        // A diverged run makes the batch exit 1.
        #expect(try SproutBinary.run(["run", config, "--out", out.path, "--quiet"], timeout: 120).status == 1)
        let run = try #require(ExperimentRuns.find(under: out).first)
        let record = try Self.json(run.directory.appendingPathComponent("run.json"))
        #expect(record["status"] as? String == "diverged")
        let test = try #require(record["test"] as? [String: Any])
        #expect(test["examples"] as? Int == 10)
        #expect((test["confusion_matrix"] as? [[Int]])?.map { $0.reduce(0, +) } == [5, 5])
    }
}
