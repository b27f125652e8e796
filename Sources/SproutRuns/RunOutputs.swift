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

    /// The files `names` of `directory` (what the run wrote), hashed. A file that cannot be read is left out: the
    /// record is of what could be checked, and a run that trained is not failed for it.
    package static func of(_ names: [String], in directory: String) -> RunOutputs {
        var files: [String: File] = [:]
        for name in names {
            let path = (directory as NSString).appendingPathComponent(name)
            guard let stamp = FileStamp.of(path), let sha = SHA256.hexDigest(ofFile: path) else { continue }
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
            // run.json keeps milliseconds: a file written in the run's last millisecond is still its own.
            let untouched = ended.map { stamp.modified <= $0.addingTimeInterval(0.001) } ?? false
            if stamp.size != file.size || (!untouched && SHA256.hexDigest(ofFile: path) != file.sha256) {
                problems.append("\(name) changed since the run wrote it")
            }
        }
        return problems
    }
}
