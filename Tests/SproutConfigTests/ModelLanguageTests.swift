import Foundation
import SproutConfig
import SproutTestSupport
import Testing

/// A config around a model: xor data (2 features, 2 classes), `layers` as given, an `init` block optional.
func modelConfig(_ layers: String, init initBlock: String = "") -> String {
    "data: {source: xor, samples: 8}\nmodel:\n" + initBlock + "  layers:\n" + layers
        + "train: {loss: cross_entropy, optimizer: {type: sgd, lr: 0.1}, epochs: 1}\n"
}

/// The node types, repeat blocks, graph order and init rules of the model language.
@Suite struct ModelLanguageTests {
    /// PyTorch's defaults: LeakyReLU 0.01, ELU 1.0, GELU 'none', Softplus (1, 20), Dropout 0.5, LayerNorm (1e-5,
    /// True), BatchNorm1d (momentum 0.1, eps 1e-5, True).
    @Test func bareWordsTakePyTorchDefaults() throws {
        let input = MarkedText(modelConfig("""
                - {type: dense, units: 4}
                - leaky_relu
                - elu
                - gelu
                - softplus
                - dropout
                - layer_norm
                - batch_norm
                - selu
                - softsign
                - {type: dense, units: 2}

            """))
        let (spec, headlines, _) = try decode(input)
        #expect(headlines == [])
        let kinds = try #require(spec).model.nodes.map(\.kind)
        #expect(kinds == [.dense(units: 4, bias: true), .leakyRelu(negativeSlope: 0.01), .elu(alpha: 1),
                          .gelu(approximate: .none), .softplus(beta: 1, threshold: 20), .dropout(rate: 0.5),
                          .layerNorm(eps: 1e-5, elementwiseAffine: true),
                          .batchNorm(momentum: 0.1, eps: 1e-5, affine: true), .activation(.selu),
                          .activation(.softsign), .dense(units: 2, bias: true)])
    }

    /// a 8 and b 4 (b reads a): concat [a, b] is 12; add [a, c] with c = dense 8 is 8; the output reads both.
    @Test func widthsFlowThroughMerges() throws {
        let input = MarkedText(modelConfig("""
                - {name: a, type: dense, units: 8}
                - {name: b, type: dense, units: 4}
                - {name: c, type: dense, units: 8, inputs: a}
                - {name: j, type: concat, inputs: [a, b]}
                - {name: s, type: add, inputs: [a, c]}
                - {name: both, type: concat, inputs: [j, s]}
                - {type: dense, units: 2}

            """))
        let (spec, headlines, _) = try decode(input)
        #expect(headlines == [])
        let widths = try #require(spec).model.widths()
        #expect(widths["j"] == 12)
        #expect(widths["s"] == 8)
        #expect(widths["both"] == 20)
    }

    @Test func addNeedsOneWidthAndMergesTwoInputs() throws {
        let input = MarkedText(modelConfig("""
                - {name: a, type: dense, units: 8}
                - {name: b, type: dense, units: 4}
                - 1️⃣{name: s, type: add, inputs: [a, b]}
                - 2️⃣concat
                - {type: dense, units: 2}

            """))
        let (_, headlines, all) = try decode(input)
        // The width error waits for the wiring to be right, so only the count error is reported first.
        #expect(headlines == ["\(input.at(2)): error: node 'concat1' (concat) reads at least 2 inputs, found 1 [input-count]"])
        #expect(all[0].help == ["name them: inputs: [a, b]"])
        let fixed = MarkedText(input.text.replacingOccurrences(of: "- concat", with: "- relu"))
        let (_, fixedHeadlines, _) = try decode(fixed)
        #expect(fixedHeadlines == ["\(input.at(1)): error: node 's' (add) needs inputs of one width: 'a' is 8, 'b' is 4 [add-width-mismatch]"])
    }

    /// stem, then 2 copies of [dense 4, relu], then out: copy 1 reads stem, copy 2 reads copy 1's relu, out reads
    /// copy 2's relu; a local input (`inputs: dense1`) stays within its copy.
    @Test func repeatBlocksExpandWithNestedNames() throws {
        let input = MarkedText(modelConfig("""
                - {name: stem, type: dense, units: 4}
                - {repeat: 2, name: blk, layers: [{type: dense, units: 4}, relu, {name: skip, type: add, inputs: [dense1, relu1]}]}
                - {name: out, type: dense, units: 2}

            """))
        let (spec, headlines, _) = try decode(input)
        #expect(headlines == [])
        let nodes = try #require(spec).model.nodes
        #expect(nodes.map(\.name) == ["stem", "blk1.dense1", "blk1.relu1", "blk1.skip", "blk2.dense1", "blk2.relu1",
                                      "blk2.skip", "out"])
        #expect(nodes.map(\.inputs) == [[], ["stem"], ["blk1.dense1"], ["blk1.dense1", "blk1.relu1"], ["blk1.skip"],
                                        ["blk2.dense1"], ["blk2.dense1", "blk2.relu1"], ["blk2.skip"]])
    }

    @Test func repeatBlocksDoNotNestAndAreBounded() throws {
        let input = MarkedText(modelConfig("""
                - {repeat: 2, name: outer, layers: [1️⃣{repeat: 2, name: inner, layers: [relu]}]}
                - {repeat: 2️⃣1001, name: big, layers: [relu]}
                - {type: dense, units: 2}

            """))
        let (spec, headlines, _) = try decode(input)
        #expect(spec == nil)
        #expect(headlines == [
            "\(input.at(1)): error: repeat blocks cannot be nested [nested-repeat]",
            "\(input.at(2)): error: 'repeat' must be between 1 and 1000, found 1001 [out-of-range]",
        ])
    }

    /// a reads c, b reads a, c reads b: the cycle is named from a, in the direction values flow.
    @Test func cyclesAreNamedInOrder() throws {
        let input = MarkedText(modelConfig("""
                - {type: dense, units: 4}
                - 1️⃣{name: a, type: relu, inputs: c}
                - {name: b, type: tanh}
                - {name: c, type: relu}
                - {type: dense, units: 2, inputs: dense1}

            """))
        let (_, headlines, _) = try decode(input)
        #expect(headlines == ["\(input.at(1)): error: the model graph has a cycle: 'a' -> 'b' -> 'c' -> 'a' [graph-cycle]"])
    }

    /// Own initializer > first matching rule that sets the parameter > model.init.
    @Test func ruleSettingsFollowPrecedence() throws {
        let input = MarkedText(modelConfig("""
                - {name: h1, type: dense, units: 4, weight_init: he_normal}
                - {name: h2, type: dense, units: 4}
                - {name: out, type: dense, units: 2}

            """, init: """
              init:
                weight: lecun_normal
                rules:
                  - {match: "h?", weight: xavier_normal}
                  - {match: "h1", weight: ones, bias: ones}

            """))
        let (spec, headlines, _) = try decode(input)
        #expect(headlines == [])
        let model = try #require(spec).model
        let (h1, h2, out) = (model.nodes[0], model.nodes[1], model.nodes[2])
        #expect(model.weightInit(for: h1) == .kaimingNormal(mode: .fanIn, nonlinearity: .relu, negativeSlope: 0))
        #expect(model.biasInit(for: h1) == .ones)
        #expect(model.weightInit(for: h2) == .xavierNormal(gain: 1))
        #expect(model.biasInit(for: h2) == .zeros)
        #expect(model.weightInit(for: out) == .lecunNormal)
    }

    @Test func globsMatchDotsAndSingleCharacters() {
        #expect(Glob.matches("block*.dense*", "block3.dense1"))
        #expect(Glob.matches("*", "a.b.c"))
        #expect(Glob.matches("h?", "h1"))
        #expect(!Glob.matches("h?", "h12"))
        #expect(!Glob.matches("block*.dense*", "block3.relu1"))
        #expect(Glob.matches("a*b*c", "axxbyyc"))
        #expect(!Glob.matches("a*b*c", "axxbyy"))
    }

    @Test func unmatchedRuleWarns() throws {
        let input = MarkedText(modelConfig("""
                - {name: h, type: dense, units: 4}
                - {type: dense, units: 2}

            """, init: """
              init:
                rules:
                  - 1️⃣{match: "block*", weight: he_normal}

            """))
        let (_, headlines, all) = try decode(input)
        #expect(headlines == ["\(input.at(1)): warning: rule 'block*' matches no dense node [unmatched-init-rule]"])
        #expect(all[0].help == ["'*' matches any characters and '?' one; the dense nodes are: h, dense2"])  // h counts as the first dense
    }

    @Test func reluGainBeforeTanhWarns() throws {
        let input = MarkedText(modelConfig("""
                - 1️⃣{name: h, type: dense, units: 4, weight_init: he_uniform}
                - dropout
                - tanh
                - 2️⃣{name: g, type: dense, units: 4, weight_init: {type: kaiming_normal, nonlinearity: relu}}
                - layer_norm
                - sigmoid
                - {type: dense, units: 2}

            """))
        let (_, headlines, all) = try decode(input)
        // g is followed by a norm, which rescales: no warning for it.
        #expect(headlines == [
            "\(input.at(1)): warning: dense layer 'h' uses kaiming_uniform with relu's gain √2, but 'tanh1' applies tanh [relu-gain-before-squashing]",
        ])
        #expect(all[0].help.last == "use xavier_uniform or xavier_normal, or kaiming with nonlinearity: tanh (gain 5/3)")
        _ = input.at(2)
    }

    /// Through concat the units stay side by side, so a constant next layer keeps them identical; through dropout
    /// the mask tells them apart.
    @Test func constantWeightsThroughMerges() throws {
        let input = MarkedText(modelConfig("""
                - 1️⃣{name: h, type: dense, units: 4, weight_init: zeros}
                - {name: j, type: concat, inputs: [h, h]}
                - {type: dense, units: 2, weight_init: zeros}

            """))
        let (_, _, all) = try decode(input)
        #expect(all.map(\.help.first) == [
            "identical units compute the same output and receive the same gradient, so they stay identical: the layer acts as one unit",
        ])
        let dropped = MarkedText(input.text.replacingOccurrences(of: "{name: j, type: concat, inputs: [h, h]}",
                                                                 with: "{name: d, type: dropout}"))
        let (_, _, droppedAll) = try decode(dropped)
        #expect(droppedAll.map(\.help.first) == [
            "the units compute the same output; only the dropout of 'd' can push them apart",
        ])
    }

    @Test func newInitializersAndConstantness() throws {
        let input = MarkedText(modelConfig("""
                - {type: dense, units: 4, weight_init: {type: truncated_normal, a: 1, b: 1️⃣1}}
                - {type: dense, units: 2, weight_init: 2️⃣sparse}

            """))
        let (_, headlines, _) = try decode(input)
        #expect(headlines == [
            "\(input.at(1)): error: truncated_normal needs a < b, found a 1.0 and b 1.0 [empty-range]",
            "\(input.at(2)): error: initializer 'sparse' needs 'sparsity' [missing-key]",
        ].sorted())
        #expect(InitializerSpec.truncatedNormal(mean: 0, std: 0, a: -2, b: 2).isConstant)
        #expect(!InitializerSpec.orthogonal(gain: 1).isConstant)
        #expect(!InitializerSpec.identity(gain: 1).isConstant)
        #expect(!InitializerSpec.sparse(sparsity: 0.5, std: 0.01).isConstant)
    }
}

