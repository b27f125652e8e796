import Foundation
import Testing

/// A copy of a config that keeps its `name:` runs (docs/batches.md, "Two configs, one name"): the config whose file is
/// named like the directory keeps it, the copy runs under its file's name, in one batch or across batches, with a
/// note; `sprout status` shows the directories `sprout run` uses; only a true clash is refused.
@Suite struct NameRuleTests {
    /// A scratch project: configs/ and runs/ in a temporary folder of its own.
    struct Project {
        let scratch: TemporaryDirectory
        var configs: String { scratch.url.appendingPathComponent("configs").path }
        var runs: String { scratch.url.appendingPathComponent("runs").path }

        init() throws { scratch = try TemporaryDirectory() }

        /// configs/<file>: BatchRunTests' tiny xor config (16 examples, 3 epochs) with `name:` and `lr`.
        @discardableResult
        func config(_ file: String, name: String?, lr: String = "0.1") throws -> String {
            try scratch.write("configs/" + file, BatchRunTests.config(lr: lr, extra: name.map { "name: \($0)" } ?? ""))
        }

        func path(_ file: String) -> String { configs + "/" + file }

        func run(_ arguments: [String]) throws -> SproutBinary.Result {
            try SproutBinary.run(["run"] + arguments + ["--quiet"], timeout: 120)
        }

        /// `sprout status` of these paths: each run's directory (below runs/) and state, in its order.
        func status(_ paths: [String]) throws -> (runs: [(name: String, state: String)], output: String) {
            let result = try SproutBinary.run(["status"] + paths)
            var runs: [(String, String)] = []
            for line in result.stdout.split(separator: "\n") {
                guard !line.hasPrefix("/"), !line.hasPrefix("store: "), !line.contains(" runs: "), !line.contains(" run: "),
                      let gap = line.range(of: "  ") else { continue }
                runs.append((String(line[..<gap.lowerBound]), line[gap.upperBound...].trimmingCharacters(in: .whitespaces)))
            }
            return (runs, result.stdout)
        }

        func record(_ directory: String) throws -> [String: Any] { try RunDirectoryTests.json(runs + "/\(directory)/run.json") }

        /// Where runs/<directory> points: `.store/<name>/<entry>`.
        func link(_ directory: String) throws -> String {
            try FileManager.default.destinationOfSymbolicLink(atPath: runs + "/" + directory)
        }

