import Foundation

/// The git state of config files (`Provenance.Git`), asked of git itself, with as few git processes as a batch
/// allows: one `git rev-parse` per folder holding configs (the repository's top folder and HEAD's commit in one
/// call), one `git status` per repository for all its configs (a batch of a hundred configs in one folder starts two
/// processes, not two hundred), each started by `ProgramOutput` (posix_spawn: a few milliseconds, where Foundation's
/// `Process` took about 60). Git's absence, a folder outside any repository, or any git failure gives nil: provenance
/// is recorded when it can be, and never stops a run.
package enum GitState {
    /// Each config path (as given) -> its git state, nil for configs outside a repository.
    package static func of(configs: [String]) -> [String: Provenance.Git] {
        guard let git = executable("git") else { return [:] }
        var repositories: [String: (top: String, commit: String?)] = [:]  // folder -> its repository
        var byRepository: [String: [(config: String, relative: String)]] = [:]
        for config in Set(configs) {
            let absolute = URL(fileURLWithPath: config).standardizedFileURL.resolvingSymlinksInPath().path
            let folder = PathText.parent(of: absolute)
            if repositories[folder] == nil, let found = repository(of: folder, git: git) { repositories[folder] = found }
            guard let repository = repositories[folder], absolute.hasPrefix(repository.top + "/") else { continue }
            byRepository[repository.top, default: []].append((config, String(absolute.dropFirst(repository.top.count + 1))))
        }
        var states: [String: Provenance.Git] = [:]
        for (top, files) in byRepository {
            let commit = repositories.values.first { $0.top == top }?.commit
            guard let changed = changedFiles(in: top, among: files.map(\.relative), git: git) else { continue }
            for file in files {
                states[file.config] = Provenance.Git(commit: commit, dirty: commit == nil || changed.contains(file.relative))
            }
        }
        return states
    }

    /// The repository's top folder and HEAD's commit (nil before the first commit), from one `git rev-parse`: it
    /// prints the top folder first, then the commit; before the first commit it prints the top folder and exits 1
    /// (`--verify` finds no HEAD); outside a repository it prints nothing and exits 128.
    private static func repository(of folder: String, git: String) -> (top: String, commit: String?)? {
        guard let answer = ProgramOutput.run(git, ["-C", folder, "rev-parse", "--show-toplevel", "--verify", "--quiet", "HEAD"]),
              answer.status == 0 || answer.status == 1 else { return nil }
        let lines = answer.output.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        guard let top = lines.first, !top.isEmpty else { return nil }
        let resolved = URL(fileURLWithPath: top).resolvingSymlinksInPath().path
        let commit = answer.status == 0 && lines.count > 1 && !lines[1].isEmpty ? lines[1] : nil
        return (resolved, commit)
    }

    /// The files among `paths` (relative to `top`) that `git status` lists: modified, staged, untracked.
    private static func changedFiles(in top: String, among paths: [String], git: String) -> Set<String>? {
        // --no-optional-locks: never take .git/index.lock, so a commit the user makes meanwhile is not refused.
        guard let output = run(git, ["--no-optional-locks", "-C", top, "status", "--porcelain=v1", "-z", "--untracked-files=all", "--"] + paths)
        else { return nil }
        // Entries are `XY path\0`; a rename or copy (X is R or C) is followed by `old path\0`, which is skipped.
        var changed = Set<String>()
        var entries = output.split(separator: "\0").makeIterator()
        while let entry = entries.next() {
            guard entry.count > 3 else { continue }
            changed.insert(String(entry.dropFirst(3)))
            if entry.first == "R" || entry.first == "C" { _ = entries.next() }
        }
        return changed
    }

    /// `program`'s path on PATH.
    package static func executable(_ program: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(program)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// The standard output of `program arguments`, nil when it cannot start or exits non-zero.
    private static func run(_ program: String, _ arguments: [String]) -> String? {
        guard let answer = ProgramOutput.run(program, arguments), answer.status == 0 else { return nil }
        return answer.output
    }
}
