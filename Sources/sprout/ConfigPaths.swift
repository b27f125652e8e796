import Foundation
import SproutDiagnostics

/// Expands the paths given on the command line: a file stays itself; a directory becomes its `*.yaml` and `*.yml`
/// regular files, recursively, sorted by path so that batch runs happen in a stable order. Hidden files and folders
/// (starting with `.`) are skipped.
enum ConfigPaths {
    static func expand(_ paths: [String]) -> (files: [String], problems: [Diagnostic]) {
        var files: [String] = [], problems: [Diagnostic] = []
        let manager = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                problems.append(Diagnostic(.error, "no such file or directory", file: path))
                continue
            }
            guard isDirectory.boolValue else {
                files.append(path)
                continue
            }
            let found = configFiles(under: path)
            if found.isEmpty {
                problems.append(Diagnostic(.error, "no *.yaml or *.yml files in this directory", file: path))
            }
            files += found
        }
        return (files, problems)
    }

    private static func configFiles(under directory: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return [] }
        var found: [String] = []
        while let relative = enumerator.nextObject() as? String {
            let components = relative.split(separator: "/")
            if components.contains(where: { $0.hasPrefix(".") }) { continue }
            guard relative.hasSuffix(".yaml") || relative.hasSuffix(".yml") else { continue }
            // Regular files only: a folder named x.yaml, or a FIFO, is not a config.
            guard (enumerator.fileAttributes?[.type] as? FileAttributeType) == .typeRegular else { continue }
            found.append((directory as NSString).appendingPathComponent(relative))
        }
        return found.sorted()
    }
}
