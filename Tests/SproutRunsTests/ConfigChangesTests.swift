import Foundation
import SproutConfig
import SproutRuns
import Testing

/// `ConfigChanges.between` on resolved configs: written texts with every expected change stated by hand, and the
/// real `ResolvedConfig.yaml` of two loaded configs.
@Suite struct ConfigChangesTests {
    /// A resolved config as `ResolvedConfig.yaml` writes it (that of configs/xor.yaml); tests edit lines of it.
    static let base = """
        name: xor
        description: "A 2-8-2 tanh network learns XOR."
        seed: 1
        data:
          source: xor
          samples: 200
          noise: 0.1
          validation: 0.0
          normalize: none
          shuffle: true
        model:
          input_width: 2
          output: out
          init:
            weight: {type: xavier_uniform, gain: 1.0}
            bias: zeros
          layers:
            - {name: hidden, type: dense, units: 8, bias: true, weight_init: {type: xavier_uniform, gain: 1.0}, bias_init: zeros}
            - {name: tanh1, type: tanh, inputs: [hidden]}
            - {name: out, type: dense, inputs: [tanh1], units: 2, bias: true, weight_init: {type: xavier_uniform, gain: 1.0}, bias_init: zeros}
        train:
          loss: cross_entropy
          optimizer: {type: sgd, lr: 0.1, momentum: 0.9, nesterov: false, weight_decay: 0.0}
          epochs: 100
          batch_size: 16
          schedule: {type: constant, warmup_epochs: 0}
          threads: 1
        log:
          every: 10
          layers: true
          checkpoints: {init: true, final: true, every: 0}

        """

    /// `base` with the line containing `line` replaced by `lines` (which must be found exactly once).
    static func edited(_ line: String, _ lines: String...) throws -> String {
        var all = base.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let found = all.indices.filter { all[$0].contains(line) }
        try #require(found.count == 1, "'\(line)' is on \(found.count) lines")
        all.replaceSubrange(found[0]...found[0], with: lines)
        return all.joined(separator: "\n")
    }

    static func changes(_ old: String, _ new: String) throws -> [ConfigChange] {
        try #require(ConfigChanges.between(old, new))
    }

    @Test func aLearningRateEdit() throws {
        let changes = try Self.changes(Self.base, try Self.edited("optimizer:",
            "  optimizer: {type: sgd, lr: 0.05, momentum: 0.9, nesterov: false, weight_decay: 0.0}"))
        #expect(changes == [ConfigChange(key: "train.optimizer.lr", old: "0.1", new: "0.05")])
        #expect(changes.map(\.description) == ["train.optimizer.lr 0.1 -> 0.05"])
    }

    @Test func aLayersUnitsAreNamedByTheLayersName() throws {
        let changes = try Self.changes(Self.base, try Self.edited("{name: hidden,",
            "    - {name: hidden, type: dense, units: 16, bias: true, weight_init: {type: xavier_uniform, gain: 1.0}, bias_init: zeros}"))
        #expect(changes.map(\.description) == ["model.layers.hidden.units 8 -> 16"])
    }

