import Foundation

/// Finds the files a run wrote under a temporary runs folder by searching it, so that tests do not depend on the
/// run directory layout (`<out>/<name>/`, `<out>/sub/name/`, a sweep's `<variant>/` below).
enum RunFiles {
    /// Every file named `name` below `root`, as full paths, sorted.
    static func find(_ name: String, under root: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: root) else { return [] }
        var found: [String] = []
        while let relative = enumerator.nextObject() as? String {
            guard relative.split(separator: "/").last == Substring(name) else { continue }
            found.append((root as NSString).appendingPathComponent(relative))
        }
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
