import Foundation

/// What a run came from besides its inputs, recorded in run.json so that a result can be traced back to the commit
/// of its config and the machine that produced it: the git state of the config's repository, the command line of
/// the batch, the host. (Sprout's version, OpenBLAS's build and core, the thread count and the times are recorded by
/// the run itself: `RunRecord`.)
package struct Provenance: Codable, Sendable, Equatable {
    /// The config's git repository as the batch started.
    package struct Git: Codable, Sendable, Equatable {
        /// `HEAD`'s commit; nil in a repository without a commit yet.
        package var commit: String?
        /// Whether the config file differs from that commit (modified, staged, or not committed at all): then the
        /// commit alone does not give the config back; run.json's config.yaml does.
        package var dirty: Bool

        /// For tables: the commit's first 7 digits, `+` when the config differed from it (`3f2a1c9+`); `+` alone
        /// before the first commit.
        package var short: String { String((commit ?? "").prefix(7)) + (dirty ? "+" : "") }

        /// `git 3f2a1c9`, `git 3f2a1c9 (config modified)`, `git (no commit yet)`.
        package var label: String {
            guard let commit else { return "git (no commit yet)" }
            return "git \(commit.prefix(7))" + (dirty ? " (config modified)" : "")
        }
    }

    /// Nil when the config is not in a git repository, or git is not installed (neither is an error).
    package var git: Git?
    /// The batch's command line, as typed (`sprout run configs -j 2`).
    package var command: [String]
    /// The machine's host name.
    package var host: String

    package init(git: Git?, command: [String], host: String) {
        self.git = git
        self.command = command
        self.host = host
    }

    /// The host name (`gethostname`), "" when it cannot be read.
    package static var hostName: String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
