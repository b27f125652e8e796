import Foundation
import Testing

/// A csv source through the built binary: its path is read from the config file's folder, not the working
/// directory, and `sprout run` refuses it (the engine does not load files yet) before writing anything.
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

    @Test func runRefusesCSVWithoutWriting() throws {
        let (scratch, elsewhere) = try scratch()
        defer { withExtendedLifetime(scratch) {} }
        let runs = elsewhere.appendingPathComponent("runs")
        let result = try SproutBinary.run(["run", "../data/c.yaml", "--runs-dir", runs.path], in: elsewhere)
        #expect(result.status == 1)
        #expect(result.stderr.contains("data source 'csv' is not in the engine yet"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: runs.appendingPathComponent("c").path))
    }
}
