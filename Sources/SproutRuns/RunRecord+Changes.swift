extension RunRecord {
    /// What differs between this record's inputs and `current`, in words (empty: nothing that counts).
    package func changes(comparedWith current: RunFingerprint) -> [String] {
        let old = inputs
        var changes: [String] = []
        if old.version != current.version {
            changes.append(old.version.isEmpty ? "recorded by an older Sprout" : "Sprout \(old.version) -> \(current.version)")
        }
        if old.config != current.config { changes.append("config changed") }
        let oldFiles = Dictionary(old.files.map { ($0.path, $0.hash) }, uniquingKeysWith: { a, _ in a })
        for file in current.files where oldFiles[file.path] != file.hash {
            changes.append(oldFiles[file.path] == nil ? "new input \(file.path)" : "\(file.path) changed")
        }
        let currentPaths = Set(current.files.map(\.path))
        for file in old.files where !currentPaths.contains(file.path) { changes.append("no longer reads \(file.path)") }
        if changes.isEmpty && digest != current.digest { changes.append("fingerprint differs") }
        return changes
    }

    /// Whether only the `log` settings differ from `current`.
    package func onlyLogChanged(comparedWith current: RunFingerprint) -> Bool {
        digest == current.digest && inputs.log != current.log
    }
}
