import Foundation

/// Finds the files a run wrote under a temporary runs folder by searching it, so that tests do not depend on the
/// run directory layout (`<out>/<name>/`, `<out>/sub/name/`, a sweep's `<variant>/` below), as people see it: through
/// the runs' links, not in the hidden store behind them.
enum RunFiles {
    /// Every file named `name` below `root`, as full paths through the links, sorted. Hidden names are skipped.
    static func find(_ name: String, under root: String) -> [String] {
        var found: [String] = []
        func walk(_ folder: String, depth: Int) {
            guard depth < 16 else { return }
            for child in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where !child.hasPrefix(".") {
                let path = (folder as NSString).appendingPathComponent(child)
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
                if isDirectory.boolValue { walk(path, depth: depth + 1) } else if child == name { found.append(path) }
            }
        }
        walk(root, depth: 0)
        return found.sorted()
    }

    /// The single run directory below `root` whose run.json names the config `config` (as given to `sprout run`).
    static func directory(of config: String, under root: String) throws -> String {
        let matches = try find("run.json", under: root).filter { path in
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            let record = try JSONSerialization.jsonObject(with: data) as? [String: Any]
            return record?["config"] as? String == config
        }
        guard matches.count == 1, let match = matches.first else { throw Missing(what: "one run of \(config) under \(root)") }
        return (match as NSString).deletingLastPathComponent
    }

    struct Missing: Error, CustomStringConvertible {
        var what: String
        var description: String { "not found: \(what)" }
    }
}
