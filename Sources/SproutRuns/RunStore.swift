import Foundation

/// Every run ever trained below an output folder, kept: each training run gets a directory of its own in the store,
/// `<out>/.store/<name>/<id>/`, and `<out>/<name>` (`<folder>/<name>[/<variant>]`, the path people and tools open) is
/// a relative symbolic link to the entry of the config as it is now. A rerun makes a new entry and moves the link;
/// nothing is overwritten, and an older entry comes back (the run cache, `cachedEntry`) by moving the link back.
///
/// Why a symbolic link: `cd runs/xor`, `pandas.read_csv("runs/xor/metrics.csv")`, `ls runs/xor/` and every program
/// that opens a path follow it without knowing; replacing it is one `rename(2)`, atomic, so a reader sees the old run
/// or the new one, never neither; and it is relative, so the output folder can be moved, copied with `cp -a` or
/// archived with tar. `ls -l runs/` shows which entry each name points at.
///
/// An entry's id is `<UTC start, yyyyMMdd-HHmmss.SSS>-<first 12 hex digits of its fingerprint>` (`-2`, `-3` added
/// when two runs of one name start in the same millisecond), so `ls` lists a name's runs oldest first (the name's
/// lock keeps two of its runs from overlapping) and shows which inputs each had. The name's folder also holds `.lock` (`RunLock`: one process trains or restores a name at a time).
/// An entry is recognised by its `run.json`, so a sweep's variant folders beside a plain run's entries (a config
/// named like a sweep) are never taken for entries.
package struct RunStore: Sendable {
    /// The output folder.
    package let out: String

    package init(out: String) { self.out = out }

    /// The store's folder name below the output folder: hidden, so `ls runs/` shows the names, not the history.
    package static let folderName = ".store"

    package var root: String { (out as NSString).appendingPathComponent(Self.folderName) }

    /// `<out>/.store/<name>`: the name's entries and lock.
    package func folder(of name: String) -> String { (root as NSString).appendingPathComponent(name) }

    /// `<out>/<name>`: the link to the current entry.
    package func pointer(of name: String) -> String { (out as NSString).appendingPathComponent(name) }

    /// One training run in the store.
    package struct Entry: Sendable, Equatable {
        package var id: String
        package var path: String

        package init(id: String, path: String) {
            self.id = id
            self.path = path
        }

        /// The entry at `path` (`<out>/.store/<name>/<id>`).
        package init(path: String) {
            self.init(id: (path as NSString).lastPathComponent, path: path)
        }
    }

    /// The name's entries, oldest first (ids sort by start time).
    package func entries(of name: String) -> [Entry] {
        let folder = folder(of: name)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().compactMap { id in
            let path = (folder as NSString).appendingPathComponent(id)
            return Self.isRegularFile((path as NSString).appendingPathComponent("run.json")) ? Entry(id: id, path: path) : nil
        }
    }

    /// The entry whose run.json the process `pid` wrote, among the name's newest few (a worker makes one entry, and
    /// the name's lock keeps runs of one name from overlapping, so it is among the last; the clock may have stepped
    /// back, or another batch made one since): nil when there is none.
    package func entry(of name: String, writtenBy pid: Int32) -> Entry? {
        entries(of: name).suffix(8).reversed().first { (try? RunRecord.read(directory: $0.path))?.pid == pid }
    }

    /// The lock that one process holds while it trains, restores or removes the name's runs. `waiting`: wait half a
    /// second for a holder that is only restoring or collecting (`RunLock`'s patience).
    package func lock(_ name: String, waiting: Bool = false) throws -> RunLock {
        try RunLock(directory: folder(of: name), patience: waiting ? 0.5 : 0)
    }

    /// A new, empty entry for a run of `name` starting at `started` with fingerprint `digest`.
    package func newEntry(of name: String, digest: String, started: Date) throws -> Entry {
        let folder = folder(of: name)
        let base = Self.id(started: started, digest: digest)
        for attempt in 1...1000 {
            let id = attempt == 1 ? base : "\(base)-\(attempt)"
            let path = (folder as NSString).appendingPathComponent(id)
            if mkdir(path, 0o777) == 0 { return Entry(id: id, path: path) }
            if errno != EEXIST { throw RunError.cannotCreate(path: path, reason: String(cString: strerror(errno))) }
        }
        throw RunError.cannotCreate(path: (folder as NSString).appendingPathComponent(base),
                                    reason: "a thousand runs of this name started in the same millisecond")
    }

    /// `20261203-145319.123-3d820c78ab12` (the time by `UTCTimestamp`: no ICU formatter in a worker).
    package static func id(started: Date, digest: String) -> String {
        // 2026-12-03T14:53:19.123Z -> 20261203-145319.123
        let time = UTCTimestamp.string(started).filter { $0 != "-" && $0 != ":" && $0 != "Z" }
            .replacingOccurrences(of: "T", with: "-")
        return time + "-" + String(digest.prefix(12))
    }

    /// The newest entry of `name` that completed or diverged from the inputs `fingerprint` describes and whose
    /// files are all as recorded: what `sprout run` restores instead of training. One logged as the config's `log`
    /// section says now is preferred; otherwise the newest of the others (the log settings do not change training,
    /// as for an up-to-date run; `sprout run` says so when it restores one). Only entries whose id carries the
    /// fingerprint's prefix have their run.json read. An entry another config file wrote (one that still exists) is
    /// never taken for `config`: the run's path would then hold that config's run, and say so in its run.json, which
    /// is what decides whose directory it is (`BatchPlan`'s names).
    package func cachedEntry(of name: String, fingerprint: RunFingerprint,
                             config: String) -> (entry: Entry, record: RunRecord)? {
        let digest = fingerprint.digest
        let prefix = "-" + String(digest.prefix(12))
        var otherLog: (Entry, RunRecord)?
        for entry in entries(of: name).reversed() where entry.id.contains(prefix) {
            guard let record = try? RunRecord.read(directory: entry.path), record.digest == digest,
                  record.otherConfig(than: config, out: out) == nil,
                  record.status == .completed || record.status == .diverged,
                  (record.outputs?.problems(in: entry.path, ended: record.ended) ?? ["no outputs recorded"]).isEmpty
            else { continue }
            if record.inputs.log == fingerprint.log { return (entry, record) }
            if otherLog == nil { otherLog = (entry, record) }
        }
        return otherLog
    }

    /// The newest entry of `name` from the inputs `fingerprint` describes that stopped before its end (interrupted,
    /// failed, or killed: run.json still says running and no process holds the name's lock) and left a training state
    /// of the same inputs (resume.safetensors): what `sprout run` goes on from. Only the last few entries with the
    /// fingerprint's prefix are looked at; an entry that finished is never resumed, nor one logged with other `log`
    /// settings (its metrics.csv and layers.csv would change cadence or columns halfway: it trains anew instead). A
    /// training state there that cannot be read is returned as such (`.unreadable`), so that the batch says why the
    /// run starts again from scratch. As for `cachedEntry`, an entry another existing config file wrote is not
    /// gone on with for `config`.
    package func resumableEntry(of name: String, fingerprint: RunFingerprint,
                                config: String) -> (entry: Entry, found: ResumePoint.Found)? {
        let digest = fingerprint.digest
        let prefix = "-" + String(digest.prefix(12))
        for entry in entries(of: name).reversed().prefix(16) where entry.id.contains(prefix) {
            guard let record = try? RunRecord.read(directory: entry.path), record.digest == digest,
                  record.inputs.log == fingerprint.log, record.otherConfig(than: config, out: out) == nil else { continue }
            switch record.status {
            case .completed, .diverged: return nil
            case .running where record.processMayBeLive: return nil
            case .running, .failed, .interrupted: break
            }
            switch ResumePoint.read(directory: entry.path) {
            case .none: continue
            case .point(let point) where point.fingerprint != digest: continue
            case let found: return (entry, found)
            }
        }
        return nil
    }

    static func isRegularFile(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFREG
    }
}