        func entries(_ name: String) -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: runs + "/.store/" + name)) ?? []).filter { !$0.hasPrefix(".") }
        }
    }

    static func occurrences(_ text: String, in output: String) -> Int { output.components(separatedBy: text).count - 1 }

    /// Original and copy in one batch: both run, the copy as xor-lr everywhere, a note once; `sprout status` shows
    /// the same directories before and after; a rerun trains nothing and says nothing about names.
    @Test func anOriginalAndItsCopyInOneBatch() throws {
        let project = try Project()
        try project.config("xor.yaml", name: "xor")
        try project.config("xor-lr.yaml", name: "xor", lr: "0.5")
        let note = "\(project.path("xor-lr.yaml")): note: runs as xor-lr (its file name), not xor: "
            + "\(project.path("xor.yaml"))'s runs are \(project.runs)/xor\n"

        let before = try project.status([project.configs])
        #expect(before.runs.map(\.name) == ["xor-lr", "xor"], "\(before.output)")
        #expect(before.runs.allSatisfy { $0.state == "never run" })
        #expect(before.output.contains("\(project.path("xor-lr.yaml"))  note: runs as xor-lr (its file name), not xor: "))

        let result = try project.run([project.configs])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Self.occurrences(note, in: result.stderr) == 1, "\(result.stderr)")
        #expect(result.stdout.contains("xor-lr: completed in "))
        #expect(result.stdout.contains(" -> \(project.runs)/xor-lr\n"), "\(result.stdout)")
        #expect(result.stdout.contains("2 runs: 2 completed"))

        let copy = try project.record("xor-lr")
        #expect(copy["name"] as? String == "xor-lr")
        #expect(copy["config_file"] as? String == "configs/xor-lr.yaml")
        #expect(try project.record("xor")["config_file"] as? String == "configs/xor.yaml")
        #expect(try project.link("xor-lr").hasPrefix(".store/xor-lr/"))
        #expect(project.entries("xor").count == 1)
        let resolved = try String(contentsOfFile: project.runs + "/xor-lr/config.yaml", encoding: .utf8)
        #expect(resolved.contains("name: xor-lr\n"))
        #expect(resolved.contains("lr: 0.5"))

        let after = try project.status([project.configs])
        #expect(after.runs.map(\.name) == before.runs.map(\.name))
        #expect(after.runs.allSatisfy { $0.state == "up to date" }, "\(after.output)")
        let again = try project.run([project.configs])
        #expect(again.stdout.contains("2 runs: 2 up to date"), "\(again.stdout)")
        #expect(!again.stderr.contains("note:"), "\(again.stderr)")
    }

    /// The copy alone after the original ran: it runs as xor-lr, with --force too, and runs/xor stays the original's.
    @Test func aCopyAloneAfterTheOriginalRan() throws {
        let project = try Project()
        try project.config("xor.yaml", name: "xor")
        try project.config("xor-lr.yaml", name: "xor", lr: "0.5")
        #expect(try project.run([project.path("xor.yaml")]).status == 0)
        let original = try project.link("xor")

        let status = try project.status([project.path("xor-lr.yaml")])
        #expect(status.runs.map(\.name) == ["xor-lr"], "\(status.output)")
        for arguments in [[project.path("xor-lr.yaml")], [project.path("xor-lr.yaml"), "--force"]] {
            let result = try project.run(arguments)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(Self.occurrences("\(project.path("xor-lr.yaml")): note: runs as xor-lr (its file name), not xor: "
                                     + "\(project.runs)/xor holds the runs of \(project.path("xor.yaml"))\n", in: result.stderr) == 1,
                    "\(result.stderr)")
            #expect(result.stdout.contains(" -> \(project.runs)/xor-lr\n"))
        }
        #expect(try project.link("xor") == original)
        #expect(project.entries("xor").count == 1)
        #expect(project.entries("xor-lr").count == 2)
        #expect(try project.status([project.path("xor-lr.yaml")]).runs.map(\.state) == ["up to date"])
    }

    /// The copy ran alone first (before its original ever did), into runs/xor, from the very inputs the original
    /// has: the original takes the directory back, and the copy's run is not up to date for it (nor restored from
    /// the store) though the fingerprints agree; the original's own entry is restored when it matches. The copy then
    /// runs under its file name.
    @Test func theOriginalAfterTheCopyRanAlone() throws {
        let project = try Project()
        try project.config("xor.yaml", name: "xor")
        let copy = try project.config("copy.yaml", name: "xor")
        let original = project.path("xor.yaml")
        #expect(try project.run([copy]).status == 0)
        #expect(try project.record("xor")["config_file"] as? String == "configs/copy.yaml")

        let status = try project.status([original])
        #expect(status.runs.map(\.name) == ["xor"])
        #expect(status.runs.first?.state == "stale: it holds the run of \(copy), which has this name but another file name",
                "\(status.output)")
        #expect(status.output.contains("\(original)  note: takes back \(project.runs)/xor from \(copy), which has this name but another file name\n"))
        // Trained: the store's entry of these inputs is the copy's, which is not restored for the original.
        let back = try project.run([original])
        #expect(back.status == 0, "\(back.stderr)")
        #expect(back.stderr.contains("\(original): note: takes back \(project.runs)/xor from \(copy), which has this name but another file name\n"))
        #expect(back.stdout.contains("1 run: 1 completed"), "\(back.stdout)")
        #expect(try project.record("xor")["config_file"] as? String == "configs/xor.yaml")
        let originalEntry = try project.link("xor")
        #expect(project.entries("xor").count == 2)

        // The copy, now alone: its own name, its file's.
        let copyStatus = try project.status([copy])
        #expect(copyStatus.runs.map(\.name) == ["copy"], "\(copyStatus.output)")
        let copyRun = try project.run([copy])
        #expect(copyRun.stdout.contains(" -> \(project.runs)/copy\n"), "\(copyRun.stdout)")
        #expect(try project.link("xor") == originalEntry)

        // The copy, edited, takes runs/xor while the original is away (a file gone hands its runs over); back, the
        // original takes it back again, and restores its own entry from the store instead of training.
        let parked = project.scratch.url.appendingPathComponent("xor.yaml.parked").path
        try FileManager.default.moveItem(atPath: original, toPath: parked)
        try project.config("copy.yaml", name: "xor", lr: "0.5")
        let handedOver = try project.run([copy])
        #expect(handedOver.stdout.contains(" -> \(project.runs)/xor\n"), "\(handedOver.stdout)")
        #expect(try project.record("xor")["config_file"] as? String == "configs/copy.yaml")
        try FileManager.default.moveItem(atPath: parked, toPath: original)
        let restored = try project.run([original])
        #expect(restored.stdout.contains("1 run: 1 restored from the store"), "\(restored.stdout)")
        #expect(try project.link("xor") == originalEntry)
        #expect(try project.status([project.configs]).runs.map(\.name) == ["copy", "xor"])
    }

    /// A true clash is still refused: the copy's file name is another config's explicit `name:`. That config and
    /// the original run; the copy is refused with what to do, in `sprout run` and `sprout status` alike.
    @Test func aFallbackThatIsTakenIsRefused() throws {
        let project = try Project()
        try project.config("xor.yaml", name: "xor")
        let copy = try project.config("xor-lr.yaml", name: "xor", lr: "0.5")
        try project.config("other.yaml", name: "xor-lr", lr: "0.3")
        let reason = "it would run as xor-lr (its file name), not xor, since \(project.path("xor.yaml"))'s runs are "
            + "\(project.runs)/xor, but another config would write the same run directory, or one inside it: "
            + "\(project.runs)/xor-lr (also written by \(project.path("other.yaml"))); give it another `name:`"
        let status = try project.status([project.configs])
        #expect(status.runs.map(\.name) == ["xor-lr", "xor"], "\(status.output)")
        #expect(status.output.contains("\(copy)  refused: \(reason)\n"))
        let result = try project.run([project.configs])
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(copy): error: not run: \(reason)\n"), "\(result.stderr)")
        #expect(result.stdout.contains("2 runs: 2 completed, 1 config invalid"), "\(result.stdout)")
        #expect(try project.record("xor-lr")["config_file"] as? String == "configs/other.yaml")
        let rows = try BatchRunTests.summary(project.runs + "/summary.csv")
        #expect(rows.first { $0["config"] == copy }?["status"] == "refused")
    }
}
