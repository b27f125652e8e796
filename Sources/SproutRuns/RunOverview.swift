import Foundation
import SproutConfig
import SproutDataFiles

/// One row of `sprout summarize`: what a run directory says about its run (docs/runs.md), read from its files as
/// they are, a killed run's `running` status included.
///
/// - `status`, `epochsCompleted`, the final metrics: run.json (`final` is metrics.csv's last row, written when the
///   run ends, or by the batch when it settles a killed worker's run; a run still `running` has none);
/// - `weightInit`: the initializer of the first layer with weights (dense or conv2d) in the order written, from
///   config.yaml (the resolved config) read by `ConfigLoader` and named by `InitializerSpec.label`;
/// - `distinctUnits`: layers.csv's `distinct_units` of that layer at the last logged epoch (nil without layers.csv).
public struct RunOverview: Sendable, Equatable {
    /// The run directory relative to the folder summarized (`.` for the folder itself).
    public var path: String
    package var status: RunRecord.Status
    public var epochsCompleted: Int?
    /// nil when the config cannot be read (a problem says why) or the model has no dense or conv2d layer.
    public var weightInit: String?
    public var trainAccuracy: Double?
    public var validationAccuracy: Double?
    public var distinctUnits: Int?
    public var trainLoss: Double?

    /// Reads the run directory `directory`; `path` is what the row calls it. Nil, with the reason in `problems`,
    /// when run.json cannot be read as a run record; a config.yaml or layers.csv that cannot be read adds a problem
    /// and leaves its cell empty, the rest of the row stays.
    public static func read(_ directory: String, path: String, problems: inout [String]) -> RunOverview? {
        func file(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }
        guard let record = RunRecord.read(directory: directory, problems: &problems) else { return nil }
        var row = RunOverview(path: path.isEmpty ? "." : path, status: record.status,
                              epochsCompleted: record.epochsCompleted, trainAccuracy: record.final?.trainAccuracy,
                              validationAccuracy: record.final?.validationAccuracy, trainLoss: record.final?.trainLoss)
        let first = firstWeightedLayer(config: file("config.yaml"), problems: &problems)
        row.weightInit = first?.weightInit
        if FileManager.default.fileExists(atPath: file("layers.csv")) {
            row.distinctUnits = distinctUnits(file("layers.csv"), node: first?.name, problems: &problems)
        }
        return row
    }

    /// The first node with weights (dense or conv2d: a filter is a convolution's unit) written in the resolved
    /// config, and its weight initializer's name.
    static func firstWeightedLayer(config path: String, problems: inout [String]) -> (name: String, weightInit: String)? {
        let config = ConfigLoader.load(path: path)
        guard let model = config.spec?.model else {
            let first = config.diagnostics.first { $0.severity == .error }.map { ": \($0.message)" } ?? ""
            problems.append("\(path): cannot be read as a config\(first)")
            return nil
        }
        guard let node = model.nodes.first(where: \.kind.hasWeights) else { return nil }
        return (node.name, model.weightInit(for: node).label)
    }

    /// `distinct_units` of `node` (without a node: of the first row that has the column filled, the first dense or
    /// conv2d layer executed) in the rows of the largest epoch.
    static func distinctUnits(_ path: String, node: String?, problems: inout [String]) -> Int? {
        let rows: [[String]]
        do {
            rows = try table(path)
        } catch let failure as RawFile.Failure {
            problems.append("\(path): unreadable: \(failure.reason)")
            return nil
        } catch let failure as CSVTokenizer.Failure {
            problems.append("\(path): line \(failure.line) \(failure.reason)")
            return nil
        } catch {
            problems.append("\(path): unreadable: \(error)")
            return nil
        }
        guard let header = rows.first, let epochColumn = header.firstIndex(of: "epoch"),
              let nodeColumn = header.firstIndex(of: "node"), let unitsColumn = header.firstIndex(of: "distinct_units") else {
            problems.append("\(path): no epoch, node and distinct_units columns")
            return nil
        }
        let body = rows.dropFirst().filter { $0.count == header.count }
        guard let last = body.compactMap({ Int($0[epochColumn]) }).max() else { return nil }
        let row = body.first { row in
            Int(row[epochColumn]) == last && (node.map { row[nodeColumn] == $0 } ?? !row[unitsColumn].isEmpty)
        }
        return row.flatMap { Int($0[unitsColumn]) }
    }

    /// A CSV file's records (header first), read with the RFC 4180 tokenizer the data loaders use.
    static func table(_ path: String) throws -> [[String]] {
        var tokenizer = CSVTokenizer(try RawFile.read(path), delimiter: UInt8(ascii: ","))
        var record = CSVRecord()
        var rows: [[String]] = []
        while try tokenizer.next(into: &record) {
            rows.append((0..<record.count).map(record.text))
        }
        return rows
    }
}
