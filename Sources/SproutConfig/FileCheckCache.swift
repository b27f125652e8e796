import Foundation
import SproutDataFiles

/// What the data-file checks (`CSVFileCheck`, `IDXFileCheck`) found in a file, kept for the rest of the process, so
/// that a sweep (which decodes the config once per combination) reads each data file once, not once per run. Keyed
/// by the check's options and the file's `RawFile.stamp` (device, inode, size, modification time): an edited file
/// is checked again. (Not to be confused with `sprout show --probe`, InitProbe, which runs a diagnostic pass at
/// initialization.)
enum FileCheckCache {
    /// Results are a few counts each; 256 files is more than any batch of configs names.
    static let capacity = 256

    private static let lock = NSLock()
    nonisolated(unsafe) private static var entries: [String: DataSourceSpec] = [:]

    /// The cached result of `check` for `paths` and `options`, or `check`'s result, cached when it succeeded.
    static func value<Failure>(paths: [String], options: String,
                               check: () -> Result<DataSourceSpec, Failure>) -> Result<DataSourceSpec, Failure> {
        var stamps: [String] = []
        for path in paths {
            // A file that cannot be stamped is checked, which reports why.
            guard let stamp = try? RawFile.stamp(path) else { return check() }
            stamps.append(path + "@" + stamp)
        }
        let key = stamps.joined(separator: "|") + "|" + options
        if let hit = lock.withLock({ entries[key] }) { return .success(hit) }
        let result = check()
        if case .success(let source) = result {
            lock.withLock {
                if entries.count >= capacity { entries.removeAll() }
                entries[key] = source
            }
        }
        return result
    }
}
