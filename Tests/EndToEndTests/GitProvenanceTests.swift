import Foundation
import Testing

/// run.json's `git` as a batch records it (`GitState`: one `git rev-parse` per config folder, one `git status` per
/// repository): HEAD's commit and whether the config differs from it, in a scratch repository of the test's own.
@Suite struct GitProvenanceTests {
    /// `git args...` in `folder` (RunStoreTests' helper: an identity of its own, a failure thrown). git is installed
    /// by `make test`, so the test always runs.
    @discardableResult
    static func git(_ arguments: [String], in folder: URL) throws -> String { try RunStoreTests.git(arguments, in: folder) }

    static func gitRecord(_ runs: String, _ name: String) throws -> [String: Any]? {
        try RunDirectoryTests.json(runs + "/\(name)/run.json")["git"] as? [String: Any]
    }

    /// Before the first commit: no commit, dirty. Committed: the commit, clean. Edited since: the commit, dirty
    /// (only the edited config). A folder outside any repository: `git` is null.
    @Test func theConfigsCommitAndWhetherItChangedSince() throws {
        let scratch = try TemporaryDirectory()
        let project = scratch.url.appendingPathComponent("project")
        try scratch.write("project/configs/a.yaml", BatchRunTests.config())
        try scratch.write("project/configs/b.yaml", BatchRunTests.config())
        try Self.git(["init", "-q"], in: project)
        let runs = project.appendingPathComponent("runs").path
        let configs = project.appendingPathComponent("configs").path

        let first = try SproutBinary.run(["run", configs, "--quiet"], timeout: 120)
        #expect(first.status == 0, "\(first.stderr)")
        let uncommitted = try #require(try Self.gitRecord(runs, "a"))
        #expect(!(uncommitted["commit"] is String), "\(uncommitted)")
        #expect(uncommitted["dirty"] as? Bool == true)

        try Self.git(["add", "configs"], in: project)
        try Self.git(["commit", "-q", "-m", "configs"], in: project)
        let head = try Self.git(["rev-parse", "HEAD"], in: project)
        try scratch.write("project/configs/b.yaml", BatchRunTests.config(lr: "0.2"))
        let second = try SproutBinary.run(["run", configs, "--quiet", "--force"], timeout: 120)
        #expect(second.status == 0, "\(second.stderr)")
        let clean = try #require(try Self.gitRecord(runs, "a"))
        #expect(clean["commit"] as? String == head)
        #expect(clean["dirty"] as? Bool == false)
        let edited = try #require(try Self.gitRecord(runs, "b"))
        #expect(edited["commit"] as? String == head)
        #expect(edited["dirty"] as? Bool == true)

        try scratch.write("elsewhere/configs/c.yaml", BatchRunTests.config())
        let outside = scratch.url.appendingPathComponent("elsewhere")
        let third = try SproutBinary.run(["run", outside.appendingPathComponent("configs").path, "--quiet"], timeout: 120)
        #expect(third.status == 0, "\(third.stderr)")
        let record = try RunDirectoryTests.json(outside.path + "/runs/c/run.json")
        #expect(record["git"] is NSNull, "\(record)")
    }
}