/// An initializer's own `seed`: accepted on the random schemes (wrapping them in `.seeded`), refused on the
/// deterministic ones with the reason, written back by the resolved config.
@Suite struct InitializerSeedTests {
    @Test func randomSchemesTakeASeed() throws {
        func weight(_ text: String) throws -> InitializerSpec? {
            try decode(MarkedText(modelConfig("    - {type: dense, units: 2}\n", init: "  init: {weight: \(text)}\n")))
                .spec?.model.weightInit
        }
        #expect(try weight("{type: normal, std: 0.01, seed: 1}") == .seeded(.normal(mean: 0, std: 0.01), seed: 1))
        #expect(try weight("{type: he_normal, seed: 9223372036854775807}")
                == .seeded(.kaimingNormal(mode: .fanIn, nonlinearity: .relu, negativeSlope: 0), seed: UInt64(Int64.max)))
        #expect(try weight("{type: lecun_uniform, seed: 0}") == .seeded(.lecunUniform, seed: 0))
        #expect(try weight("{type: orthogonal, seed: 2}") == .seeded(.orthogonal(gain: 1), seed: 2))
        #expect(try weight("{type: xavier_uniform}") == .xavierUniform(gain: 1))
        #expect(try weight("{type: normal, std: 0.01, seed: 1}")?.canonicalName == "normal")
        #expect(try weight("{type: he_uniform, seed: 1}")?.usesReluGain == true)
    }

    @Test func deterministicSchemesRefuseASeed() throws {
        let input = MarkedText(modelConfig("""
                - {type: dense, units: 4, weight_init: {type: zeros, 1️⃣seed: 1}, bias_init: {type: constant, value: 1, 2️⃣seed: 1}}
                - {type: dense, units: 4, weight_init: {type: identity, 3️⃣seed: 1}}
                - {type: dense, units: 2, weight_init: {type: normal, seed: 4️⃣-1}}

            """))
        let (spec, headlines, all) = try decode(input)
        #expect(spec == nil)
        #expect(headlines == [
            "\(input.at(1)): error: initializer 'zeros' has no parameter 'seed' [unknown-key]",
            "\(input.at(2)): error: initializer 'constant' has no parameter 'seed' [unknown-key]",
            "\(input.at(3)): error: initializer 'identity' has no parameter 'seed' [unknown-key]",
            "\(input.at(4)): error: 'seed' must be at least 0, found -1 [out-of-range]",
        ])
        let reason = "a seed picks random draws, and this initializer makes none: only the random ones take a seed"
        #expect(all.prefix(3).map(\.help) == [
            ["zeros takes no parameters", reason], ["constant takes 'value'", reason], ["identity takes 'gain'", reason],
        ])
    }

    @Test func resolvedConfigWritesTheSeedAndRoundTrips() throws {
        let text = modelConfig("""
                - {name: a, type: dense, units: 4, weight_init: {type: lecun_normal, seed: 3}}
                - {name: b, type: dense, units: 2}

            """, init: "  init: {weight: {type: he_uniform, seed: 5}, bias: {type: uniform, low: -1, high: 1, seed: 6}}\n")
        let spec = try #require(try decode(MarkedText(text)).spec)
        let resolved = ResolvedConfig.yaml(spec)
        #expect(resolved.contains("weight_init: {type: lecun_normal, seed: 3}"))
        #expect(resolved.contains("weight: {type: kaiming_uniform, mode: fan_in, nonlinearity: relu, seed: 5}"))
        #expect(resolved.contains("bias: {type: uniform, low: -1.0, high: 1.0, seed: 6}"))
        let again = try #require(try decode(MarkedText(resolved)).spec)
        #expect(again.model.weightInit(for: again.model.nodes[0]) == .seeded(.lecunNormal, seed: 3))
        #expect(ResolvedConfig.yaml(again) == resolved)
    }
}
