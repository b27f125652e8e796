import Foundation
import Testing

/// The csv and idx sources through the built binary: paths are read from the config file's folder, not the working
/// directory; class labels, text classes and regression targets train; a separate validation source fills the
/// validation columns.
@Suite struct DataFilesEndToEndTests {
    static let config = """
        data: {source: csv, path: d.csv, target: label, validation: 0.25}
        model: {layers: [{type: dense, units: 4}, tanh, {type: dense, units: 3}]}
        train: {loss: cross_entropy, optimizer: {type: sgd, lr: 0.1}, epochs: 1}

        """
    /// 4 rows, 2 features, classes 0 to 2: 3 classes, one row held out by validation 0.25.
    static let csv = "x1,x2,label\n0.1,0.2,0\n0.3,0.4,1\n0.5,0.6,2\n0.7,0.8,0\n"

    /// The config and its CSV in data/, and an empty elsewhere/ to start Sprout from (all removed when the
    /// returned directory goes away, so callers keep it).
    func scratch() throws -> (TemporaryDirectory, elsewhere: URL) {
        let scratch = try TemporaryDirectory()
        _ = try scratch.write("data/c.yaml", Self.config)
        _ = try scratch.write("data/d.csv", Self.csv)
        let elsewhere = scratch.url.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        return (scratch, elsewhere)
    }

    @Test func validateResolvesThePathFromTheConfigsFolder() throws {
        let (scratch, elsewhere) = try scratch()
        let result = try SproutBinary.run(["validate", "../data/c.yaml"], in: elsewhere)
        #expect(result.status == 0, "\(result.stderr)")
        // The same config copied elsewhere, without its CSV beside it, names the path it looked for.
        _ = try scratch.write("elsewhere/c.yaml", Self.config)
        let missing = try SproutBinary.run(["validate", "c.yaml"], in: elsewhere)
        #expect(missing.status != 0)
        let looked = elsewhere.appendingPathComponent("d.csv").standardizedFileURL.path
        #expect(missing.stderr.contains("csv file '\(looked)' does not exist"), "\(missing.stderr)")
    }

