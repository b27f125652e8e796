import Foundation
import Testing

/// The runs one `sprout run` wrote below a scratch folder, found by searching for run.json: the run directories'
/// layout and the sweep variants' names are not part of what these tests check, so no path or variant name is
/// written here. A run is picked by its resolved config.yaml (what it trained), never by where it was written.
struct ExperimentRun {
    let directory: URL
    /// The run's config.yaml: the resolved config, every default and initializer written out.
    let config: String

    func metrics() throws -> MetricsTable { try MetricsTable(path: directory.appendingPathComponent("metrics.csv").path) }
    func layers() throws -> MetricsTable { try MetricsTable(path: directory.appendingPathComponent("layers.csv").path) }

    /// One numeric column of layers.csv for one node, epoch by epoch (an empty cell reads as NaN).
    func layerColumn(_ column: String, node: String) throws -> [Double] {
        let table = try layers()
        guard let n = table.header.firstIndex(of: "node"), let c = table.header.firstIndex(of: column) else { return [] }
        return table.rows.filter { $0[n] == node }.map { Double($0[c]) ?? .nan }
    }

    /// The layers.csv rows of one node without the node column, for comparing two nodes cell by cell.
    func layerRows(node: String) throws -> [[String]] {
        let table = try layers()
        guard let n = table.header.firstIndex(of: "node") else { return [] }
        return table.rows.filter { $0[n] == node }.map { row in row.enumerated().filter { $0.offset != n }.map(\.element) }
    }

    /// A checkpoint of this run (`init`, `final`, `epoch-3`).
    func tensors(_ name: String) throws -> CheckpointAndLayersTests.Tensors {
        try CheckpointAndLayersTests.Tensors(path: directory.appendingPathComponent("\(name).safetensors").path)
    }
}

enum ExperimentRuns {
    /// Writes `yaml` as a config in a scratch folder, runs it (sweeps included) with the built binary, and returns
    /// the runs it wrote. The scratch folder must outlive the returned runs.
    static func run(_ yaml: String, in scratch: TemporaryDirectory, timeout: Double = 120) throws -> [ExperimentRun] {
        let config = try scratch.write("experiment.yaml", yaml)
        let out = scratch.url.appendingPathComponent("out")
        let result = try SproutBinary.run(["run", config, "--out", out.path], timeout: timeout)
        #expect(result.status == 0, "\(result.stderr)")
        return find(under: out)
    }

    /// Every folder below `root` that holds a run.json, in path order.
    static func find(under root: URL) -> [ExperimentRun] {
        let paths = (FileManager.default.enumerator(atPath: root.path)?.allObjects as? [String]) ?? []
        return paths.filter { $0 == "run.json" || $0.hasSuffix("/run.json") }.sorted().compactMap { path in
            let directory = root.appendingPathComponent(path).deletingLastPathComponent()
            guard let config = try? String(contentsOf: directory.appendingPathComponent("config.yaml"), encoding: .utf8)
            else { return nil }
            return ExperimentRun(directory: directory, config: config)
        }
    }
}

extension Array where Element == ExperimentRun {
    /// The one run whose resolved config contains `text` (a test fails when none or several do).
    func one(_ text: String) throws -> ExperimentRun {
        let matches = filter { $0.config.contains(text) }
        #expect(matches.count == 1, "\(matches.count) runs contain '\(text)' among \(count)")
        return try #require(matches.first)
    }
}
