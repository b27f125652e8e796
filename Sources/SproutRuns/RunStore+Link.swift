import Foundation

/// The runs' paths: `<out>/<name>` as a symbolic link to an entry of the store, and the folders above it.
///
/// A link's text is worked out from the real folders (symbolic links resolved), since the kernel resolves a link
/// from the folder it really sits in: relative (`.store/xor/<id>`, `../.store/sym/xor/<id>`), so the output folder
/// can be moved or copied whole, and absolute when the link's folder and the store share nothing but `/` (a folder
/// of the output that is itself a link to another disk). After the rename the link is checked to lead to the run.
///
/// What may stand where a link goes (`prepareLink`): nothing; a link into the name's store folder (the previous
/// run, or one whose entry is gone); a run directory from before the store (moved in); a folder that is only
/// Sprout's own view (links into the store, a summary.csv, folders of the same kind: a sweep's folder, when the
/// config is no longer a sweep), removed, since every run it shows stays in the store. Anything else is the user's:
/// refused, with the path. A folder above a run's path that is a link into the store (a plain run's path, when the
/// config has become a sweep of the same name) becomes a real folder, its run staying in the store.
extension RunStore {
    /// The entry `<out>/<name>` points at: the link, resolved, is a folder right inside the name's store folder.
    /// Nil when it is not a link into the store (no run yet, a run directory from before the store).
    package func current(of name: String) -> Entry? {
        let link = pointer(of: name)
        guard Self.isLink(link), let resolved = Self.realPath(link), let folder = Self.realPath(folder(of: name)),
              PathText.parent(of: resolved) == folder else { return nil }
        let id = (resolved as NSString).lastPathComponent
        return Entry(id: id, path: (self.folder(of: name) as NSString).appendingPathComponent(id))
    }

    /// Points `<out>/<name>` at `entry`: a new link beside it, renamed over the old one (atomic), once the way is
    /// clear (`prepareLink`).
    package func point(_ name: String, at entry: Entry) throws {
        try prepareLink(name)
        let link = pointer(of: name)
        let parent = PathText.parent(of: link)
        let temporary = (parent as NSString).appendingPathComponent(
            ".\((link as NSString).lastPathComponent).link-\(getpid())-\(UInt32.random(in: .min ... .max))")
        guard symlink(Self.linkText(from: parent, to: entry.path), temporary) == 0 else {
            throw RunError.cannotWrite(path: link, reason: String(cString: strerror(errno)))
        }
        guard rename(temporary, link) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw RunError.cannotWrite(path: link, reason: reason)
        }
        guard Self.isRegularFile((link as NSString).appendingPathComponent("run.json")) else {
            throw RunError.cannotWrite(path: link, reason: "the link made there does not lead to the run in \(entry.path)")
        }
    }

    /// Clears the way for the name's link (see the type's documentation); throws `RunError.cannotWrite` naming
    /// what is in the way, or the system's reason.
    package func prepareLink(_ name: String) throws {
        let link = pointer(of: name)
        try makeRealFolders(above: name)
        var status = stat()
        guard lstat(link, &status) == 0 else { return }
        switch status.st_mode & S_IFMT {
        case S_IFLNK:
            guard leadsIntoStore(link, folder: folder(of: name)) else {
                let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: link)) ?? "?"
                throw RunError.cannotWrite(path: link, reason: "it is a link to \(target), not to a run of the store, and "
                                           + "is in the way of the link to the run; move it elsewhere")
            }
        case S_IFDIR where Self.isRegularFile((link as NSString).appendingPathComponent("run.json")):
            try adoptUnstored(name)
        case S_IFDIR where isView(link):
            do { try FileManager.default.removeItem(atPath: link) } catch {
                throw RunError.cannotWrite(path: link, reason: "the folder of links there cannot be removed: \(RunError.reason(error))")
            }
        default:
            throw RunError.cannotWrite(path: link, reason: "it is not a run directory (no run.json) and is in the way "
                                       + "of the link to the run; move it elsewhere")
        }
    }

    /// Every folder from the output folder down to `<out>/<relative>`'s parent made a real folder where it is a
    /// link into the store, then created where missing.
    func makeRealFolders(above relative: String) throws {
        let components = relative.split(separator: "/").dropLast()
        var path = out
        for component in components {
            path = (path as NSString).appendingPathComponent(String(component))
            if Self.isLink(path) && leadsIntoStore(path, folder: root) {
                guard unlink(path) == 0 else { throw RunError.cannotWrite(path: path, reason: String(cString: strerror(errno))) }
            }
        }
        let parent = PathText.parent(of: pointer(of: relative))
        do { try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true) } catch {
            throw RunError.cannotCreate(path: parent, reason: RunError.reason(error))
        }
    }

    /// `<out>/<relative>` as a real folder (a sweep's folder, for its summary.csv): links into the store on the
    /// way replaced, the folder created.
    package func makeRealFolder(_ relative: String) throws {
        try makeRealFolders(above: relative + "/-")
    }

    /// Whether the link at `path`, read as text, names a place inside `folder` (resolved from the link's real
    /// folder; the place need not exist: an entry gc removed).
    func leadsIntoStore(_ path: String, folder: String) -> Bool {
        guard let text = try? FileManager.default.destinationOfSymbolicLink(atPath: path) else { return false }
        let parent = Self.realPath(PathText.parent(of: path)) ?? PathText.parent(of: path)
        let target = URL(fileURLWithPath: text.hasPrefix("/") ? text : parent + "/" + text).standardizedFileURL.path
        let inside = [Self.realPath(folder), URL(fileURLWithPath: folder).standardizedFileURL.path].compactMap { $0 }
        return inside.contains { target.hasPrefix($0 + "/") }
    }

    /// A real folder holding only Sprout's view of the store: links into it, summary.csv, hidden temporary files
    /// of an interrupted summary write, and folders of the same kind.
    func isView(_ folder: String) -> Bool {
        guard let children = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return false }
        return children.allSatisfy { child in
            let path = (folder as NSString).appendingPathComponent(child)
            if Self.isLink(path) { return leadsIntoStore(path, folder: root) }
            if Self.isRealFolder(path) { return isView(path) }
            return child == "summary.csv" || child.hasPrefix(".summary.csv.tmp-")
        }
    }

    /// The link's text from the folder `parent` to `entry` (see the type's documentation).
    static func linkText(from parent: String, to entry: String) -> String {
        guard let from = realPath(parent), let to = realPath(entry) else { return URL(fileURLWithPath: entry).standardizedFileURL.path }
        guard from.split(separator: "/").first == to.split(separator: "/").first else { return to }
        return RunFingerprint.relativePath(to, from: from)
    }

    /// A run directory written before the store existed (a real folder with a run.json at `<out>/<name>`) becomes
    /// an entry, moved with one `rename(2)` (same file system, nothing copied), named by its record's start and
    /// fingerprint (its folder's modification time when the record cannot be read).
    func adoptUnstored(_ name: String) throws {
        let path = pointer(of: name)
        var status = stat()
        guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else { return }
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

    static func isLink(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFLNK
    }

    /// `realpath(3)`: every link resolved; nil when the path does not exist.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
