import Foundation

extension ReportData {
    /// The runs below each of `folders` (`RunDirectories.find`: through the runs' links, the hidden store skipped),
    /// folder by folder, each folder's runs in its sorted order. A run whose run.json cannot be read is left out
    /// with the reason in `problems`; a config.yaml or layers.csv that cannot be read adds a problem and leaves its
    /// part empty, the rest of the run stays (as `sprout summarize` does).
    package static func read(folders: [String], problems: inout [String]) -> ReportData {
        var data = ReportData(runs: [], sweeps: [])
        for folder in folders {
            guard let found = RunDirectories.find(under: folder) else {
                problems.append("\(folder): not a readable folder")
                continue
            }
            if found.isEmpty { problems.append("\(folder): no runs found (no folder below holds a run.json)") }
            var sweeps: [String: Int] = [:]
            for path in found {
                let directory = path.isEmpty ? folder : (folder as NSString).appendingPathComponent(path)
                let shown = folders.count > 1 ? (path.isEmpty ? folder : "\(folder)/\(path)") : (path.isEmpty ? "." : path)
                guard let run = readRun(directory, path: shown, problems: &problems) else { continue }
                data.runs.append(run)
                guard let parent = sweepFolder(of: path, in: folder) else { continue }
                let sweepPath = folders.count > 1 ? "\(folder)/\(parent)" : parent
                let index = sweeps[parent] ?? data.sweeps.count
                if index == data.sweeps.count {
                    sweeps[parent] = index
                    data.sweeps.append(Sweep(path: sweepPath, runs: [], variants: []))
                }
                data.sweeps[index].runs.append(data.runs.count - 1)
                data.sweeps[index].variants.append((path as NSString).lastPathComponent)
            }
        }
        return data
    }

    /// The folder a run of a sweep sits in (`<name>` of `<name>/<variant>`), relative to `folder`: the run's parent
    /// when that parent holds a summary.csv, which the batch writes beside a sweep's variants and nowhere else
    /// below the output folder (docs/batches.md). A folder of configs (`runs/sub/a`, `runs/sub/b`) is not a
    /// sweep: its runs may differ in anything, and a chart of them labelled by name would suggest one swept value.
    static func sweepFolder(of path: String, in folder: String) -> String? {
        let parent = PathText.parent(of: path)
        guard !parent.isEmpty else { return nil }
        let summary = ((folder as NSString).appendingPathComponent(parent) as NSString).appendingPathComponent("summary.csv")
        return RunStore.isRegularFile(summary) ? parent : nil
    }

    /// One run directory's data; nil, with the reason in `problems`, when run.json is not a run record.
    static func readRun(_ directory: String, path: String, problems: inout [String]) -> Run? {
        func file(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }
        guard let record = RunRecord.read(directory: directory, problems: &problems) else { return nil }
        let first = RunOverview.firstWeightedLayer(config: file("config.yaml"), problems: &problems)
        var run = Run(path: path, status: record.status.rawValue, initializer: first?.weightInit,
                      epochs: record.epochs, epochsCompleted: record.epochsCompleted, seconds: record.seconds,
                      final: record.final, distinctUnits: nil, metrics: metrics(file("metrics.csv")), layers: [],
                      test: record.test, best: record.best, restoredBest: record.restoredBest,
                      resumes: record.resumes.count)
        if FileManager.default.fileExists(atPath: file("layers.csv")) {
            run.layers = layers(file("layers.csv"), problems: &problems)
            run.distinctUnits = lastDistinctUnits(run.layers, node: first?.name)
        }
        run.previous = previous(of: directory)
        return run
    }

    /// The store's entry before the one `directory` resolves to (`StoredRun.previousInStore`), with what differs
    /// from it; nil for a first run, a run outside the store, or an entry that cannot be read (an older entry is
    /// context, not the report's subject: it adds no problem).
    static func previous(of directory: String) -> Previous? {
        guard let path = StoredRun.previousInStore(of: directory), let current = try? StoredRun.read(directory),
              let earlier = try? StoredRun.read(path) else { return nil }
        return Previous(id: (path as NSString).lastPathComponent, status: SummaryStatus(recorded: earlier.record).rawValue,
                        changes: earlier.changes(to: current), metrics: metrics(earlier.metrics))
    }

    /// metrics.csv's complete rows as columns (a row a killed run left unfinished is not one).
    static func metrics(_ path: String) -> Metrics { metrics(MetricsRow.all(in: path)) }

    /// Rows of metrics.csv as columns.
    static func metrics(_ rows: [MetricsRow]) -> Metrics {
        var metrics = Metrics()
        for row in rows {
            metrics.epoch.append(row.epoch)
            metrics.trainLoss.append(row.trainLoss)
            metrics.trainAccuracy.append(row.trainAccuracy)
            metrics.validationLoss.append(row.validationLoss)
            metrics.validationAccuracy.append(row.validationAccuracy)
        }
        return metrics
    }

    /// `distinct_units` of `node` (without one: of the first layer that has the column) at its last logged epoch,
    /// the number `sprout summarize` shows.
    static func lastDistinctUnits(_ layers: [Layer], node: String?) -> Int? {
        let layer = layers.first { layer in node.map { layer.node == $0 } ?? layer.distinctUnits.contains { $0 != nil } }
        guard let layer, let last = layer.epoch.indices.max(by: { layer.epoch[$0] < layer.epoch[$1] }) else { return nil }
        return layer.distinctUnits[last]
    }
}
