import Foundation

/// A run directory's record and files, read for `sprout history` and `sprout diff`: run.json, the resolved config
/// (config.yaml) and metrics.csv's rows.
package struct StoredRun: Sendable {
    /// The directory as given (a run's path, or an entry of the store).
    package var path: String
    package var record: RunRecord
    /// config.yaml's text; nil when it cannot be read.
    package var resolvedConfig: String?
    /// metrics.csv's complete rows, in file order (empty when it cannot be read).
    package var metrics: [MetricsRow]

    /// Throws `RunError.cannotRead` when `path` holds no run record.
    package static func read(_ path: String) throws -> StoredRun {
        guard FileManager.default.fileExists(atPath: path) else {
            throw RunError.cannotRead(path: path, reason: "no such file or directory")
        }
        guard let record = try RunRecord.read(directory: path) else {
            throw RunError.cannotRead(path: path, reason: "it is not a run directory (no run.json)")
        }
        func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }
        let config = try? String(contentsOfFile: file("config.yaml"), encoding: .utf8)
        return StoredRun(path: path, record: record, resolvedConfig: config, metrics: MetricsRow.all(in: file("metrics.csv")))
    }

    /// What differs in what `later` was trained from, against this run, in words: the config's keys and values
    /// (`train.optimizer.lr 0.1 -> 0.05`, from the two resolved configs), each data file whose bytes differ, and
    /// Sprout's version. Empty when the inputs are the same.
    package func changes(to later: StoredRun) -> [String] {
        var changes: [String] = []
        if record.inputs.version != later.record.inputs.version {
            changes.append("Sprout \(record.inputs.version) -> \(later.record.inputs.version)")
        }
        if let old = resolvedConfig, let new = later.resolvedConfig,
           let keys = ConfigChanges.between(old, new) {
            changes += keys.map(\.description)
        } else if record.inputs.config != later.record.inputs.config {
            changes.append(RunRecord.configChanged)
        }
        changes += RunRecord.fileChanges(from: record.inputs, to: later.record.inputs)
        return changes
    }

    /// The directory of the run recorded before this one under the same name: the previous entry of the store's
    /// folder this run's directory resolves into. Nil for the first run, or a directory outside the store.
    package var previousInStore: String? { Self.previousInStore(of: path) }

    /// `previousInStore` of the run directory `path`, without reading the run.
    package static func previousInStore(of path: String) -> String? {
        let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath()
        let id = resolved.lastPathComponent
        let folder = resolved.deletingLastPathComponent().path
        guard folder.split(separator: "/").contains(Substring(RunStore.folderName)) else { return nil }
        let siblings = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { !$0.hasPrefix(".") && RunStore.isRegularFile("\(folder)/\($0)/run.json") }.sorted()
        guard let index = siblings.firstIndex(of: id), index > 0 else { return nil }
        return (folder as NSString).appendingPathComponent(siblings[index - 1])
    }
}
