import Foundation

extension RunStore {
    /// The run cache: points `run`'s path back at the newest entry that completed (or diverged) from the inputs the
    /// config has now, under the name's lock, without training. Nil when no such entry is left (removed since the
    /// plan): the run is to be trained. Throws `RunError.busy` when another process holds the name, and the link's
    /// errors (`point`).
    package func restore(_ run: PlannedRun) throws -> (entry: Entry, record: RunRecord)? {
        guard let fingerprint = run.fingerprint else { return nil }
        let lock = try lock(run.name, waiting: true)
        defer { lock.release() }
        guard let cached = cachedEntry(of: run.name, fingerprint: fingerprint, config: run.config) else { return nil }
        try point(run.name, at: cached.entry)
        return cached
    }
}
