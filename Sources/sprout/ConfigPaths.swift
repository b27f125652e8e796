import Foundation
import SproutDiagnostics
import SproutRun

/// Expands the paths given on the command line: a file stays itself; a directory becomes its `*.yaml` and `*.yml`
/// regular files, recursively, sorted by path so that batch runs happen in a stable order. Hidden files and folders
/// (starting with `.`) are skipped, and so are run directories (folders holding a run.json, whose config.yaml is a
/// run's record, not a config) and the output folder itself.
///
/// Each file gets the folder its runs go to below the output folder: its own folder relative to its **configs
/// root**, the nearest enclosing folder named `configs` (the argument itself included), or, when there is none, the
/// folder given (a file's own folder for a file). So `configs/symmetry/zeros.yaml` runs into `runs/symmetry/zeros/`
/// whether the batch was `sprout run configs`, `sprout run configs/symmetry` or the file alone.
enum ConfigPaths {
    struct Expansion {
        var files: [ConfigFile]
        var problems: [Diagnostic]
    }

    /// `out`: the output folder, whose contents are never taken for configs.
    static func expand(_ paths: [String], out: String? = nil) -> Expansion {
        var files: [ConfigFile] = [], problems: [Diagnostic] = []
        let manager = FileManager.default
        let outAbsolute = out.map(absolute)
        for path in paths {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                problems.append(Diagnostic(.error, "no such file or directory", file: path))
                continue
            }
            let root = configsRoot(of: path, isDirectory: isDirectory.boolValue)
            guard isDirectory.boolValue else {
                files.append(ConfigFile(path: path, folder: relative(absolute((path as NSString).deletingLastPathComponent), to: root)))
                continue
            }
            let prefix = relative(absolute(path), to: root)
            let found = configFiles(under: path, skipping: outAbsolute)
            if found.isEmpty {
                problems.append(Diagnostic(.error, "no *.yaml or *.yml files in this directory", file: path))
            }
            files += found.map { relativeFile in
                let folder = (relativeFile as NSString).deletingLastPathComponent
                return ConfigFile(path: (path as NSString).appendingPathComponent(relativeFile),
                                  folder: prefix.isEmpty ? folder : folder.isEmpty ? prefix : prefix + "/" + folder)
            }
        }
        return Expansion(files: files, problems: problems)
    }

    /// The default output folder for a batch over `paths`: `runs/` beside the first path's configs root when that
    /// root is named `configs` (configs/ -> runs/), else `runs/` inside it.
    static func defaultOut(for paths: [String]) -> String {
        guard let first = paths.first else { return "runs" }
        var isDirectory: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: first, isDirectory: &isDirectory)
        let root = configsRoot(of: first, isDirectory: isDirectory.boolValue)
        let base = (root as NSString).lastPathComponent == "configs" ? (root as NSString).deletingLastPathComponent : root
        return display((base as NSString).appendingPathComponent("runs"))
    }

    /// The absolute configs root of a path (see the type's documentation).
    static func configsRoot(of path: String, isDirectory: Bool) -> String {
        let start = absolute(isDirectory ? path : (path as NSString).deletingLastPathComponent)
        var candidate = start
        while candidate != "/" && !candidate.isEmpty {
            if (candidate as NSString).lastPathComponent == "configs" { return candidate }
            candidate = (candidate as NSString).deletingLastPathComponent
        }
        return start
    }

    /// `path` made absolute and standardized (`.` and `..` resolved, symbolic links kept).
    static func absolute(_ path: String) -> String {
        let full = path.hasPrefix("/") ? path : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(path)
        return (full as NSString).standardizingPath
    }

    /// An absolute path shown relative to the working directory when it lies below it.
    static func display(_ path: String) -> String {
        let here = absolute(".")
        let relativePath = relative(path, to: here)
        return path == here ? "." : path.hasPrefix(here + "/") ? relativePath : path
    }

    /// `path` relative to `root` ("" when equal or not below it).
    static func relative(_ path: String, to root: String) -> String {
        guard path.hasPrefix(root + "/") else { return "" }
        return String(path.dropFirst(root.count + 1))
    }

    private static func configFiles(under directory: String, skipping out: String?) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return [] }
        var found: [String] = []
        while let relativePath = enumerator.nextObject() as? String {
            let type = enumerator.fileAttributes?[.type] as? FileAttributeType
            let full = (directory as NSString).appendingPathComponent(relativePath)
            if (relativePath as NSString).lastPathComponent.hasPrefix(".") {
                if type == .typeDirectory { enumerator.skipDescendants() }
                continue
            }
            if type == .typeDirectory {
                let isRunDirectory = FileManager.default.fileExists(atPath: (full as NSString).appendingPathComponent("run.json"))
                if isRunDirectory || absolute(full) == out { enumerator.skipDescendants() }
                continue
            }
            guard relativePath.hasSuffix(".yaml") || relativePath.hasSuffix(".yml") else { continue }
            // Regular files only: a folder named x.yaml, or a FIFO, is not a config.
            guard type == .typeRegular else { continue }
            found.append(relativePath)
        }
        return found.sorted()
    }
}