    /// The csv config of `scratch()` trains from another working directory: 4 rows, classes 0, 1, 2, 0, and
    /// validation 0.25 holds out round(0.25 · 4) = 1 row, stratified: quotas 1·2/4, 1·1/4, 1·1/4 have whole
    /// parts 0 and remainders 2, 1, 1 (of 4), so class 0 gives it. Accuracies are thirds (train) and 0 or 1.
    @Test func runReadsTheCSVFromTheConfigsFolder() throws {
        let (scratch, elsewhere) = try scratch()
        defer { withExtendedLifetime(scratch) {} }
        let runs = elsewhere.appendingPathComponent("runs")
        let result = try SproutBinary.run(["run", "../data/c.yaml", "--out", runs.path, "--quiet"], in: elsewhere)
        #expect(result.status == 0, "\(result.stderr)")
        let table = try MetricsTable(path: runs.appendingPathComponent("c/metrics.csv").path)
        #expect(table.column("epoch") == [0, 1])
        for accuracy in table.column("train_accuracy") { #expect(abs(accuracy * 3 - (accuracy * 3).rounded()) < 1e-9) }
        for accuracy in table.column("val_accuracy") { #expect(accuracy == 0 || accuracy == 1) }
    }

    /// Three clusters named by text, 10 rows each: (0, 0) "north", (3, 0) "east", (0, 3) "west", nudged by
    /// ±0.1 in turn. Classes in byte order: east 0, north 1, west 2. Validation 0.2 holds out 6, 2 a class.
    static func clusters() -> String {
        var rows = ["x1,x2,place"]
        for i in 0..<10 {
            let d = i % 2 == 0 ? 0.1 : -0.1
            rows += ["\(0 + d),\(0 - d),north", "\(3 + d),\(0 + d),east", "\(0 - d),\(3 + d),\"west\""]
        }
        return rows.joined(separator: "\r\n") + "\r\n\r\n"
    }

    @Test func textClassesTrain() throws {
        let scratch = try TemporaryDirectory()
        _ = try scratch.write("places.csv", Self.clusters())
        let file = try scratch.write("places.yaml", """
            name: places
            data: {source: csv, path: places.csv, target: place, validation: 0.2}
            model: {layers: [{type: dense, units: 8}, tanh, {type: dense, units: 3}]}
            train: {loss: cross_entropy, optimizer: {type: adam, lr: 0.05}, epochs: 30, batch_size: 8}
            log: {every: 30}

            """)
        let runs = scratch.url.appendingPathComponent("runs").path
        let result = try SproutBinary.run(["run", file, "--out", runs, "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        let table = try MetricsTable(path: runs + "/places/metrics.csv")
        for accuracy in table.column("val_accuracy") { #expect(abs(accuracy * 6 - (accuracy * 6).rounded()) < 1e-9) }
        #expect(table.column("train_accuracy").last == 1)
        #expect(table.column("val_accuracy").last == 1)
    }

    /// y = 2x - 1 for x = 0, 0.1, …, 3.9: a linear model fits it; metrics.csv leaves the accuracy cells empty.
    @Test func regressionTargetsTrainWithMSE() throws {
        let scratch = try TemporaryDirectory()
        let rows = (0..<40).map { i in "\(Double(i) / 10),\(2 * Double(i) / 10 - 1)" }
        _ = try scratch.write("line.csv", (["x,y"] + rows).joined(separator: "\n") + "\n")
        let file = try scratch.write("line.yaml", """
            name: line
            data: {source: csv, path: line.csv, target: y, validation: 0.25}
            model: {layers: [{type: dense, units: 1}]}
            train: {loss: mse, optimizer: {type: adam, lr: 0.1}, epochs: 60, batch_size: 8}
            log: {every: 20}

            """)
        let runs = scratch.url.appendingPathComponent("runs").path
        let result = try SproutBinary.run(["run", file, "--out", runs, "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        let table = try MetricsTable(path: runs + "/line/metrics.csv")
        let loss = table.column("train_loss"), validation = table.column("val_loss")
        #expect((loss.last ?? 1) < (loss.first ?? 0) / 100, "\(loss)")
        #expect((validation.last ?? 1) < 0.01, "\(validation)")
        #expect(table.rows.allSatisfy { $0[4] == "" && $0[6] == "" }, "\(table.rows)")
        #expect(!result.stdout.contains("accuracy"), "\(result.stdout)")
    }

    /// An IDX file of unsigned bytes: the magic 0x0000080<dims>, each dimension big-endian, then `body`.
    static func idx(_ dimensions: [UInt32], _ body: [UInt8]) -> Data {
        var bytes: [UInt8] = [0, 0, 0x08, UInt8(dimensions.count)]
        for d in dimensions { bytes += [UInt8(d >> 24), UInt8((d >> 16) & 0xFF), UInt8((d >> 8) & 0xFF), UInt8(d & 0xFF)] }
        return Data(bytes + body)
    }

    /// 2×2 images whose label is 1 when the top-left pixel is bright (200) and 0 when it is dark (20); the other
    /// pixels count up. Trained on 40, validated on another pair of files of 10.
    @Test func idxFilesWithAValidationSource() throws {
        let scratch = try TemporaryDirectory()
        func write(_ prefix: String, _ n: Int) throws {
            var pixels: [UInt8] = [], labels: [UInt8] = []
            for i in 0..<n {
                let bright = i % 2 == 0
                pixels += [bright ? 200 : 20, UInt8(i * 3 % 256), UInt8(i * 5 % 256), UInt8(i * 7 % 256)]
                labels.append(bright ? 1 : 0)
            }
            try scratch.write("mnist/\(prefix)-images", Self.idx([UInt32(n), 2, 2], pixels))
            try scratch.write("mnist/\(prefix)-labels", Self.idx([UInt32(n)], labels))
        }
        try write("train", 40)
        try write("test", 10)
        let file = try scratch.write("digits.yaml", """
            name: tiny-idx
            data:
              source: idx
              images: mnist/train-images
              labels: mnist/train-labels
              validation: {source: idx, images: mnist/test-images, labels: mnist/test-labels}
            model: {layers: [flatten, {type: dense, units: 2}]}
            train: {loss: cross_entropy, optimizer: {type: adam, lr: 0.1}, epochs: 20, batch_size: 10}
            log: {every: 20}

            """)
        let runs = scratch.url.appendingPathComponent("runs").path
        let result = try SproutBinary.run(["run", file, "--out", runs, "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        let table = try MetricsTable(path: runs + "/tiny-idx/metrics.csv")
        // 40 training examples in batches of 10: 4 steps an epoch; 10 validation examples.
        #expect(table.column("step") == [0, 80])
        for accuracy in table.column("val_accuracy") { #expect(abs(accuracy * 10 - (accuracy * 10).rounded()) < 1e-9) }
        #expect(table.column("val_accuracy").last == 1)
    }

    /// `sprout run` validates first, so a broken file is a config error naming its line and column, and nothing
    /// trains.
    @Test func aBrokenFileIsAConfigError() throws {
        let scratch = try TemporaryDirectory()
        _ = try scratch.write("d.csv", "x1,x2,label\n0.1,0.2,0\n0.3,?,1\n")
        let file = try scratch.write("c.yaml", Self.config)
        let result = try SproutBinary.run(["run", file, "--out", scratch.url.appendingPathComponent("runs").path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("d.csv: line 3, column 'x2': '?' is not a number"), "\(result.stderr)")
    }
}
