import Foundation
@testable import SproutConfig
import SproutDiagnostics
import SproutYAML
import Testing

/// Command-line overrides (`ConfigOverride`, `ConfigOverrides`): Hydra's grammar, applied to a config file on disk
/// as `sprout run configs/x.yaml key=value` does, every mistake at its column in `<arguments>`.
@Suite struct OverrideTests {
    static let base = """
        data: {source: xor, samples: 8}
        model:
          layers:
            - {name: hidden, type: dense, units: 4}
            - tanh
            - {name: out, type: dense, units: 2}
        train: {loss: cross_entropy, optimizer: {type: sgd, lr: 0.1}, epochs: 1}
        log: {every: 3}

        """

    /// The config written to a private temporary folder as `s.yaml`, loaded with the overrides.
    func load(_ arguments: [String], in text: String = base, sweep: Bool = false) throws -> ConfigLoader.Result {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sprout-override-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("s.yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return ConfigLoader.load(path: path, overrides: ConfigOverrides(arguments: arguments, sweep: sweep))
    }

    /// Headlines with the temporary path shortened to `s.yaml`.
    func headlines(_ result: ConfigLoader.Result) -> [String] {
        result.diagnostics.map { $0.headline.replacingOccurrences(of: result.path, with: "s.yaml") }
    }

    @Test func argumentsThatLookLikeOverrides() {
        for argument in ["lr=0.1", "train.optimizer.lr=0.01", "+train.optimizer.momentum=0.9", "++seed=2", "~log.every",
                         "~log.every=3", "model.hidden.units=32", "description=", "seed==1"] {
            #expect(ConfigOverride.looksLikeOverride(argument), "\(argument)")
        }
        // Paths: a key never holds '/', and a plain key needs '='.
        for argument in ["configs/xor.yaml", "xor.yaml", "./lr=0.1.yaml", "configs", "~/configs/x.yaml", "seed", "+seed",
                         "=1", "1seed=2", "a b=1", ""] {
            #expect(!ConfigOverride.looksLikeOverride(argument), "\(argument)")
        }
    }

    @Test func setsAWrittenSettingAndNamesTheRun() throws {
        let result = try load(["train.optimizer.lr=0.01"])
        #expect(result.diagnostics == [])
        let spec = try #require(result.spec)
        #expect(spec.train.optimizer == .sgd(lr: 0.01, momentum: 0, nesterov: false, weightDecay: 0))
        #expect(spec.runPath == "s@train.optimizer.lr=0.01")
        #expect(spec.overrides == ["train.optimizer.lr=0.01"])
        #expect(ResolvedConfig.header(spec) == "# overrides: train.optimizer.lr=0.01\n")
    }

    /// A key the config leaves to its default is part of the config too (`key=value`); `+` adds only what the file
    /// does not write, `++` either way.
    @Test func addingAndSettingDefaults() throws {
        let set = try load(["train.optimizer.momentum=0.5", "train.batch_size=4"])
        #expect(set.diagnostics == [])
        #expect(set.spec?.train.optimizer == .sgd(lr: 0.1, momentum: 0.5, nesterov: false, weightDecay: 0))
        #expect(set.spec?.train.batchSize == 4)
        let added = try load(["+train.optimizer.momentum=0.5", "++train.optimizer.lr=0.2"])
        #expect(added.diagnostics == [])
        #expect(added.spec?.train.optimizer == .sgd(lr: 0.2, momentum: 0.5, nesterov: false, weightDecay: 0))
        let written = try load(["+train.optimizer.lr=0.2"])
        #expect(headlines(written) == [
            "<arguments>:1:2: error: 'train.optimizer.lr' is already set in s.yaml; '+' adds a key the config does not write [invalid-override]",
        ])
        // The note points at the value in the file: line 7, `train: {loss: cross_entropy, optimizer: {type: sgd, lr: `
        // is 56 characters (8 + 21 + 12 + 11 + 4), so 0.1 starts at column 57.
        #expect(written.diagnostics.first?.notes.first?.location == SourceLocation(file: written.path, line: 7, column: 57))
    }

    @Test func removing() throws {
        let removed = try load(["~log.every"])
        #expect(removed.diagnostics == [])
        #expect(removed.spec?.log.every == 1)
        let valued = try load(["~log.every=3"])
        #expect(valued.spec?.log.every == 1)
        let wrongValue = try load(["~log.every=4"])
        #expect(headlines(wrongValue) == ["<arguments>:1:12: error: 'log.every' is 3 in s.yaml, not 4 [invalid-override]"])
        let absent = try load(["~log.layers"])
        #expect(headlines(absent) == [
            "<arguments>:1:2: error: 'log.layers' is not set in s.yaml, so there is nothing to remove [invalid-override]",
        ])
        // A node of the model, by name: the tanh then reads the data.
        let node = try load(["~model.hidden"])
        #expect(node.spec?.model.nodes.map(\.name) == ["tanh1", "out"])
    }

    /// Nodes by name, with or without `layers`; a misspelt one is reported at its column with a did-you-mean.
    @Test func nodesByName() throws {
        for argument in ["model.hidden.units=32", "model.layers.hidden.units=32"] {
            let result = try load([argument])
            #expect(result.diagnostics == [])
            #expect(result.spec?.model.nodes.first?.kind == .dense(units: 32, bias: true))
            #expect(result.spec?.runPath == "s@model.hidden.units=32")
        }
        let misspelt = try load(["model.hiden.units=3", "model.layers.out.unit=3"])
        #expect(headlines(misspelt) == [
            "<arguments>:1:7: error: unknown key 'hiden' in model [unknown-key]",
            "<arguments>:2:18: error: unknown key 'unit' in model.layers.out [unknown-key]",
        ])
        #expect(misspelt.diagnostics.first?.help == ["did you mean 'hidden'?"])
        let misspeltNode = try load(["model.layers.hiden.units=3"])
        #expect(headlines(misspeltNode) == ["<arguments>:1:14: error: no node named 'hiden' in model.layers [unknown-node]"])
        #expect(misspeltNode.diagnostics.first?.help == ["did you mean 'hidden'?"])
    }

    /// The issue's example: `<arguments>:1:7: error: unknown key 'optimiser' in train`.
    @Test func unknownKeysPointIntoTheArgument() throws {
        let result = try load(["seed=2", "train.optimiser.lr=0.01", "+trian.epochs=3"])
        #expect(result.runs.isEmpty)
        #expect(headlines(result) == [
            "<arguments>:2:7: error: unknown key 'optimiser' in train [unknown-key]",
            "<arguments>:3:2: error: unknown key 'trian' in the config [unknown-key]",
        ])
        #expect(result.diagnostics.map(\.help) == [["did you mean 'optimizer'?"], ["did you mean 'train'?"]])
        let below = try load(["seed.x=1"])
        #expect(headlines(below) == ["<arguments>:1:6: error: seed has no settings below it, so no 'x' [unknown-key]"])
    }

    /// A key an override creates is located at its part of the argument, so a complaint about it points there; a
    /// problem a removal causes in the file names the removal.
    @Test func createdKeysAndRemovalsAreLocated() throws {
        let created = try load(["train.optimizer.beta1=0.9"])
        #expect(headlines(created) == ["<arguments>:1:17: error: optimizer 'sgd' has no parameter 'beta1' [unknown-key]"])
        let removed = try load(["~train.loss"])
        let missing = try #require(removed.diagnostics.first)
        #expect(missing.id == .missingKey)
        #expect(missing.location?.file == removed.path)
        #expect(missing.notes == [Diagnostic.Note("after the override '~train.loss'",
                                                  at: SourceLocation(file: "<arguments>", line: 1, column: 2))])
    }

    /// A value is checked where it is used, like one in the file, and reported at its column in `<arguments>`.
    @Test func valuesAreCheckedAtTheirColumn() throws {
        let result = try load(["train.optimizer.lr=-1", "train.epochs=\"3\""])
        #expect(result.runs.isEmpty)
        #expect(headlines(result).first == "<arguments>:1:20: error: 'lr' must be greater than 0, found -1 [out-of-range]")
        #expect(result.diagnostics.map(\.id) == [.outOfRange, .typeMismatch])
        #expect(result.diagnostics.map(\.location) == [SourceLocation(file: "<arguments>", line: 1, column: 20),
                                                        SourceLocation(file: "<arguments>", line: 2, column: 14)])
    }

    /// Flow collections are values; a setting written as a single word in the file becomes its mapping when a path
    /// goes below it.
    @Test func flowValuesAndWords() throws {
        let adam = try load(["train.optimizer={type: adam, lr: 0.001}"])
        #expect(adam.diagnostics == [])
        #expect(adam.spec?.train.optimizer.name == "adam")
        #expect(adam.spec?.runPath == "s@train.optimizer=adam_lr=0.001")
        let word = try load(["train.optimizer.beta1=0.8"], in: Self.base.replacingOccurrences(of: "{type: sgd, lr: 0.1}", with: "adam"))
        #expect(word.diagnostics == [])
        guard case .adam(let settings)? = word.spec?.train.optimizer else { Issue.record("not adam"); return }
        #expect(settings.beta1 == 0.8)
    }

    /// A comma outside brackets is Hydra's sweep: with --sweep one run per value, below `<name>@<key>=sweep`;
    /// without, an error with the three readings.
    @Test func sweepsFromTheCommandLine() throws {
        let swept = try load(["train.optimizer.lr=0.5,0.25", "seed=7"], sweep: true)
        #expect(swept.diagnostics == [])
        #expect(swept.runs.map(\.runPath) == ["s@seed=7,train.optimizer.lr=sweep/lr=0.5", "s@seed=7,train.optimizer.lr=sweep/lr=0.25"])
        #expect(swept.runs.map(\.seed) == [7, 7])
        #expect(swept.runs.map(\.train.optimizer) == [0.5, 0.25].map { .sgd(lr: $0, momentum: 0, nesterov: false, weightDecay: 0) })
        let ambiguous = try load(["train.optimizer.lr=0.5,0.25"])
        #expect(headlines(ambiguous) == ["<arguments>:1:20: error: ambiguous value '0.5,0.25': a comma outside brackets and quotes [invalid-override]"])
        #expect(ambiguous.diagnostics.first?.help.first == "to sweep over the values, add --sweep (or -m): one run each")
        // Brackets make a list, not a sweep.
        #expect(ConfigOverride.topLevelPieces("[1, 2],{a: [3, 4]},'x,y'").map(\.text) == ["[1, 2]", "{a: [3, 4]}", "'x,y'"])
        #expect(ConfigOverride.topLevelPieces("[1, 2],{a: [3, 4]},'x,y'").map(\.offset) == [0, 7, 19])
    }

    /// A plain override of a swept path fixes it: the sweep's other settings still make their runs.
    @Test func overridingASweptPath() throws {
        let text = Self.base + "sweep: {train.optimizer.lr: [0.5, 0.25], seed: [1, 2]}\n"
        let fixed = try load(["train.optimizer.lr=0.01"], in: text)
        #expect(fixed.diagnostics == [])
        #expect(fixed.runs.map(\.runPath) == ["s@train.optimizer.lr=0.01/seed=1", "s@train.optimizer.lr=0.01/seed=2"])
        #expect(fixed.runs.allSatisfy { $0.train.optimizer == .sgd(lr: 0.01, momentum: 0, nesterov: false, weightDecay: 0) })
        let replaced = try load(["train.optimizer.lr=0.125,0.0625"], in: text, sweep: true)
        #expect(replaced.runs.map(\.variant) == ["lr=0.125,seed=1", "lr=0.125,seed=2", "lr=0.0625,seed=1", "lr=0.0625,seed=2"])
        let sweepKey = try load(["sweep.seed=[3]"], in: text)
        #expect(headlines(sweepKey) == ["<arguments>:1:1: error: 'sweep' cannot be overridden from the command line [invalid-override]"])
    }

    /// The directory label: sorted by path, so that the order on the command line does not matter; a value with no
    /// label (a list) makes the whole label a hash, different for different overrides.
    @Test func labels() throws {
        func label(_ arguments: [String], sweep: Bool = false) -> String? { ConfigOverrides(arguments: arguments, sweep: sweep).label }
        #expect(label(["seed=2", "train.optimizer.lr=0.01"]) == "seed=2,train.optimizer.lr=0.01")
        #expect(label(["train.optimizer.lr=0.01", "seed=2"]) == "seed=2,train.optimizer.lr=0.01")
        #expect(label(["~log.every", "data.noise=0.2"]) == "data.noise=0.2,~log.every")
        #expect(label(["~log.every=3"]) == "~log.every=3")
        #expect(label(["seed=1,2"], sweep: true) == "seed=sweep")
        #expect(label(["train.optimizer={type: adam, lr: 0.001}"]) == "train.optimizer=adam_lr=0.001")
        // One spelling of a node's path: `model.layers.h1` is `model.h1`.
        #expect(label(["model.layers.h1.units=3"]) == "model.h1.units=3")
        // Two settings with one last part are two names, on one command line or on two.
        #expect(label(["model.h1.units=4"]) != label(["model.h2.units=4"]))
        // Values named as they are only when nothing is lost: `a b` and `a_b` are two runs.
        let spaced = label(["description=a b"]), underscored = label(["description=a_b"])
        #expect(underscored == "description=a_b")
        #expect(spaced != underscored)
        #expect(spaced?.range(of: "^overrides-[0-9a-f]{16}$", options: .regularExpression) != nil)
        #expect(label(["description=sweep"]) != label(["description=1,2"], sweep: true))
        // A list, and a label too long to sit beside a 100-character run name in a 255-byte file name: hashed,
        // differently for different values, the same whatever the order or spelling.
        let a = label(["seed=1", "model.init.weight={type: normal, std: [1]}"])
        let b = label(["seed=1", "model.init.weight={type: normal, std: [2]}"])
        #expect(a != b)
        #expect(a == label(["model.init.weight={type: normal, std: [1]}", "seed=1"]))
        #expect(a?.range(of: "^overrides-[0-9a-f]{16}$", options: .regularExpression) != nil)
        let long = (1...9).map { "data.d\($0)_a_rather_long_key=\($0)" }
        let joined = long.sorted().joined(separator: ",")
        #expect(joined.utf8.count > ConfigOverrides.maxLabelBytes)
        #expect(label(long)?.hasPrefix("overrides-") == true)
        #expect(label(Array(long.prefix(4))) == long.prefix(4).sorted().joined(separator: ","))
        #expect(ConfigOverrides.none.label == nil)
    }

    /// Mistakes in the overrides themselves, whatever the config.
    @Test func syntax() {
        func headlines(_ arguments: [String], sweep: Bool = false) -> [String] {
            ConfigOverrides(arguments: arguments, sweep: sweep).diagnostics.map(\.headline)
        }
        #expect(headlines(["a..b=1"]) == ["<arguments>:1:3: error: the override's path holds an empty key [invalid-override]"])
        #expect(headlines(["seed=1", "seed=2"]) == ["<arguments>:2:1: error: 'seed' is overridden twice [invalid-override]"])
        #expect(headlines(["model.h1.units=3", "model.layers.h1.units=5"])
                == ["<arguments>:2:1: error: 'model.h1.units' is overridden twice [invalid-override]"])
        // A '#' after a space would start a YAML comment: refused at the '#', not cut short.
        #expect(headlines(["description=run #2"]) == ["<arguments>:1:17: error: a '#' here would start a YAML comment and cut the value short [invalid-override]"])
        #expect(headlines(["description=#x"]).first?.hasPrefix("<arguments>:1:13: error: a '#' here") == true)
        #expect(headlines(["description=\"run #2\"", "seed=1#2"]) == [])
        // An empty piece of a sweep, and an apostrophe inside a plain value (not a quote).
        #expect(headlines(["seed=1,"], sweep: true) == ["<arguments>:1:8: error: an empty value in the sweep '1,' [invalid-override]"])
        #expect(ConfigOverride.topLevelPieces("it's,b").map(\.text) == ["it's", "b"])
        // Arguments the command line would never hand over as overrides still end in a diagnostic, not a trap.
        for odd in ["+", "~", "++", "++=", "+=", "~=", "=", "", "a=", "é=1", "a.=1", ".a=1"] {
            let result = ConfigOverrides(arguments: [odd], sweep: true)
            #expect(result.diagnostics.count <= 1, "\(odd)")
        }
        #expect(headlines(["seed=[1,"]).count == 1)
        #expect(headlines(["seed=[1,"]).first?.hasPrefix("<arguments>:1:") == true)
        #expect(headlines(["description=two\nlines"]) == ["<arguments>:1:1: error: an override is one line; this one holds a line break [invalid-override]"])
        #expect(ConfigOverrides(arguments: ["seed=1", "data.noise=0.5"], sweep: false).source == "seed=1\ndata.noise=0.5")
    }
}
