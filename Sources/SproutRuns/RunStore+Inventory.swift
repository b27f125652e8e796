import Foundation

extension RunStore {
    /// Every run name the store holds entries for (`sym/zeros`, `sweep/lr=0.1`), sorted: the folders below the
    /// store that hold at least one entry.
    package func names() -> [String] {
        var found: [String] = []
        func walk(_ relative: String) {
            let folder = relative.isEmpty ? root : (root as NSString).appendingPathComponent(relative)
            let children = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { !$0.hasPrefix(".") }
            var holdsEntries = false
            for child in children.sorted() {
                let path = (folder as NSString).appendingPathComponent(child)
                if Self.isRegularFile((path as NSString).appendingPathComponent("run.json")) {
                    holdsEntries = true
                } else if Self.isRealFolder(path) {
                    walk(relative.isEmpty ? child : "\(relative)/\(child)")
                }
            }
            if holdsEntries && !relative.isEmpty { found.append(relative) }
        }
        walk("")
        return found.sorted()
    }

    /// The store's entries and the disk space its files take (allocated blocks, what `du` counts and what removing
    /// them frees).
    package func usage() -> (runs: Int, bytes: Int64) {
        (names().reduce(0) { $0 + entries(of: $1).count }, Self.diskUsage(root))
    }

    /// Allocated bytes of everything below `path` (`st_blocks` × 512), links not followed.
    package static func diskUsage(_ path: String) -> Int64 {
        var status = stat()
        guard lstat(path, &status) == 0 else { return 0 }
        var total = Int64(status.st_blocks) * 512
        if status.st_mode & S_IFMT == S_IFDIR {
            for child in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] {
                total += diskUsage((path as NSString).appendingPathComponent(child))
            }
        }
        return total
    }

    /// `3.2 MB`, `640 kB`, `12 bytes` (powers of 1000, as `df -H` and `du --si` count).
    package static func size(_ bytes: Int64) -> String {
        let units = ["kB", "MB", "GB", "TB"]
        guard bytes >= 1000 else { return "\(bytes) byte\(bytes == 1 ? "" : "s")" }
        var value = Double(bytes) / 1000, unit = 0
        while value >= 1000 && unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        return (value < 10 ? String(format: "%.1f", value) : String(format: "%.0f", value)) + " " + units[unit]
    }

    package static func isRealFolder(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR
    }
}
