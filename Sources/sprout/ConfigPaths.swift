import Foundation
import SproutDiagnostics
import SproutRuns

/// Expands the paths given on the command line: a file stays itself; a directory becomes its `*.yaml` and `*.yml`
/// files (regular files, or symbolic links to them), recursively, sorted by path so that batch runs happen in a
/// stable order. Hidden files and folders (starting with `.`) are skipped, and so are files whose name starts with
/// `_` (`_base.yaml`: a base that configs `extends`, not an experiment of its own), and so are run directories (folders
/// holding a run.json, whose config.yaml is a run's record, not a config), the output folder itself, and symbolic
/// links to folders (never followed, so a link cycle cannot loop). A file named twice (`sprout run configs
/// configs/sub`) is taken once: two workers must never train one run directory.
///
/// Each file gets the folder its runs go to below the output folder: its own folder relative to its **configs
/// root**, the nearest enclosing folder named `configs`, or, when there is none, the folder given (a file's own
/// folder for a file). So `configs/symmetry/zeros.yaml` runs into `runs/symmetry/zeros/` whether the batch was
/// `sprout run`, `sprout run configs/symmetry`, `sprout run .` or the file alone.
enum ConfigPaths {
    struct Expansion {
        var files: [ConfigFile]
        var problems: [Diagnostic]
    }

    /// `out`: the output folder, whose contents are never taken for configs.
    static func expand(_ paths: [String], out: String? = nil) -> Expansion {
        var files: [ConfigFile] = [], problems: [Diagnostic] = []
        var seen = Set<String>()
        let manager = FileManager.default
        let outAbsolute = out.map(absolute)
        func add(_ path: String, argument: String) {
            guard seen.insert(absolute(path)).inserted else { return }
            files.append(ConfigFile(path: path, folder: folder(of: path, argument: argument)))
        }
        for path in paths {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                var problem = Diagnostic(.error, "no such file or directory", file: path)
                if path.contains("=") || path.hasPrefix("+") || path.hasPrefix("~") {
                    // Not taken for an override (ConfigOverride.looksLikeOverride): say what one looks like.
                    problem.help = ["an override is key.path=value, +key.path=value or ~key.path, with keys of ASCII "
                                    + "letters, digits, '_' and '-' joined by dots"]
                }
                problems.append(problem)
                continue
            }
            guard isDirectory.boolValue else {
                add(path, argument: (absolute(path) as NSString).deletingLastPathComponent)
                continue
            }
            if manager.fileExists(atPath: (path as NSString).appendingPathComponent("run.json")) {
                problems.append(Diagnostic(.error, "this is a run directory (it holds run.json), not a folder of configs",
                                           file: path))
                continue
            }
            let (found, broken) = configFiles(under: path, skipping: outAbsolute)
            problems += broken
            if found.isEmpty && broken.isEmpty {
                problems.append(Diagnostic(.error, "no *.yaml or *.yml files in this directory", file: path))
            }
            for relativeFile in found { add((path as NSString).appendingPathComponent(relativeFile), argument: path) }
        }
        return Expansion(files: files, problems: problems)
    }

    /// The folder below the output folder for the config `path`, found under the folder `argument`.
    static func folder(of path: String, argument: String) -> String {
        let directory = (absolute(path) as NSString).deletingLastPathComponent
        let root = enclosingConfigs(directory) ?? absolute(argument)
        return relative(directory, to: root)
    }

    /// The nearest folder named `configs` among `directory` (absolute) and its ancestors.
    static func enclosingConfigs(_ directory: String) -> String? {
        var candidate = directory
        while candidate != "/" && !candidate.isEmpty {
            if (candidate as NSString).lastPathComponent == "configs" { return candidate }
            candidate = (candidate as NSString).deletingLastPathComponent
        }
        return nil
    }

    /// The default output folder for a batch over `paths`: `runs/` beside the enclosing `configs` folder of the
    /// first path (configs/ -> runs/), else `runs/` in the folder given (a file's own folder).
    static func defaultOut(for paths: [String]) -> String {
        guard let first = paths.first else { return "runs" }
        var isDirectory: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: first, isDirectory: &isDirectory)
        let start = isDirectory.boolValue ? absolute(first) : (absolute(first) as NSString).deletingLastPathComponent
        let base = enclosingConfigs(start).map { ($0 as NSString).deletingLastPathComponent } ?? start
        return display((base as NSString).appendingPathComponent("runs"))
    }

    /// `path` made absolute and normalized by its text alone: `.` and `..` resolved, symbolic links kept (a link
    /// configs/linked/ stays below configs/, so its runs stay below runs/).
    static func absolute(_ path: String) -> String {
        let full = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var parts: [Substring] = []
        for part in full.split(separator: "/") {
            if part == "." { continue }
            if part == ".." { _ = parts.popLast() } else { parts.append(part) }
        }
        return "/" + parts.joined(separator: "/")
    }

    /// An absolute path shown relative to the working directory when it lies below it.
    static func display(_ path: String) -> String {
        let here = absolute(".")
        return path == here ? "." : path.hasPrefix(here + "/") ? relative(path, to: here) : path
    }

    /// `path` relative to `root` ("" when equal or not below it).
    static func relative(_ path: String, to root: String) -> String {
        guard path.hasPrefix(root == "/" ? "/" : root + "/") else { return "" }
        return String(path.dropFirst(root == "/" ? 1 : root.count + 1))
    }

    /// The config files below `directory`, and a problem for each `*.yaml` symbolic link that leads nowhere (its
    /// target missing, or a loop of links): a config the user put there, which would otherwise be skipped silently.
    private static func configFiles(under directory: String, skipping out: String?) -> (files: [String], problems: [Diagnostic]) {
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return ([], []) }
        var found: [String] = [], problems: [Diagnostic] = []
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
            // `_base.yaml`: a base for `extends`, maybe not a whole experiment; the configs that extend it read it.
            if (relativePath as NSString).lastPathComponent.hasPrefix("_") { continue }
            // Regular files only, a link counting as what it points at: a folder named x.yaml, or a FIFO, is not a
            // config.
            var target = type
            if type == .typeSymbolicLink, let reason = brokenLink(full) {
                problems.append(Diagnostic(.badConfigPath, "a symbolic link that leads to no file: \(reason)", file: full,
                                           help: ["point it at a config, or remove it"]))
                continue
            }
            if type == .typeSymbolicLink {
                var isFolder: ObjCBool = false
                let exists = FileManager.default.fileExists(atPath: full, isDirectory: &isFolder)
                target = exists && !isFolder.boolValue
                    ? (try? FileManager.default.attributesOfItem(atPath: (full as NSString).resolvingSymlinksInPath))?[.type] as? FileAttributeType
                    : nil
            }
            guard target == .typeRegular else { continue }
            found.append(relativePath)
        }
        return (found.sorted(), problems)
    }

    /// Why the symbolic link at `path` leads nowhere (`stat` follows it): its target is missing, or links loop;
    /// nil when it leads somewhere.
    private static func brokenLink(_ path: String) -> String? {
        var status = stat()
        guard stat(path, &status) != 0 else { return nil }
        let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "?"
        switch errno {
        case ELOOP: return "it loops (it points at '\(target)', which leads back to itself)"
        case ENOENT: return "its target '\(target)' does not exist"
        default: return "'\(target)': " + String(cString: strerror(errno))
        }
    }
}
