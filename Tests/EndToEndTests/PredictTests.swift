import Foundation
import Testing

/// `sprout predict` end to end: runs trained by the built binary, predictions compared with
/// tools/predict_reference.py (numpy and safetensors only, reading model.json and final.safetensors), and every bad
/// input refused with one line on stderr, exit 1 and no output file.
@Suite struct PredictTests {
    /// configs/wine.yaml as shipped (60 epochs of 142 wines: well under a second).
    static var wine: String {
        (try? String(contentsOf: SproutBinary.packageRoot.appendingPathComponent("configs/wine.yaml"), encoding: .utf8)) ?? ""
    }

    /// batch_norm (whose running statistics evaluation uses), dropout (the identity then), elu, gelu, an add and
    /// a layer_norm, minmax scaling.
    static let graph = """
        name: graph
        seed: 3
        data: {source: wine, normalize: minmax}
        model:
          layers:
            - {name: hidden, type: dense, units: 8}
            - {name: bn, type: batch_norm, momentum: 0.3}
            - {name: act, type: elu, alpha: 0.7}
            - {name: drop, type: dropout, rate: 0.3}
            - {name: side, type: dense, units: 8}
            - {name: smooth, type: gelu}
            - {name: sum, type: add, inputs: [drop, smooth]}
            - {name: norm, type: layer_norm}
            - {name: out, type: dense, units: 3}
        train: {loss: cross_entropy, optimizer: {type: adam, lr: 0.01}, epochs: 4, batch_size: 32}
        log: {every: 4, layers: false}

        """

