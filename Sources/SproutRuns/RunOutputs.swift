import Foundation

/// What a finished run left in its directory, as run.json's `outputs`: each file's size and SHA-256 (metrics.csv,
/// layers.csv, config.yaml, the checkpoints). A run whose files are gone or changed is not up to date, though its
/// inputs are: its results are not there to see. Checking stays cheap for a batch of a thousand runs: a stat per
/// file, and a hash only for a file whose size is right but whose modification time is later than the run's end
/// (edited since, or copied without keeping times).
package struct RunOutputs: Codable, Equatable, Sendable {
    package struct File: Codable, Equatable, Sendable {
        package var size: Int64
        package var sha256: String
    }

    package var files: [String: File]

    package init(files: [String: File]) { self.files = files }

    /// run.json's `outputs`: `{"metrics.csv": {"sha256": ..., "size": ...}, ...}`.
    package init(from decoder: any Decoder) throws {
        files = try decoder.singleValueContainer().decode([String: File].self)
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(files)
    }

    /// Every regular file of `directory` but run.json and the lock, hashed.
    package static func of(directory: String) throws -> RunOutputs {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        var files: [String: File] = [:]
        for name in names where name != "run.json" && !name.hasPrefix(".") {
            let path = (directory as NSString).appendingPathComponent(name)
            guard let stamp = FileStamp.of(path), FileStamp.isRegularFile(path) else { continue }
            guard let sha = hash(path) else { throw RunError.cannotRead(path: path, reason: "it cannot be read to record it") }
            files[name] = File(size: stamp.size, sha256: sha)
        }
        return RunOutputs(files: files)
    }

    /// What is missing or changed in `directory`, in words (empty: everything as recorded); `ended`: when the run
    /// ended, so that a file not touched since is taken as it is.
    package func problems(in directory: String, ended: Date?) -> [String] {
        var problems: [String] = []
        for (name, file) in files.sorted(by: { $0.key < $1.key }) {
            let path = (directory as NSString).appendingPathComponent(name)
            guard let stamp = FileStamp.of(path) else {
                problems.append("\(name) is missing")
                continue
            }
            let modified = Date(timeIntervalSince1970: Double(stamp.seconds) + Double(stamp.nanoseconds) * 1e-9)
            // run.json keeps milliseconds: a file written in the run's last millisecond is still its own.
            let untouched = ended.map { modified <= $0.addingTimeInterval(0.001) } ?? false
            if stamp.size != file.size || (!untouched && Self.hash(path) != file.sha256) {
                problems.append("\(name) changed since the run wrote it")
            }
        }
        return problems
    }

    static func hash(_ path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        var hash = SHA256()
        hash.update(data)
        return hash.hexDigest()
    }
}
