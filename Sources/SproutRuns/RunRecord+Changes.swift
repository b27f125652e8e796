extension RunRecord {
    /// What differs between this record's inputs and `current`, in words (empty: nothing that counts).
    package func changes(comparedWith current: RunFingerprint) -> [String] {
        let old = inputs
        var changes: [String] = []
        if old.version != current.version {
            changes.append(old.version.isEmpty ? "recorded by an older Sprout" : "Sprout \(old.version) -> \(current.version)")
        }
        if old.config != current.config { changes.append(Self.configChanged) }
        changes += Self.fileChanges(from: old, to: current)
        if changes.isEmpty && digest != current.digest { changes.append("fingerprint differs") }
        return changes
    }

    /// The words for a changed config when its keys cannot be named.
    package static let configChanged = "config changed"

    /// The files read by one set of inputs and not the other, or with other bytes: `data file data/x.csv changed`,
    /// `new input data/y.csv`, `no longer reads data/z.csv`.
    package static func fileChanges(from old: RunFingerprint, to current: RunFingerprint) -> [String] {
        var changes: [String] = []
        let oldFiles = Dictionary(old.files.map { ($0.path, $0.hash) }, uniquingKeysWith: { a, _ in a })
        for file in current.files where oldFiles[file.path] != file.hash {
            changes.append(oldFiles[file.path] == nil ? "new input \(file.path)" : "\(kind(of: file.path)) \(file.path) changed")
        }
        let currentPaths = Set(current.files.map(\.path))
        for file in old.files where !currentPaths.contains(file.path) { changes.append("no longer reads \(file.path)") }
        return changes
    }

    /// `initializer file` for safetensors weights, `data file` for the rest (CSV, IDX).
    static func kind(of path: String) -> String {
        path.hasSuffix(".safetensors") ? "initializer file" : "data file"
    }

    /// Whether only the `log` settings differ from `current`.
    package func onlyLogChanged(comparedWith current: RunFingerprint) -> Bool {
        digest == current.digest && inputs.log != current.log
    }
}
