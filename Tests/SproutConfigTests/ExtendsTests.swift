import Foundation
@testable import SproutConfig
import SproutDiagnostics
import SproutYAML
import Testing

/// `extends`: configs written as changes to others, each value (and each diagnostic) where it was written.
@Suite struct ExtendsTests {
    static let base = """
        name: base
        seed: 1
        data: {source: xor, samples: 8}
        model:
          layers:
            - {name: hidden, type: dense, units: 4}
            - tanh
            - {name: out, type: dense, units: 2}
        train:
          loss: cross_entropy
          optimizer: {type: sgd, lr: 0.1, momentum: 0.9}
          epochs: 2

        """

    /// Writes the files into a private temporary folder and loads `top` (its path in the folder).
    func load(_ files: [String: String], top: String, overrides: [String] = []) throws -> (ConfigLoader.Result, String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sprout-extends-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for (name, text) in files {
            let path = (folder as NSString).appendingPathComponent(name)
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        let result = ConfigLoader.load(path: (folder as NSString).appendingPathComponent(top),
                                       overrides: ConfigOverrides(arguments: overrides, sweep: false))
        return (result, folder)
    }

    /// Mappings merge key by key; a scalar replaces; the name is the config's own (its stem here).
    @Test func deepMergeAndOwnName() throws {
        let (result, _) = try load(["base.yaml": Self.base, "wide.yaml": "extends: base.yaml\ntrain: {epochs: 5}\nseed: 3\n"],
                                   top: "wide.yaml")
        #expect(result.diagnostics == [])
        let spec = try #require(result.spec)
        #expect(spec.name == "wide")
        #expect(spec.seed == 3)
        #expect(spec.train.epochs == 5)
        #expect(spec.train.optimizer == .sgd(lr: 0.1, momentum: 0.9, nesterov: false, weightDecay: 0))
        #expect(result.bases.map { ($0 as NSString).lastPathComponent } == ["base.yaml"])
    }

    /// Another optimizer replaces the base's whole section: sgd's momentum means nothing to adam.
    @Test func aChangedTypeReplacesTheSection() throws {
        let (result, _) = try load(["base.yaml": Self.base, "adam.yaml": "extends: base.yaml\ntrain: {optimizer: {type: adam, lr: 0.01}}\n"],
                                   top: "adam.yaml")
        #expect(result.diagnostics == [])
        guard case .adam(let settings)? = result.spec?.train.optimizer else { Issue.record("not adam"); return }
        #expect(settings.lr == 0.01)
    }

    /// Layers that all name the base's nodes patch them in place; any other list replaces the base's.
    @Test func layersByName() throws {
        let patched = try load(["base.yaml": Self.base, "p.yaml": "extends: base.yaml\nmodel: {layers: [{name: hidden, units: 16}]}\n"],
                               top: "p.yaml").0
        #expect(patched.diagnostics == [])
        #expect(patched.spec?.model.nodes.map(\.name) == ["hidden", "tanh1", "out"])
        #expect(patched.spec?.model.nodes.first?.kind == .dense(units: 16, bias: true))
        let replaced = try load(["base.yaml": Self.base,
                                 "r.yaml": "extends: base.yaml\nmodel: {layers: [{name: h, type: dense, units: 3}, relu, {type: dense, units: 2}]}\n"],
                                top: "r.yaml").0
        #expect(replaced.diagnostics == [])
        // Unnamed nodes are numbered by kind, counting the named ones (h is the first dense).
        #expect(replaced.spec?.model.nodes.map(\.name) == ["h", "relu1", "dense2"])
    }

    /// A list of bases: merged in order, the later on top, the config over all; a base's path is relative to the
    /// folder of the config that names it.
    @Test func severalBasesInOrder() throws {
        let (result, _) = try load([
            "shared/base.yaml": Self.base,
            "shared/long.yaml": "train: {epochs: 9}\nseed: 4\n",
            "exp/run.yaml": "extends: [../shared/base.yaml, ../shared/long.yaml]\nseed: 5\n",
        ], top: "exp/run.yaml")
        #expect(result.diagnostics == [])
        #expect(result.spec?.train.epochs == 9)
        #expect(result.spec?.seed == 5)
        #expect(result.spec?.name == "run")
    }

    /// The issue's acceptance: a two-level chain with a mistake in the base reports it in the base, with the chain.
    @Test func aMistakeInABaseIsReportedThere() throws {
        let broken = Self.base.replacingOccurrences(of: "epochs: 2", with: "epoch: 2")
        let (result, folder) = try load([
            "base.yaml": broken,
            "mid.yaml": "# the middle layer\nextends: base.yaml\nseed: 2\n",
            "top.yaml": "name: top\nextends: mid.yaml\n",
        ], top: "top.yaml")
        let base = (folder as NSString).appendingPathComponent("base.yaml")
        let mid = (folder as NSString).appendingPathComponent("mid.yaml")
        let top = (folder as NSString).appendingPathComponent("top.yaml")
        #expect(result.runs.isEmpty)
        // `epoch` is on line 12 of the base, indented by two.
        let unknown = try #require(result.diagnostics.first { $0.id == .unknownKey })
        #expect(unknown.location == SourceLocation(file: base, line: 12, column: 3))
        #expect(unknown.help == ["did you mean 'epochs'?"])
        #expect(unknown.notes == [Diagnostic.Note("in \(base), extended by \(mid):2, extended by \(top):2")])
        #expect(result.sources[base] == broken)
    }

    @Test func cyclesAndMissingBases() throws {
        let (cycle, folder) = try load(["a.yaml": Self.base + "extends: b.yaml\n", "b.yaml": "extends: a.yaml\nseed: 2\n"], top: "a.yaml")
        let a = (folder as NSString).appendingPathComponent("a.yaml"), b = (folder as NSString).appendingPathComponent("b.yaml")
        #expect(cycle.diagnostics.map(\.headline) == [
            "\(b):1:10: error: extends comes back to a config already in the chain: \(a) -> \(b) -> \(a) [invalid-extends]",
        ])
        let (missing, folder2) = try load(["m.yaml": "extends: nothere.yaml\nseed: 2\n"], top: "m.yaml")
        let m = (folder2 as NSString).appendingPathComponent("m.yaml")
        // Only the missing base: not the sections it would have given.
        #expect(missing.diagnostics.map(\.headline) == [
            "\(m):1:10: error: cannot extend 'nothere.yaml': \((folder2 as NSString).appendingPathComponent("nothere.yaml")): No such file or directory [invalid-extends]",
        ])
        let (self1, _) = try load(["s.yaml": Self.base + "extends: s.yaml\n"], top: "s.yaml")
        #expect(self1.diagnostics.map(\.id) == [.invalidExtends])
        let (shape, _) = try load(["t.yaml": Self.base + "extends: {a: 1}\n"], top: "t.yaml")
        #expect(shape.diagnostics.map(\.id) == [.typeMismatch])
        let (empty, _) = try load(["e.yaml": Self.base + "extends: []\n", "n.yaml": Self.base + "extends:\n", "i.yaml": Self.base + "extends: [3]\n"],
                                  top: "e.yaml")
        #expect(empty.diagnostics.map(\.id) == [.typeMismatch])
        // A base that is a list: its own YAML is fine, it is just not a config.
        let (list, _) = try load(["l.yaml": Self.base + "extends: list.yaml\n", "list.yaml": "- a\n- b\n"], top: "l.yaml")
        #expect(list.diagnostics.contains { $0.id == .invalidExtends })
        #expect(list.runs.isEmpty)
    }

    /// An inherited sweep of a setting the config writes itself gives way to the config's value (as a command-line
    /// override of a swept path does); the config's own sweep entries stay.
    @Test func aWrittenValueBeatsAnInheritedSweep() throws {
        let swept = Self.base + "sweep: {train.optimizer.lr: [0.5, 0.25], seed: [1, 2]}\n"
        let (result, _) = try load(["base.yaml": swept, "c.yaml": "extends: base.yaml\ntrain: {optimizer: {lr: 0.125}}\n"], top: "c.yaml")
        #expect(result.diagnostics == [])
        #expect(result.runs.map(\.variant) == ["seed=1", "seed=2"])
        #expect(result.runs.allSatisfy { $0.train.optimizer == .sgd(lr: 0.125, momentum: 0.9, nesterov: false, weightDecay: 0) })
        let (own, _) = try load(["base.yaml": swept, "d.yaml": "extends: base.yaml\nsweep: {seed: [3]}\n"], top: "d.yaml")
        #expect(own.runs.map(\.variant) == ["lr=0.5,seed=3", "lr=0.25,seed=3"])
    }

    /// A section the base writes as a single word (`optimizer: rmsprop`) stands for its mapping: a mapping over it
    /// without a type keeps the base's kind.
    @Test func aWordInTheBaseIsItsMapping() throws {
        let word = Self.base.replacingOccurrences(of: "{type: sgd, lr: 0.1, momentum: 0.9}", with: "rmsprop")
        let (result, _) = try load(["base.yaml": word, "w.yaml": "extends: base.yaml\ntrain: {optimizer: {lr: 0.01}}\n"], top: "w.yaml")
        #expect(result.diagnostics == [])
        #expect(result.spec?.train.optimizer.name == "rmsprop")
        guard case .rmsprop(let lr, _, _, _, _, _)? = result.spec?.train.optimizer else { Issue.record("not rmsprop"); return }
        #expect(lr == 0.01)
    }

    /// Bases that share bases (a diamond, repeated level after level) are read once each: 30 levels of
    /// `extends: [next, next]` would be 2^30 merges read by route.
    @Test func sharedBasesAreExpandedOnce() throws {
        var files = ["l30.yaml": Self.base]
        for level in 0..<30 { files["l\(level).yaml"] = "extends: [l\(level + 1).yaml, l\(level + 1).yaml]\nseed: \(level)\n" }
        let started = Date()
        let (result, _) = try load(files, top: "l0.yaml")
        #expect(result.diagnostics == [])
        #expect(result.spec?.seed == 0)
        #expect(result.bases.count == 30)
        // Linear work: far below a second even in a debug build (the exponential version took minutes at 20).
        #expect(Date().timeIntervalSince(started) < 10)
    }

    /// `sprout show --origins`: each value with the file and line it comes from, the overrides' included.
    @Test func origins() throws {
        let (result, folder) = try load(["base.yaml": Self.base, "o.yaml": "extends: base.yaml\ntrain: {epochs: 5}\n"],
                                        top: "o.yaml", overrides: ["seed=9"])
        let text = ConfigOrigins.text(try #require(result.merged))
        let base = (folder as NSString).appendingPathComponent("base.yaml"), own = (folder as NSString).appendingPathComponent("o.yaml")
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.contains("seed: 9  # <arguments>:1"))
        #expect(lines.contains("  epochs: 5  # \(own):2"))
        #expect(lines.contains("  loss: cross_entropy  # \(base):10"))
        #expect(lines.contains("    - name: hidden  # \(base):6"))
        #expect(!text.contains("name: base"))
        // What it prints is a config: read back, it is the same experiment.
        let reread = try YAMLDocument.parse(text, file: "origins.yaml")
        #expect(ExperimentDecoder.decode(reread, defaultName: "o").spec?.train == result.spec?.train)
    }
}
