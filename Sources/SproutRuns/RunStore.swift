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

    /// The entry `<out>/<name>` points at; nil when it is no link into the store (no run yet, or a run directory
    /// from before the store).
    package func current(of name: String) -> Entry? {
        let link = pointer(of: name)
        guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: link) else { return nil }
        let id = (target as NSString).lastPathComponent
        let path = (folder(of: name) as NSString).appendingPathComponent(id)
        guard target == relativeTarget(name: name, id: id) else { return nil }
        return Entry(id: id, path: path)
    }

    /// The lock that one process holds while it trains, restores or removes the name's runs.
    package func lock(_ name: String) throws -> RunLock { try RunLock(directory: folder(of: name)) }

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
                                    reason: "a thousand runs of this name started in the same second")
    }

    /// `20261203-145319.123-3d820c78ab12` (the time by `UTCTimestamp`: no ICU formatter in a worker).
    package static func id(started: Date, digest: String) -> String {
        UTCTimestamp.compact(started) + "-" + String(digest.prefix(12))
    }

    /// Points `<out>/<name>` at `entry`: a new link beside it, renamed over the old one (atomic). A run directory
    /// from before the store, found where the link goes, is moved into the store first (`adoptUnstored`).
    package func point(_ name: String, at entry: Entry) throws {
        try adoptUnstored(name)
        let link = pointer(of: name)
        let parent = (link as NSString).deletingLastPathComponent
        do { try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true) } catch {
            throw RunError.cannotCreate(path: parent, reason: RunError.reason(error))
        }
        let temporary = (parent as NSString).appendingPathComponent(
            ".\((link as NSString).lastPathComponent).link-\(getpid())-\(UInt32.random(in: .min ... .max))")
        guard symlink(relativeTarget(name: name, id: entry.id), temporary) == 0 else {
            throw RunError.cannotWrite(path: link, reason: String(cString: strerror(errno)))
        }
        guard rename(temporary, link) == 0 else {
            let reason = errno == EISDIR || errno == ENOTEMPTY || errno == EEXIST
                ? "a folder that is not a run is in the way; move it elsewhere" : String(cString: strerror(errno))
            unlink(temporary)
            throw RunError.cannotWrite(path: link, reason: reason)
        }
    }

    /// The link's text: `<out>/sym/zeros` -> `../.store/sym/zeros/<id>`.
    func relativeTarget(name: String, id: String) -> String {
        let depth = name.split(separator: "/").count - 1
        return String(repeating: "../", count: depth) + "\(Self.folderName)/\(name)/\(id)"
    }

    /// A run directory written before the store existed (a real folder with a run.json at `<out>/<name>`) becomes
    /// an entry, moved with one `rename(2)` (same file system, nothing copied), named by its record's start and
    /// fingerprint (its folder's modification time when the record cannot be read). Anything else in the way (a
    /// folder without a run.json, a file) is the user's: refused, with the path.
    package func adoptUnstored(_ name: String) throws {
        let path = pointer(of: name)
        var status = stat()
        guard lstat(path, &status) == 0 else { return }
        if status.st_mode & S_IFMT == S_IFLNK { return }
        let runJSON = (path as NSString).appendingPathComponent("run.json")
        guard status.st_mode & S_IFMT == S_IFDIR, Self.isRegularFile(runJSON) else {
            throw RunError.cannotWrite(path: path, reason: "it is not a run directory (no run.json) and is in the way "
                                       + "of the link to the run; move it elsewhere")
        }
        let record = try? RunRecord.read(directory: path)
        let started = record?.started ?? Date(timeIntervalSince1970: TimeInterval(status.st_mtim.tv_sec))
        let digest = record.map(\.digest).flatMap { $0.isEmpty ? nil : $0 } ?? "unknown"
        let base = Self.id(started: started, digest: digest)
        let folder = folder(of: name)
        do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
            throw RunError.cannotCreate(path: folder, reason: RunError.reason(error))
        }
        for attempt in 1...1000 {
            let destination = (folder as NSString).appendingPathComponent(attempt == 1 ? base : "\(base)-\(attempt)")
            if FileManager.default.fileExists(atPath: destination) { continue }
            guard rename(path, destination) == 0 else {
                throw RunError.cannotWrite(path: path, reason: "it cannot be moved into the store: \(String(cString: strerror(errno)))")
            }
            return
        }
    }

    /// The newest entry of `name` that completed or diverged from the inputs `digest` describes and whose files are
    /// all as recorded: what `sprout run` restores instead of training. Only entries whose id carries the
    /// fingerprint's prefix have their run.json read.
    package func cachedEntry(of name: String, digest: String) -> (entry: Entry, record: RunRecord)? {
        let prefix = "-" + String(digest.prefix(12))
        for entry in entries(of: name).reversed() where entry.id.contains(prefix) {
            guard let record = try? RunRecord.read(directory: entry.path), record.digest == digest,
                  record.status == .completed || record.status == .diverged,
                  (record.outputs?.problems(in: entry.path, ended: record.ended) ?? ["no outputs recorded"]).isEmpty
            else { continue }
            return (entry, record)
        }
        return nil
    }

    static func isRegularFile(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFREG
    }
}