    /// A layer inserted in the middle is one added item plus the next layer's inputs, not every later layer
    /// shifted by one place.
    @Test func anAddedLayerIsNamedOnce() throws {
        let new = try Self.edited("{name: tanh1,",
            "    - {name: hidden2, type: dense, inputs: [hidden], units: 4, bias: false, weight_init: zeros}",
            "    - {name: tanh1, type: tanh, inputs: [hidden2]}")
        let changes = try Self.changes(Self.base, new)
        #expect(changes == [
            ConfigChange(key: "model.layers.hidden2", old: nil,
                         new: "{name: hidden2, type: dense, inputs: [hidden], units: 4, bias: false, weight_init: zeros}"),
            ConfigChange(key: "model.layers.tanh1.inputs", old: "[hidden]", new: "[hidden2]"),
        ])
        #expect(changes.map(\.description) == [
            "model.layers.hidden2 (none) -> {name: hidden2, type: dense, inputs: [hidden], units: 4, ...}",
            "model.layers.tanh1.inputs [hidden] -> [hidden2]",
        ])
        // Removed the other way round: the layer's whole old value, and nothing is added.
        #expect(try Self.changes(new, Self.base).map(\.description) == [
            "model.layers.tanh1.inputs [hidden2] -> [hidden]",
            "model.layers.hidden2 {name: hidden2, type: dense, inputs: [hidden], units: 4, ...} -> (none)",
        ])
    }

    /// Layers the two configs share, in another order: the order once, under the list's own key.
    @Test func reorderedLayersAreOneOrderChange() throws {
        let old = """
            model:
              layers:
                - {name: a, type: dense, units: 2}
                - {name: b, type: tanh}
                - {name: c, type: relu}
            """
        let new = """
            model:
              layers:
                - {name: a, type: dense, units: 2}
                - {name: c, type: relu}
                - {name: b, type: tanh}
            """
        #expect(try Self.changes(old, new) == [ConfigChange(key: "model.layers", old: "[a, b, c]", new: "[a, c, b]")])
    }

    /// sgd -> adam: the type, the settings that differ or only adam has in adam's order, then sgd's own;
    /// `weight_decay`, 0.0 in both, is not a change.
    @Test func anOptimizerSwappedForAnother() throws {
        let changes = try Self.changes(Self.base, try Self.edited("optimizer:",
            "  optimizer: {type: adam, lr: 0.001, beta1: 0.9, beta2: 0.999, eps: 1e-08, weight_decay: 0.0, amsgrad: false}"))
        #expect(changes.map(\.description) == [
            "train.optimizer.type sgd -> adam",
            "train.optimizer.lr 0.1 -> 0.001",
            "train.optimizer.beta1 (none) -> 0.9",
            "train.optimizer.beta2 (none) -> 0.999",
            "train.optimizer.eps (none) -> 1e-08",
            "train.optimizer.amsgrad (none) -> false",
            "train.optimizer.momentum 0.9 -> (none)",
            "train.optimizer.nesterov false -> (none)",
        ])
    }

    @Test func earlyStoppingAdded() throws {
        let changes = try Self.changes(Self.base, try Self.edited("threads:",
            "  early_stopping: {metric: val_loss, mode: min, patience: 5, min_delta: 0.0}", "  threads: 1"))
        #expect(changes == [ConfigChange(key: "train.early_stopping", old: nil,
                                         new: "{metric: val_loss, mode: min, patience: 5, min_delta: 0.0}")])
    }

    @Test func identicalTextsHaveNoChanges() throws {
        #expect(try Self.changes(Self.base, Self.base).isEmpty)
        // Another spelling of the same values is not a change: plain and quoted strings, 0.1 and 0.10.
        #expect(try Self.changes("a: {b: x, c: 0.1}", "a: {b: \"x\", c: 0.10}").isEmpty)
    }

    @Test func unparseableTextsHaveNoAnswer() {
        #expect(ConfigChanges.between(Self.base, "train: {lr: [0.1") == nil)
        #expect(ConfigChanges.between("a: b\na: c", Self.base) == nil)
        #expect(ConfigChanges.between("- a list", Self.base) == nil)
    }

    /// `name` and `variant` only choose the directory; `description` and `log` are shown.
    @Test func nameAndVariantAreLeftOut() throws {
        let renamed = try Self.edited("name: xor", "name: other", "variant: lr=0.05")
        #expect(try Self.changes(Self.base, renamed).isEmpty)
        let described = try Self.edited("description:", "description: \"Two changes\"", "variant: b")
        #expect(try Self.changes(renamed, try Self.edited("every: 10", "  every: 5")).map(\.description)
                == ["log.every 10 -> 5"])
        #expect(try Self.changes(Self.base, described).map(\.description)
                == ["description \"A 2-8-2 tanh network learns XOR.\" -> \"Two changes\""])
    }

    /// Unnamed list items by index; a kind change (a word to a mapping) as whole values; a string `"16"` is not
    /// the number 16.
    @Test func rulesByIndexAndKindChanges() throws {
        let old = "init:\n  bias: zeros\n  rules: [{match: \"h*\", weight: ones}]\ncolumn: 16\n"
        let new = "init:\n  bias: {type: constant, value: 0.1}\n  rules: [{match: \"h*\", weight: zeros}, {match: out, bias: ones}]\ncolumn: \"16\"\n"
        #expect(try Self.changes(old, new).map(\.description) == [
            "init.bias zeros -> {type: constant, value: 0.1}",
            "init.rules[0].weight ones -> zeros",
            "init.rules[1] (none) -> {match: out, bias: ones}",
            "column 16 -> \"16\"",
        ])
    }

    /// Long sides keep their first top-level entries; commas inside nested values and strings are not cut points.
    @Test func longSidesAreShortened() {
        let text = "{name: \"a, b\", type: dense, weight_init: {type: normal, mean: 0.0, std: 0.01}, bias_init: zeros}"
        #expect(ConfigChange(key: "k", old: nil, new: text).description
                == "k (none) -> {name: \"a, b\", type: dense, ...}")
        let one = "{name: \"" + String(repeating: "x", count: 80) + "\"}"
        #expect(ConfigChange(key: "k", old: one, new: "1").description == "k \(one) -> 1")
        // A long quoted string (a description) keeps what fits, never half an escape; a plain one (a path) stays.
        let a66 = String(repeating: "a", count: 66)
        #expect(ConfigChange(key: "d", old: "\"\(a66)\\nbbbbbbbbbb\"", new: nil).description
                == "d \"\(a66)...\" -> (none)")
        let path = "/" + String(repeating: "p", count: 100)
        #expect(ConfigChange(key: "p", old: path, new: "/q").description == "p \(path) -> /q")
    }

    /// The real resolved format: two configs written to files, loaded by `ConfigLoader`, resolved by
    /// `ResolvedConfig.yaml`, compared.
    @Test func realResolvedConfigs() throws {
        let old = try Self.resolved("""
            name: fruit
            data: {source: xor, samples: 64}
            model:
              layers:
                - {name: hidden, type: dense, units: 16}
                - tanh
                - {name: out, type: dense, units: 2}
            train: {loss: cross_entropy, optimizer: {type: sgd, lr: 0.1}, epochs: 5}
            """)
        let new = try Self.resolved("""
            name: fruit
            description: wider
            data: {source: xor, samples: 64}
            model:
              layers:
                - {name: hidden, type: dense, units: 32, weight_init: zeros}
                - tanh
                - {name: out, type: dense, units: 2}
            train:
              loss: cross_entropy
              optimizer: {type: sgd, lr: 0.05}
              epochs: 5
              early_stopping: {metric: train_loss, patience: 5}
            """)
        let changes = try #require(ConfigChanges.between(old, new))
        #expect(changes.map(\.description) == [
            "description (none) -> wider",
            "model.layers.hidden.units 16 -> 32",
            "model.layers.hidden.weight_init {type: kaiming_uniform, mode: fan_in, nonlinearity: leaky_relu, ...} -> zeros",
            "train.optimizer.lr 0.1 -> 0.05",
            // Five settings: the first four shown, as for weight_init.
            "train.early_stopping (none) -> {metric: train_loss, mode: min, patience: 5, min_delta: 0.0, ...}",
        ])
        #expect(ConfigChanges.between(new, new) == [])
    }

    /// A repeat block's body, in the real format: the block by its name, its layers by their local names.
    @Test func realRepeatBlocks() throws {
        func config(repeat count: Int, units: Int) -> String {
            """
            data: {source: xor, samples: 64}
            model:
              layers:
                - {name: stem, type: dense, units: 4}
                - repeat: \(count)
                  name: block
                  layers:
                    - {type: dense, units: \(units)}
                    - tanh
                - {name: out, type: dense, units: 2}
            train: {loss: cross_entropy, optimizer: {type: sgd, lr: 0.1}, epochs: 5}
            """
        }
        let changes = try #require(ConfigChanges.between(try Self.resolved(config(repeat: 2, units: 4)),
                                                         try Self.resolved(config(repeat: 3, units: 8))))
        #expect(changes.map(\.description) == [
            "model.layers.block.repeat 2 -> 3",
            "model.layers.block.layers.dense1.units 4 -> 8",
            "model.layers.out.inputs [block2.tanh1] -> [block3.tanh1]",
        ])
    }

    /// `ResolvedConfig.yaml` of the config `text`, loaded from a scratch file as `sprout run` loads it.
    static func resolved(_ text: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sprout-changes-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("config.yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let loaded = ConfigLoader.load(path: path)
        let spec = try #require(loaded.spec, "\(loaded.diagnostics.map(\.message))")
        return ResolvedConfig.yaml(spec)
    }
}
