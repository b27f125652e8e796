import Foundation

/// The run directories under a folder: every folder holding a `run.json` regular file, at any depth (a config at
/// configs/sub/x.yaml writes `<out>/sub/x/`, a sweep's runs one level below), the folder itself included, and every
/// symbolic link to such a folder (a run's path, pointing into the store: `RunStore`). Hidden files and folders
/// (starting with `.`: the store itself, locks) are skipped, as `sprout run` skips them among configs; a link is
/// not followed further than its run, so a link cycle cannot loop.
public enum RunDirectories {
    /// The run directories' paths relative to `root` (`""` for `root` itself), sorted component by component
    /// (`xor` before `xor-init-sweep`, and a sweep's runs right after each other), so the order never depends on the
    /// file system's. Nil when `root` is not a readable folder.
    public static func find(under root: String) -> [String]? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue,
              (try? FileManager.default.contentsOfDirectory(atPath: root)) != nil else { return nil }
        var found: [[String]] = []
        walk(root, components: [], into: &found)
        return found.sorted { a, b in a.lexicographicallyPrecedes(b) { $0 < $1 } }
            .map { $0.joined(separator: "/") }
    }

    /// `folder` (`components` below the root): a run when it holds run.json; its children walked when it is a real
    /// folder.
    private static func walk(_ folder: String, components: [String], into found: inout [[String]]) {
        if RunStore.isRegularFile((folder as NSString).appendingPathComponent("run.json")) { found.append(components) }
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where !name.hasPrefix(".") {
            let path = (folder as NSString).appendingPathComponent(name)
            var status = stat()
            guard lstat(path, &status) == 0 else { continue }
            switch status.st_mode & S_IFMT {
            case S_IFDIR:
                walk(path, components: components + [name], into: &found)
            case S_IFLNK:
                if RunStore.isRegularFile((path as NSString).appendingPathComponent("run.json")) {
                    found.append(components + [name])
                }
            default:
                continue
            }
        }
    }
}
