import Foundation
import SproutDiagnostics

/// The file checks every data source shares: the path resolved against the config file's folder, the file there,
/// a regular file, and no larger than what validation reads.
enum DataFile {
    /// 64 MiB: the most of a file validation reads (a CSV is read whole to count rows and classes, IDX labels
    /// whole to find the largest). MNIST's training images are 45 MiB; a larger file is refused rather than
    /// making `sprout validate` slow or memory-hungry. IDX images are not read past their 16-byte header, so the
    /// cap does not apply to them.
    static let maxBytes = 64 * 1024 * 1024

    /// `written` as an absolute, standardized path: unchanged when absolute, else under the config file's folder
    /// (never the working directory, so a config means the same wherever Sprout is started).
    static func resolve(_ written: String, relativeTo configFile: String) -> String {
        if written.hasPrefix("/") { return URL(fileURLWithPath: written).standardizedFileURL.path }
        let folder = URL(fileURLWithPath: configFile).deletingLastPathComponent()
        return folder.appendingPathComponent(written).standardizedFileURL.path
    }

    /// A problem with the file itself: its rule, the sentence and its help.
    struct Problem: Error {
        var id: DiagnosticID
        var message: String
        var help: [String] = []
    }

    /// The size of the regular file at `path` (symbolic links followed). `kind` names it ("csv file").
    static func size(of path: String, kind: String) -> Result<Int, Problem> {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return .failure(Problem(id: .fileNotFound, message: "\(kind) '\(path)' does not exist",
                                    help: ["a relative path is read from the config file's folder"]))
        }
        let real = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        guard !isDirectory.boolValue,
              let attributes = try? FileManager.default.attributesOfItem(atPath: real),
              attributes[.type] as? FileAttributeType == .typeRegular else {
            return .failure(Problem(id: .unreadableFile, message: "\(kind) '\(path)' is not a regular file"))
        }
        return .success((attributes[.size] as? NSNumber)?.intValue ?? 0)
    }

    /// The first `limit` bytes of the file at most; the whole file when it is no larger than `maxBytes`.
    static func read(_ path: String, kind: String, prefix limit: Int? = nil) -> Result<[UInt8], Problem> {
        let size: Int
        switch self.size(of: path, kind: kind) {
        case .failure(let problem): return .failure(problem)
        case .success(let s): size = s
        }
        if limit == nil, size > maxBytes {
            return .failure(Problem(id: .fileTooLarge, message: "\(kind) '\(path)' is \(size / (1024 * 1024)) MiB, more than the 64 MiB Sprout reads to validate it",
                                    help: ["use a smaller file, or split it"]))
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            return .failure(Problem(id: .unreadableFile, message: "cannot read \(kind) '\(path)'", help: ["check the file's permissions"]))
        }
        defer { try? handle.close() }
        do {
            let data = try handle.read(upToCount: min(limit ?? maxBytes, maxBytes)) ?? Data()
            return .success([UInt8](data))
        } catch {
            return .failure(Problem(id: .unreadableFile, message: "cannot read \(kind) '\(path)': \(error.localizedDescription)"))
        }
    }
}
