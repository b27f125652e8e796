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
    }

    /// The policy: of each name's entries, the `keep` newest stay, and so does the entry the name's path points at
    /// (the run of the config as it is now, however old); the rest are removed, under the name's lock, so no run in
    /// progress is touched. A folder a worker left empty (killed between making its entry and writing run.json) is
    /// removed too. `dryRun`: nothing removed, the same answer.
    package func collect(keep: Int, dryRun: Bool) throws -> Collection {
        var collection = Collection()
        for name in names() {
            let lock: RunLock
            do { lock = try self.lock(name) } catch RunError.busy {
                collection.busy.append(name)
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
                collection.freed += Self.diskUsage(entry.path)
                if !dryRun { try remove(entry.path) }
                collection.removed.append((name, entry))
            }
            for path in abandonedEntries(of: name) where !dryRun { try remove(path) }
        }
        return collection
    }

    /// Folders named like an entry but empty (no run.json ever written).
    func abandonedEntries(of name: String) -> [String] {
        let folder = folder(of: name)
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter(Self.looksLikeEntryID).map {
            (folder as NSString).appendingPathComponent($0)
        }.filter { ((try? FileManager.default.contentsOfDirectory(atPath: $0)) ?? ["?"]).isEmpty }
    }

    /// `20261203-145319.123-3d820c78ab12`, with an optional `-N`.
    static func looksLikeEntryID(_ name: String) -> Bool {
        name.range(of: #"^[0-9]{8}-[0-9]{6}\.[0-9]{3}-[0-9a-z]{7,12}(-[0-9]+)?$"#, options: .regularExpression) != nil
    }

    private func remove(_ path: String) throws {
        do { try FileManager.default.removeItem(atPath: path) } catch {
            throw RunError.cannotWrite(path: path, reason: "it cannot be removed: \(RunError.reason(error))")
        }
    }
}
