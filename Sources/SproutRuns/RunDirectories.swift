import Foundation

/// The run directories under a folder: every folder holding a `run.json` regular file, at any depth (a config at
/// configs/sub/x.yaml writes `<out>/sub/x/`, a sweep's runs one level below), the folder itself included. Hidden
/// files and folders (starting with `.`) are skipped, as `sprout run` skips them among configs; symbolic links to
/// folders are not followed, so a link cycle cannot loop.
public enum RunDirectories {
    /// The run directories' paths relative to `root` (`""` for `root` itself), sorted component by component
    /// (`xor` before `xor-init-sweep`, and a sweep's runs right after each other), so the order never depends on the
    /// file system's. Nil when `root` is not a readable folder.
    public static func find(under root: String) -> [String]? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue,
              let enumerator = FileManager.default.enumerator(atPath: root) else { return nil }
        var found: [[Substring]] = []
        while let relative = enumerator.nextObject() as? String {
            let components = relative.split(separator: "/")
            if components.contains(where: { $0.hasPrefix(".") }) { continue }
            guard components.last == "run.json",
                  (enumerator.fileAttributes?[.type] as? FileAttributeType) == .typeRegular else { continue }
            found.append(Array(components.dropLast()))
        }
        return found.sorted { a, b in a.lexicographicallyPrecedes(b) { $0 < $1 } }
            .map { $0.joined(separator: "/") }
    }
}
