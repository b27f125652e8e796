import Foundation
import SproutConfig
import Testing
@testable import SproutRuns

/// `BatchPlan.make` when configs claim one run directory (BatchPlan+Names, docs/batches.md "Two configs, one name"):
/// the config whose file is named like the directory keeps it, a copy that kept the name runs under its file's
/// stem, and only a true clash is refused. Plans only: nothing trains; runs on disk are run.json files written here.
@Suite struct BatchPlanNameTests {
    /// A scratch project: configs/ and runs/ in a temporary folder of its own, removed at the end.
    final class Project {
        let root: String
        var out: String { root + "/runs" }

        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("sprout-names-\(UUID())").path
            try FileManager.default.createDirectory(atPath: root + "/configs", withIntermediateDirectories: true)
        }

        deinit { try? FileManager.default.removeItem(atPath: root) }

        /// `configs/<file>` with a small xor config: `name:` when given, the learning rate, a sweep of lr when given.
        @discardableResult
        func config(_ file: String, name: String? = nil, lr: String = "0.1", sweep: [String]? = nil) throws -> String {
            let path = root + "/configs/" + file
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            var text = name.map { "name: \($0)\n" } ?? ""
            text += """
                data: {source: xor, samples: 8}
                model: {layers: [{type: dense, units: 2}]}
                train: {loss: cross_entropy, optimizer: {type: sgd, lr: \(lr)}, epochs: 1}

                """
            if let sweep { text += "sweep:\n  train.optimizer.lr: [\(sweep.joined(separator: ", "))]\n" }
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }

        /// The plan of these configs (paths below configs/), each in the folder its path below configs/ gives.
        func plan(_ files: [String], force: Bool = false, overrides: [String] = []) -> BatchPlan {
            BatchPlan.make(files.map { file in
                ConfigFile(path: root + "/configs/" + file, folder: (file as NSString).deletingLastPathComponent)
            }, out: out, force: force, overrides: ConfigOverrides(arguments: overrides, sweep: false))
        }

        /// `runs/<directory>/run.json` as the config `configs/<file>` leaves it: completed, from the inputs the
        /// config has now (so up to date for it), its `config_file` naming it.
        func recordRun(_ directory: String, by file: String) throws {
            let config = root + "/configs/" + file
            let spec = try #require(ConfigLoader.load(path: config).spec)
            let fingerprint = try RunFingerprint.of(spec, configFile: config)
            var record = RunRecord(status: .completed, name: directory, config: config, started: Date(), seed: spec.seed,
                                   version: SproutVersion.current, fingerprint: fingerprint, epochs: 1)
            record.configFile = RunRecord.projectRelative(config, out: out)
            record.ended = Date()
            let folder = out + "/" + directory
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try record.write(to: folder + "/run.json")
        }

