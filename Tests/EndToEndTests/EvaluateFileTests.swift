import Foundation
import Testing

/// `sprout evaluate RUN DATA`: a run scored on a CSV file. A run tested on a file (`data.test` a CSV source) records
/// that evaluation in run.json; evaluating the same file with the command must give the same confusion matrix and
/// accuracy, and the same loss to float32's precision (the run forwards batches of 16, the command of up to 1024).
@Suite struct EvaluateFileTests {
    static let data = SproutBinary.packageRoot.appendingPathComponent("configs/data")

    /// Iris from configs/data's CSV files (semicolons, species names), tested on iris-test.csv.
    static var config: String {
        let train = data.appendingPathComponent("iris-train.csv").path, test = data.appendingPathComponent("iris-test.csv").path
        return """
            name: iris-file
            seed: 2
            data:
              source: csv
              path: \(train)
              target: species
              delimiter: ";"
              missing: drop
              test: {source: csv, path: \(test), target: species, delimiter: ";"}
              normalize: standardize
            model:
              layers: [{name: hidden, type: dense, units: 8}, tanh, {name: out, type: dense, units: 3}]
            train: {loss: cross_entropy, optimizer: {type: adam, lr: 0.02}, epochs: 10, batch_size: 16}

            """
    }

    @Test func aFileEvaluatesAsTheRunsOwnTestOfIt() throws {
        let scratch = try TemporaryDirectory()
        let run = try #require(try ExperimentRuns.run(Self.config, in: scratch).first)
        let record = try #require(try JSONSerialization.jsonObject(
            with: Data(contentsOf: run.directory.appendingPathComponent("run.json"))) as? [String: Any])
        let test = try #require(record["test"] as? [String: Any])
        let result = try SproutBinary.run(["evaluate", run.directory.path,
                                           Self.data.appendingPathComponent("iris-test.csv").path, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let file = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(file["examples"] as? Int == 30)
        #expect(file["confusion_matrix"] as? [[Int]] == test["confusion_matrix"] as? [[Int]])
        #expect(file["accuracy"] as? Double == test["accuracy"] as? Double)
        let loss = try #require(file["loss"] as? Double), recorded = try #require(test["loss"] as? Double)
        // The run forwards the 30 flowers in batches of 16, the command in one of 30: OpenBLAS blocks the float32
        // products differently for the two shapes, so the logits (and the loss) agree to float32's precision, not bit
        // for bit.
        #expect(abs(loss - recorded) <= 1e-6 * max(1, recorded), "\(loss) vs \(recorded)")
        // The table names the file and shows the matrix with the species as headers.
        let table = try SproutBinary.run(["evaluate", run.directory.path, Self.data.appendingPathComponent("iris-test.csv").path])
        #expect(table.status == 0)
        #expect(table.stdout.contains("setosa") && table.stdout.contains("virginica"), "\(table.stdout)")
    }

    /// A target outside the run's classes, a file without the target column, a feature that is not a number: one
    /// line each, naming the file, the line and the column, exit 1.
    @Test func aFileThatDoesNotFitIsRefused() throws {
        let scratch = try TemporaryDirectory()
        let run = try #require(try ExperimentRuns.run(Self.config, in: scratch).first)
        let lines = try String(contentsOf: Self.data.appendingPathComponent("iris-test.csv"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        func refuses(_ text: String, saying expected: String) throws {
            let path = try scratch.write("bad.csv", text)
            let result = try SproutBinary.run(["evaluate", run.directory.path, path])
            #expect(result.status == 1)
            #expect(result.stdout.isEmpty)
            let errors = result.stderr.split(separator: "\n")
            #expect(errors.count == 1 && errors[0].contains(expected), "\(result.stderr)")
        }
        var daisy = lines
        daisy[3] = daisy[3].replacingOccurrences(of: "setosa", with: "daisy")
        // Line 4 of the file: the header, then three flowers.
        try refuses(daisy.joined(separator: "\n") + "\n",
                    saying: "bad.csv:4: column 'species': 'daisy' is not one of the run's classes (setosa, versicolor, virginica)")
        let withoutTarget = lines.map { $0.split(separator: ";").dropLast().joined(separator: ";") }
        try refuses(withoutTarget.joined(separator: "\n") + "\n", saying: "bad.csv: no column 'species', the target")
        var text = lines
        text[2] = "abc;" + text[2].split(separator: ";").dropFirst().joined(separator: ";")
        try refuses(text.joined(separator: "\n") + "\n", saying: "bad.csv:3: column 'sepal_length': 'abc' is not a number")
    }
}
