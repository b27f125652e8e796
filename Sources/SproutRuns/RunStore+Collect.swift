import Foundation

extension RunStore {
    /// What `sprout gc` did (or, with `dryRun`, would do).
    package struct Collection: Sendable {
        /// The entries removed, by name.
        package var removed: [(name: String, entry: Entry)] = []
        package var kept = 0
        /// Allocated bytes the removed entries took.
        package var freed: Int64 = 0
        /// Names another process held (training or restoring): left alone.
        package var busy: [String] = []
        /// Entries that could not be removed, each in one sentence (the pass goes on past them).
        package var failures: [String] = []
    }

    /// The policy: of each name's entries, the `keep` newest stay, and so does the entry the name's path points at
    /// (the run of the config as it is now, however old); the rest are removed, under the name's lock, so no run in
    /// progress is touched. A folder a worker left empty (killed between making its entry and writing run.json) is
    /// removed too. `dryRun`: nothing removed, the same answer.
    package func collect(keep: Int, dryRun: Bool) -> Collection {
        var collection = Collection()
        for name in names() {
            let lock: RunLock
            do { lock = try self.lock(name) } catch RunError.busy {
                collection.busy.append(name)
                continue
            } catch {
                collection.failures.append("\(error)")
                continue
            }
            defer { lock.release() }
            let entries = entries(of: name)
            let current = current(of: name)?.id
            let kept = Set(entries.suffix(max(0, keep)).map(\.id) + [current].compactMap { $0 })
            for entry in entries {
                if kept.contains(entry.id) {
                    collection.kept += 1
                    continue
                }
                let bytes = Self.diskUsage(entry.path)
                if !dryRun, let failure = remove(entry.path) {
                    collection.failures.append(failure)
                    continue
                }
                collection.freed += bytes
                collection.removed.append((name, entry))
            }
            for path in abandonedEntries(of: name) where !dryRun {
                if let failure = remove(path) { collection.failures.append(failure) }
            }
        }
        return collection
    }

    /// Folders named like an entry that hold no run: nothing, or only hidden files (a worker killed after its space
    /// reserve and before its run.json).
    func abandonedEntries(of name: String) -> [String] {
        let folder = folder(of: name)
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter(Self.looksLikeEntryID).map {
            (folder as NSString).appendingPathComponent($0)
        }.filter { ((try? FileManager.default.contentsOfDirectory(atPath: $0)) ?? ["?"]).allSatisfy { $0.hasPrefix(".") } }
    }

    /// `20261203-145319.123-3d820c78ab12`, with an optional `-N`.
    static func looksLikeEntryID(_ name: String) -> Bool {
        name.range(of: #"^[0-9]{8}-[0-9]{6}\.[0-9]{3}-[0-9a-z]{7,12}(-[0-9]+)?$"#, options: .regularExpression) != nil
    }

    /// Removes `path`; the failure in one sentence, nil when it is gone.
    private func remove(_ path: String) -> String? {
        do { try FileManager.default.removeItem(atPath: path) } catch {
            return "cannot remove \(path): \(RunError.reason(error))"
        }
        return nil
    }
}