        func path(_ file: String) -> String { root + "/configs/" + file }
    }

    static func names(_ plan: BatchPlan) -> [String] { plan.runs.map(\.name).sorted() }

    @Test func aCopyInTheBatchRunsUnderItsFileName() throws {
        let project = try Project()
        try project.config("xor.yaml", name: "xor")
        try project.config("xor-lr.yaml", name: "xor", lr: "0.5")
        let plan = project.plan(["xor-lr.yaml", "xor.yaml"])
        #expect(plan.refused.isEmpty)
        #expect(Self.names(plan) == ["xor", "xor-lr"])
        let copy = try #require(plan.runs.first { $0.config == project.path("xor-lr.yaml") })
        #expect(copy.spec.name == "xor-lr")
        #expect(copy.directory == project.out + "/xor-lr")
        if case .sgd(let lr, _, _, _) = copy.spec.train.optimizer { #expect(lr == 0.5) } else { Issue.record("not sgd") }
        #expect(plan.notes.map(\.config) == [project.path("xor-lr.yaml")])
        #expect(plan.notes.first?.note == "runs as xor-lr (its file name), not xor: \(project.path("xor.yaml"))'s runs are "
                + "\(project.out)/xor")
        // The original without `name:` (its stem is its name) keeps it the same way.
        let implicit = try Project()
        try implicit.config("xor.yaml")
        try implicit.config("copy.yaml", name: "xor")
        #expect(Self.names(implicit.plan(["copy.yaml", "xor.yaml"])) == ["copy", "xor"])
    }

    /// With overrides, the directories the configs claim are the overridden ones (`xor@seed=3`): the copy falls
    /// back to its stem there too, and a copy's plain run on disk does not decide for the overridden runs.
    @Test func overriddenRunsClaimTheirOwnDirectories() throws {
        let project = try Project()
        try project.config("xor.yaml", name: "xor")
        try project.config("xor-lr.yaml", name: "xor", lr: "0.5")
        let plan = project.plan(["xor-lr.yaml", "xor.yaml"], overrides: ["seed=3"])
        #expect(plan.refused.isEmpty)
        #expect(Self.names(plan) == ["xor-lr@seed=3", "xor@seed=3"])
        #expect(plan.notes.first?.note == "runs as xor-lr (its file name), not xor: \(project.path("xor.yaml"))'s runs are "
                + "\(project.out)/xor@seed=3")
        // The copy alone: the original's plain run on disk claims runs/xor, not runs/xor@seed=3.
        try project.recordRun("xor", by: "xor.yaml")
        #expect(Self.names(project.plan(["xor-lr.yaml"], overrides: ["seed=3"])) == ["xor@seed=3"])
        #expect(Self.names(project.plan(["xor-lr.yaml"])) == ["xor-lr"])
    }

    @Test func neitherNamedByItsFileBothRunUnderTheirStems() throws {
        let project = try Project()
        try project.config("a.yaml", name: "foo")
        try project.config("b.yaml", name: "foo")
        let plan = project.plan(["a.yaml", "b.yaml"])
        #expect(plan.refused.isEmpty)
        #expect(Self.names(plan) == ["a", "b"])
        #expect(plan.notes.map(\.note) == ["runs as a (its file name), not foo: \(project.path("b.yaml")) has `name: foo` too",
                                           "runs as b (its file name), not foo: \(project.path("a.yaml")) has `name: foo` too"])
    }

    /// A sweep's folder is its own: a copy of a sweep with other values, or a plain config of the sweep's name,
    /// meets it; the copy keeps its variants below its stem.
    @Test func aSweepCopyKeepsItsVariantsBelowItsStem() throws {
        let project = try Project()
        try project.config("grid.yaml", sweep: ["0.1", "0.2"])
        try project.config("grid-more.yaml", name: "grid", sweep: ["0.3"])
        try project.config("sub/plain.yaml")
        try project.config("sub/other.yaml", name: "plain", sweep: ["0.1"])
        let plan = project.plan(["grid.yaml", "grid-more.yaml", "sub/plain.yaml", "sub/other.yaml"])
        #expect(plan.refused.isEmpty)
        #expect(Self.names(plan) == ["grid-more/lr=0.3", "grid/lr=0.1", "grid/lr=0.2", "sub/other/lr=0.1", "sub/plain"])
    }

    @Test func aFallbackThatIsTakenIsATrueClash() throws {
        let project = try Project()
        try project.config("xor.yaml", name: "xor")
        try project.config("xor-lr.yaml", name: "xor")
        try project.config("other.yaml", name: "xor-lr")
        let plan = project.plan(["other.yaml", "xor-lr.yaml", "xor.yaml"])
        // The config that asked for `xor-lr` keeps it; the copy, which only falls back to it, is refused.
        #expect(Self.names(plan) == ["xor", "xor-lr"])
        #expect(plan.runs.first { $0.name == "xor-lr" }?.config == project.path("other.yaml"))
        #expect(plan.refused.map(\.config) == [project.path("xor-lr.yaml")])
        #expect(plan.refused.first?.reason == "it would run as xor-lr (its file name), not xor, since "
                + "\(project.path("xor.yaml"))'s runs are \(project.out)/xor, but another config would write the same run "
                + "directory, or one inside it: \(project.out)/xor-lr (also written by \(project.path("other.yaml"))); give it "
                + "another `name:`")
        #expect(plan.notes.isEmpty)
        #expect(plan.invalidCount == 1)
    }

    @Test func twoFilesOfOneStemAreATrueClash() throws {
        let project = try Project()
        try project.config("x.yaml")
        try project.config("x.yml")
        let plan = project.plan(["x.yaml", "x.yml"])
        #expect(plan.runs.isEmpty)
        #expect(plan.refused.map(\.config) == [project.path("x.yaml"), project.path("x.yml")])
        #expect(plan.refused.first?.reason == "another config would write the same run directory, or one inside it: "
                + "\(project.out)/x (also written by \(project.path("x.yml"))), and each is named after its file; give one "
                + "of them another `name:`")
        // Both falling back to the one stem: refused alike; the config named `foo` by its file runs.
        let fallbacks = try Project()
        try fallbacks.config("foo.yaml")
        try fallbacks.config("y.yaml", name: "foo")
        try fallbacks.config("y.yml", name: "foo")
        let both = fallbacks.plan(["foo.yaml", "y.yaml", "y.yml"])
        #expect(Self.names(both) == ["foo"])
        #expect(both.refused.map(\.config) == [fallbacks.path("y.yaml"), fallbacks.path("y.yml")])
        // A file stem that cannot be a run name.
        let spaced = try Project()
        try spaced.config("xor.yaml")
        try spaced.config("my copy.yaml", name: "xor")
        let refused = spaced.plan(["xor.yaml", "my copy.yaml"]).refused
        #expect(refused.map(\.config) == [spaced.path("my copy.yaml")])
        #expect(refused.first?.reason.hasSuffix("but 'my copy' cannot be a run name; give it another `name:`, or rename the file") == true)
    }

    /// A config named like its folder's parent entry (configs/deep.yaml next to configs/deep/) is named by its file,
    /// and so is the config inside: a true clash. Named otherwise, it gives way.
    @Test func aConfigNamedLikeAFolderOfConfigs() throws {
        let project = try Project()
        try project.config("deep.yaml")
        try project.config("deep/x.yaml")
        #expect(project.plan(["deep.yaml", "deep/x.yaml"]).refused.count == 2)
        let named = try Project()
        try named.config("shallow.yaml", name: "deep")
        try named.config("deep/x.yaml")
        let plan = named.plan(["shallow.yaml", "deep/x.yaml"])
        #expect(plan.refused.isEmpty)
        #expect(Self.names(plan) == ["deep/x", "shallow"])
    }

    /// Across batches: the directory's run.json names the config that wrote it.
    @Test func aCopyAloneAfterTheOriginalRan() throws {
        let project = try Project()
        try project.config("xor.yaml", name: "xor")
        try project.config("xor-lr.yaml", name: "xor", lr: "0.5")
        try project.recordRun("xor", by: "xor.yaml")
        let plan = project.plan(["xor-lr.yaml"])
        #expect(plan.refused.isEmpty)
        #expect(Self.names(plan) == ["xor-lr"])
        #expect(plan.runs.first?.state == .neverRun)
        #expect(plan.notes.first?.note == "runs as xor-lr (its file name), not xor: \(project.out)/xor holds the runs of "
                + project.path("xor.yaml"))
        // --force changes no name.
        #expect(Self.names(project.plan(["xor-lr.yaml"], force: true)) == ["xor-lr"])
        // The original, gone (renamed, deleted), hands its directory over.
        try FileManager.default.removeItem(atPath: project.path("xor.yaml"))
        let handedOver = project.plan(["xor-lr.yaml"])
        #expect(Self.names(handedOver) == ["xor"])
        #expect(handedOver.notes.isEmpty)
    }

    /// The original takes back a directory a copy wrote, and the copy's run there is not up to date for it even
    /// from the same inputs (its run.json would go on naming the copy, which would go on claiming it).
    @Test func theOriginalTakesBackWhatACopyWrote() throws {
        let project = try Project()
        try project.config("xor.yaml", name: "xor")
        try project.config("xor-lr.yaml", name: "xor")
        try project.recordRun("xor", by: "xor-lr.yaml")
        let copyAlone = project.plan(["xor-lr.yaml"])
        #expect(Self.names(copyAlone) == ["xor"])
        #expect(copyAlone.runs.first?.state == .upToDate(logChanged: false))

        let plan = project.plan(["xor.yaml"])
        #expect(plan.refused.isEmpty)
        #expect(Self.names(plan) == ["xor"])
        let reason = "it holds the run of \(project.path("xor-lr.yaml")), which has this name but another file name"
        #expect(plan.runs.first?.state == .stale([reason]))
        #expect(plan.notes.first?.note == "takes back \(project.out)/xor from \(project.path("xor-lr.yaml")), which has "
                + "this name but another file name")
        // With the copy in the batch too, the same, and the copy runs under its stem.
        let both = project.plan(["xor.yaml", "xor-lr.yaml"])
        #expect(Self.names(both) == ["xor", "xor-lr"])
        #expect(both.runs.first { $0.name == "xor" }?.state == .stale([reason]))
        // Once the copy is gone, its run is the original's: up to date.
        try FileManager.default.removeItem(atPath: project.path("xor-lr.yaml"))
        #expect(project.plan(["xor.yaml"]).runs.first?.state == .upToDate(logChanged: false))
    }

    /// Two configs named by their files across batches (x.yml ran, now x.yaml): refused unless --force.
    @Test func aTrueClashOnDiskIsRefusedUnlessForced() throws {
        let project = try Project()
        try project.config("x.yml")
        try project.config("x.yaml", lr: "0.5")
        try project.recordRun("x", by: "x.yml")
        let plan = project.plan(["x.yaml"])
        #expect(plan.runs.isEmpty)
        #expect(plan.refused.first?.reason == "\(project.out)/x holds the runs of another config, \(project.path("x.yml")), "
                + "and each is named after its file; give this one another `name:`, or --force to replace them")
        let forced = project.plan(["x.yaml"], force: true)
        #expect(forced.refused.isEmpty)
        #expect(Self.names(forced) == ["x"])
    }

    /// A fallback whose directory holds another config's runs on disk is refused (unless --force).
    @Test func aFallbackTakenOnDiskIsRefusedUnlessForced() throws {
        let project = try Project()
        try project.config("xor.yaml", name: "xor")
        try project.config("xor-lr.yaml", name: "xor")
        try project.config("other.yaml", name: "xor-lr")
        try project.recordRun("xor-lr", by: "other.yaml")
        let plan = project.plan(["xor.yaml", "xor-lr.yaml"])
        #expect(Self.names(plan) == ["xor"])
        #expect(plan.refused.map(\.config) == [project.path("xor-lr.yaml")])
        #expect(plan.refused.first?.reason.hasSuffix("but \(project.out)/xor-lr holds the runs of another config, "
                + "\(project.path("other.yaml")); give this one another `name:`, or --force to replace them") == true)
        #expect(Self.names(project.plan(["xor.yaml", "xor-lr.yaml"], force: true)) == ["xor", "xor-lr"])
    }

    /// The run cache and resuming never take another existing config's entry (restoring the copy's entry would make
    /// the copy the directory's owner again).
    @Test func theStoreGivesNoEntryOfAnotherConfig() throws {
        let project = try Project()
        try project.config("xor.yaml", name: "xor")
        try project.config("xor-lr.yaml", name: "xor")
        let spec = try #require(ConfigLoader.load(path: project.path("xor.yaml")).spec)
        let fingerprint = try RunFingerprint.of(spec, configFile: project.path("xor.yaml"))
        let store = RunStore(out: project.out)
        try FileManager.default.createDirectory(atPath: project.out + "/.store/xor", withIntermediateDirectories: true)
        let entry = try store.newEntry(of: "xor", digest: fingerprint.digest, started: Date())
        var record = RunRecord(status: .completed, name: "xor", config: project.path("xor-lr.yaml"), started: Date(),
                               seed: spec.seed, version: SproutVersion.current, fingerprint: fingerprint, epochs: 1)
        record.configFile = "configs/xor-lr.yaml"
        record.outputs = RunOutputs(files: [:])
        record.ended = Date()
        try record.write(to: entry.path + "/run.json")
        #expect(store.cachedEntry(of: "xor", fingerprint: fingerprint, config: project.path("xor-lr.yaml"))?.entry == entry)
        #expect(store.cachedEntry(of: "xor", fingerprint: fingerprint, config: project.path("xor.yaml")) == nil)
        try FileManager.default.removeItem(atPath: project.path("xor-lr.yaml"))
        #expect(store.cachedEntry(of: "xor", fingerprint: fingerprint, config: project.path("xor.yaml"))?.entry == entry)
    }
}