    /// The bundled wine data as CSV with its header names (the text Sprout compiles in), columns rearranged:
    /// the target first, the features reversed, so that matching by name is what makes it work.
    static func wineCSV() throws -> [[String]] {
        let source = try String(contentsOf: SproutBinary.packageRoot.appendingPathComponent(
            "Sources/SproutData/Bundled/BundledWine.swift"), encoding: .utf8)
        let body = try #require(source.components(separatedBy: "#\"\"\"\n").dropFirst().first?
            .components(separatedBy: "\n\"\"\"#").first)
        return body.split(separator: "\n").map { line in
            let fields = line.split(separator: ",").map(String.init)
            return [fields[fields.count - 1]] + fields.dropLast().reversed()
        }
    }

    static func text(_ rows: [[String]]) -> String { rows.map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n" }

    static func table(_ text: String) -> [[String]] {
        text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    static func reference(_ run: URL, _ data: String) throws -> [[String]] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", SproutBinary.packageRoot.appendingPathComponent("tools/predict_reference.py").path,
                             run.path, data]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return table(String(decoding: output, as: UTF8.self))
    }

    /// Same header, same class on every row, each probability within 1e-6 of the reference's.
    static func expectAgreement(run: URL, data: String, in scratch: TemporaryDirectory) throws {
        let output = scratch.url.appendingPathComponent("predictions.csv").path
        let result = try SproutBinary.run(["predict", run.path, data, "-o", output])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.isEmpty && result.stderr.isEmpty)
        let sprout = table(try String(contentsOfFile: output, encoding: .utf8))
        let python = try reference(run, data)
        #expect(sprout.first == ["predicted", "p_0", "p_1", "p_2"])
        #expect(sprout.count == 179 && python.count == 179)
        for (mine, theirs) in zip(sprout.dropFirst(), python.dropFirst()) {
            #expect(mine[0] == theirs[0])
            let gap = zip(mine.dropFirst(), theirs.dropFirst()).map { abs((Double($0) ?? .nan) - (Double($1) ?? .nan)) }
            #expect(gap.allSatisfy { $0 <= 1e-6 }, "\(mine) vs \(theirs)")
        }
        // Not every row one class: the predictions depend on the row.
        #expect(Set(sprout.dropFirst().map(\.[0])).count > 1)
    }

    /// The issue's acceptance, on configs/wine.yaml itself: the Python program's classes, and `sprout evaluate`'s
    /// confusion matrix of its validation split.
    @Test func wineAgreesWithThePythonReference() throws {
        let scratch = try TemporaryDirectory()
        let run = try ExperimentRuns.run(Self.wine, in: scratch).one("name: wine").directory
        let evaluated = try SproutBinary.run(["evaluate", run.path])
        #expect(evaluated.status == 0, "\(evaluated.stderr)")
        #expect(evaluated.stdout.contains("validation split, 36 examples")
                && evaluated.stdout.contains("confusion matrix (rows: true class, columns: predicted class)"), "\(evaluated.stdout)")
        let data = try scratch.write("wine.csv", Self.text(Self.wineCSV()))
        try Self.expectAgreement(run: run, data: data, in: scratch)
        // Without -o: the same rows on stdout.
        let stdout = try SproutBinary.run(["predict", run.path, data])
        #expect(stdout.status == 0)
        #expect(stdout.stdout == (try String(contentsOfFile: scratch.url.appendingPathComponent("predictions.csv").path,
                                             encoding: .utf8)))
    }

    @Test func batchNormDropoutGraphAgreesWithThePythonReference() throws {
        let scratch = try TemporaryDirectory()
        let run = try ExperimentRuns.run(Self.graph, in: scratch).one("name: graph").directory
        let tensors = try CheckpointAndLayersTests.Tensors(path: run.appendingPathComponent("final.safetensors").path)
        // The running statistics were saved, and moved away from their start (mean 0).
        #expect(tensors.floats("bn.running_mean").contains { $0 != 0 })
        #expect(tensors.shapes["bn.num_batches_tracked"] == [])
        // 4 epochs of ceil(178 / 32) = 6 batches, as PyTorch counts them.
        #expect(tensors.bytes["bn.num_batches_tracked"].map(Array.init) == [24, 0, 0, 0, 0, 0, 0, 0])
        let data = try scratch.write("wine.csv", Self.text(Self.wineCSV()))
        try Self.expectAgreement(run: run, data: data, in: scratch)
    }

    /// The wine's 13 measurements read as a [1, 13, 1] image, through every image node: a 'same' convolution,
    /// BatchNorm2d, a grouped and dilated one, an add, both pools (one not counting its padding), layer_norm over
    /// [C, H, W], then global_avg_pool and flatten joined for the output layer. The reference computes each node from
    /// torch.nn's definition (numpy windows), with the checkpoint's [filters, channels/groups, kh, kw] weights as
    /// they are: the agreement is the checkpoint meaning what PyTorch's Conv2d would make of it.
    static let convolutions = """
        name: convolutions
        seed: 5
        data: {source: wine, normalize: standardize, shape: [1, 13, 1]}
        model:
          layers:
            - {name: stem, type: conv2d, filters: 4, kernel_size: [3, 1], padding: same}
            - {name: bn, type: batch_norm, momentum: 0.3}
            - {name: act, type: relu}
            - {name: grouped, type: conv2d, filters: 4, kernel_size: [2, 1], groups: 2, dilation: [2, 1], padding: [1, 0]}
            - {name: sum, type: add, inputs: [act, grouped]}
            - {name: maxp, type: max_pool2d, kernel_size: [2, 1], stride: [2, 1], padding: [1, 0]}
            - {name: avgp, type: avg_pool2d, kernel_size: [3, 1], stride: 1, padding: [1, 0], count_include_pad: false}
            - {name: norm, type: layer_norm}
            - {name: gap, type: global_avg_pool}
            - {name: flat, type: flatten, inputs: norm}
            - {name: joined, type: concat, inputs: [gap, flat]}
            - {name: out, type: dense, units: 3}
        train: {loss: cross_entropy, optimizer: {type: adam, lr: 0.01}, epochs: 4, batch_size: 32}
        log: {every: 4, layers: false}

        """

    @Test func convolutionGraphAgreesWithThePythonReference() throws {
        let scratch = try TemporaryDirectory()
        let run = try ExperimentRuns.run(Self.convolutions, in: scratch).one("name: convolutions").directory
        let tensors = try CheckpointAndLayersTests.Tensors(path: run.appendingPathComponent("final.safetensors").path)
        // PyTorch's shapes: Conv2d(1, 4, (3, 1)) and Conv2d(4, 4, (2, 1), groups=2), BatchNorm2d(4).
        #expect(tensors.shapes["stem.weight"] == [4, 1, 3, 1])
        #expect(tensors.shapes["grouped.weight"] == [4, 2, 2, 1])
        #expect(tensors.shapes["bn.running_mean"] == [4])
        let data = try scratch.write("wine.csv", Self.text(Self.wineCSV()))
        try Self.expectAgreement(run: run, data: data, in: scratch)
    }

    /// Sprout's predictions and the reference's for `data`: the same header and rows, the first column equal (a
    /// class name) or within 1e-6 (a regression value), every other number within 1e-6.
    static func expectSameNumbers(run: URL, data: String, header: [String], rows: Int) throws {
        let result = try SproutBinary.run(["predict", run.path, data])
        #expect(result.status == 0, "\(result.stderr)")
        let sprout = table(result.stdout), python = try reference(run, data)
        #expect(sprout.first == header && python.first == header, "\(sprout.first ?? []) / \(python.first ?? [])")
        #expect(sprout.count == rows + 1 && python.count == rows + 1)
        for (mine, theirs) in zip(sprout.dropFirst(), python.dropFirst()) {
            let numbers = zip(mine, theirs).map { (Double($0), Double($1)) }
            if header == ["predicted"] {
                let gap = numbers.map { abs(($0.0 ?? .nan) - ($0.1 ?? .nan)) / max(1, abs($0.1 ?? 1)) }
                #expect(gap.allSatisfy { $0 <= 1e-6 }, "\(mine) vs \(theirs)")
            } else {
                #expect(mine[0] == theirs[0])
                let gap = numbers.dropFirst().map { abs(($0.0 ?? .nan) - ($0.1 ?? .nan)) }
                #expect(gap.allSatisfy { $0 <= 1e-6 }, "\(mine) vs \(theirs)")
            }
        }
    }

    /// binary_cross_entropy: one logit z, P(class 1) = σ(z); the columns are p_0 = 1 − σ(z) and p_1, the class 1
    /// when z > 0. Generated data's features are named x1, x2.
    @Test func aBinaryClassifierAgreesWithThePythonReference() throws {
        let scratch = try TemporaryDirectory()
        let run = try ExperimentRuns.run("""
            name: moons
            seed: 4
            data: {source: moons, samples: 120, noise: 0.1}
            model: {layers: [{name: hidden, type: dense, units: 8}, tanh, {name: out, type: dense, units: 1}]}
            train: {loss: binary_cross_entropy, optimizer: {type: adam, lr: 0.02}, epochs: 20, batch_size: 16}

            """, in: scratch).one("name: moons").directory
        // A 7 × 7 grid over the moons' box, from (-1.5, -1) to (2.5, 1.5).
        let grid = (0..<7).flatMap { i in (0..<7).map { j in "\(-1.5 + Double(i) * 4 / 6),\(-1 + Double(j) * 2.5 / 6)" } }
        let data = try scratch.write("grid.csv", "x1,x2\n" + grid.joined(separator: "\n") + "\n")
        try Self.expectSameNumbers(run: run, data: data, header: ["predicted", "p_0", "p_1"], rows: 49)
        let classes = Set(Self.table(try SproutBinary.run(["predict", run.path, data]).stdout).dropFirst().map(\.[0]))
        #expect(classes == ["0", "1"])
    }

    /// Regression (mse): the network's output as it is, column `predicted`.
    @Test func aRegressionAgreesWithThePythonReference() throws {
        let scratch = try TemporaryDirectory()
        let run = try ExperimentRuns.run("""
            name: sine
            seed: 5
            data: {source: sine, samples: 100, normalize: standardize}
            model: {layers: [{name: hidden, type: dense, units: 16}, tanh, {name: out, type: dense, units: 1}]}
            train: {loss: mse, optimizer: {type: adam, lr: 0.02}, epochs: 20, batch_size: 16}

            """, in: scratch).one("name: sine").directory
        let xs = (0..<25).map { String(-3 + Double($0) / 4) }
        let data = try scratch.write("xs.csv", "x1\n" + xs.joined(separator: "\n") + "\n")
        try Self.expectSameNumbers(run: run, data: data, header: ["predicted"], rows: 25)
    }

    /// A model trained on IDX images predicts an IDX images file: on the validation pair it trained beside, the share
    /// of predicted classes equal to the labels file's is metrics.csv's last val_accuracy (the same weights, the same
    /// pixels divided by the same scale, evaluation mode), counted here from the labels' bytes.
    @Test func anIDXModelPredictsAnIDXImagesFile() throws {
        let scratch = try TemporaryDirectory()
        let folder = SproutBinary.packageRoot.appendingPathComponent("configs/data").path
        let run = try ExperimentRuns.run("""
            name: idx
            seed: 6
            data:
              source: idx
              images: \(folder)/digits-train-images.idx3-ubyte
              labels: \(folder)/digits-train-labels.idx1-ubyte
              scale: 16
              validation: {source: idx, images: \(folder)/digits-test-images.idx3-ubyte, labels: \(folder)/digits-test-labels.idx1-ubyte, scale: 16}
              normalize: standardize
            model: {layers: [flatten, {name: hidden, type: dense, units: 16}, relu, {name: out, type: dense, units: 10}]}
            train: {loss: cross_entropy, optimizer: {type: adam, lr: 0.01}, epochs: 3, batch_size: 32}

            """, in: scratch).one("name: idx").directory
        let result = try SproutBinary.run(["predict", run.path, folder + "/digits-test-images.idx3-ubyte"])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = Self.table(result.stdout)
        #expect(rows.first == ["predicted"] + (0..<10).map { "p_\($0)" })
        // The labels file: an 8-byte header (magic 0x00000801, the count), then one byte a label.
        let labels = try Data(contentsOf: URL(fileURLWithPath: folder + "/digits-test-labels.idx1-ubyte")).dropFirst(8).map { String($0) }
        #expect(rows.count == labels.count + 1)
        let right = zip(rows.dropFirst(), labels).filter { $0.0[0] == $0.1 }.count
        let accuracy = try #require(try MetricsTable(path: run.appendingPathComponent("metrics.csv").path).column("val_accuracy").last)
        #expect(abs(Double(right) / Double(labels.count) - accuracy) < 1e-12, "\(right) of \(labels.count) vs \(accuracy)")
    }

    /// docs/runs.md quotes the reference program's graph evaluation: the quote must be the file's own text.
    @Test func docsQuoteTheReferenceProgram() throws {
        let root = SproutBinary.packageRoot
        let doc = try String(contentsOf: root.appendingPathComponent("docs/runs.md"), encoding: .utf8)
        let program = try String(contentsOf: root.appendingPathComponent("tools/predict_reference.py"), encoding: .utf8)
        let quote = try #require(doc.components(separatedBy: "```python\n").dropFirst().first?
            .components(separatedBy: "```").first)
        #expect(quote.contains("def evaluate(model, tensors, x):"))
        #expect(program.contains(quote))
    }
}
