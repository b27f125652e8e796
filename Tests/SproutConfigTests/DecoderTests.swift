import SproutConfig
import SproutTestSupport
import Testing

@Suite struct DecoderTests {
    @Test func defaultsAreFilledIn() throws {
        let (spec, headlines, _) = try decode(MarkedText(validXOR), name: "stem")
        #expect(headlines == [])
        let s = try #require(spec)
        #expect(s.name == "stem")
        #expect(s.seed == 0)
        #expect(s.train.batchSize == 32)
        #expect(s.log.every == 1)
        #expect(s.train.optimizer == .sgd(lr: 0.1, momentum: 0, nesterov: false, weightDecay: 0))
        #expect(s.data.source == .xor(samples: 8, noise: 0.1))
        #expect(s.model.inputWidth == 2)
        #expect(s.model.output == "out")
        // PyTorch's nn.Linear default weight initializer: kaiming_uniform(a = sqrt 5).
        #expect(s.model.weightInit == .kaimingUniform(mode: .fanIn, nonlinearity: .leakyRelu, negativeSlope: 5.0.squareRoot()))
        #expect(s.model.biasInit == .zeros)
    }

    @Test func unnamedNodesAreNumberedPerType() throws {
        let input = MarkedText("""
            data: {source: xor}
            model:
              layers: [{type: dense, units: 3}, tanh, {type: dense, units: 3}, tanh, {type: dense, units: 2}]
            train: {loss: cross_entropy, optimizer: {type: sgd, lr: 0.1}, epochs: 1}
            """)
        let spec = try #require(try decode(input).spec)
        #expect(spec.model.nodes.map(\.name) == ["dense1", "tanh1", "dense2", "tanh2", "dense3"])
        #expect(spec.model.nodes.map(\.inputs) == [[], ["dense1"], ["tanh1"], ["dense2"], ["tanh2"]])
    }

    @Test func everyMistakeOfAFileInOnePass() throws {
        let input = MarkedText("""
            1️⃣nmae: x
            data: {source: xor, samples: 2️⃣2}
            model:
              layers:
                - {type: dense, units: 3️⃣0}
                - {type: dense, units: 2, weight_init: {type: constant, value: 1, 5️⃣std: 2}}
            train: {loss: 6️⃣crossentropy, optimizer: {type: sgd, lr: 0.1, nesterov: 7️⃣true}, epochs: 1}
            """)
        let (spec, headlines, all) = try decode(input)
        #expect(spec == nil)
        #expect(headlines == [
            "\(input.at(1)): error: unknown key 'nmae' in the config [unknown-key]",
            "\(input.at(2)): error: 'samples' must be between 4 and 10000000, found 2 [out-of-range]",
            "\(input.at(3)): error: 'units' must be at least 1, found 0 [out-of-range]",
            "\(input.at(5)): error: initializer 'constant' has no parameter 'std' [unknown-key]",
            "\(input.at(6)): error: unknown loss 'crossentropy' [unknown-choice]",
            "\(input.at(7)): error: nesterov needs a momentum greater than 0 [nesterov-without-momentum]",
        ])
        #expect(all[0].help == ["did you mean 'name'?"])
        #expect(all[3].help == ["constant takes 'value'"])
        #expect(all[4].help == ["did you mean 'cross_entropy'?"])
    }

    @Test func yamlOneOneBooleansGetAHint() throws {
        let input = MarkedText(validXOR.replacingOccurrences(
            of: "optimizer: {type: sgd, lr: 0.1}", with: "optimizer: {type: sgd, lr: 0.1, momentum: 0.9, nesterov: 1️⃣yes}"))
        let (_, headlines, all) = try decode(input)
        #expect(headlines == ["\(input.at(1)): error: 'nesterov' must be true or false, found a string [type-mismatch]"])
        #expect(all.first?.help == ["YAML 1.2 reads 'yes' as a string; write true or false"])
    }

    @Test func outputWidthMustMatchTheClasses() throws {
        let input = MarkedText(validXOR.replacingOccurrences(
            of: "    - {name: out, type: dense, units: 2}", with: "    1️⃣- {name: out, type: dense, units: 3}")
            .replacingOccurrences(of: "1️⃣- ", with: "- 1️⃣"))
        let (spec, headlines, _) = try decode(input)
        #expect(spec == nil)
        #expect(headlines == [
            "\(input.at(1)): error: the output node 'out' has 3 units, but cross_entropy over this data needs 2 (one per class) [output-width-mismatch]",
        ])
    }

    @Test func graphMistakes() throws {
        let input = MarkedText("""
            data: {source: xor}
            model:
              layers:
                - 2️⃣{name: a, type: dense, units: 2}
                - 1️⃣{name: a, type: tanh}
                - {name: b, type: relu, inputs: c}
                - 3️⃣{name: c, type: relu, inputs: aa}
            train: {loss: cross_entropy, optimizer: {type: sgd, lr: 0.1}, epochs: 1}
            """)
        let (spec, headlines, all) = try decode(input)
        #expect(spec == nil)
        #expect(headlines == [
            "\(input.at(1)): error: duplicate node name 'a' [duplicate-node]",
            "\(input.at(3)): error: node 'c' reads unknown node 'aa' [unknown-node]",
        ])
        // The first 'a' is the note's own location, not "line 4" in the message.
        #expect(all[0].notes.map(\.message) == ["'a' is first used here"])
        #expect(all[0].notes.map { $0.location.map { "\($0.line):\($0.column)" } } == [input.at(2)])
        // b reads c, written after it: legal since inputs may name any node (only a cycle is an error).
        #expect(all[1].help == ["did you mean 'a'?"])
    }

    /// The first 50 unknown inputs of a model get a did-you-mean searched among all its nodes; the rest get the
    /// list of its first 20 nodes, unsearched, so that a model of thousands of nodes each reading an unknown one is
    /// not quadratic (Fuzz/regressions/slow-unknown-inputs.yaml took minutes).
    @Test func didYouMeanSearchesForUnknownInputsAreBounded() throws {
        // first0 ... first19, then later20 ... later79, each of those reading a misspelling of its own name.
        let layers = (0..<20).map { "    - {name: first\($0), type: dense, units: 2}" }
            + (20..<80).map { "    - {name: later\($0), type: dense, units: 2, inputs: [latre\($0)]}" }
        let input = MarkedText("data: {source: xor}\nmodel:\n  layers:\n" + layers.joined(separator: "\n")
                               + "\ntrain: {loss: cross_entropy, optimizer: {type: sgd, lr: 0.1}, epochs: 1}\n")
        let (spec, headlines, all) = try decode(input)
        #expect(spec == nil)
        #expect(headlines.count == 60)
        #expect(headlines.first == "24:7: error: node 'later20' reads unknown node 'latre20' [unknown-node]")
        // The first 50 are searched among all 80 nodes and find their own name, nearest first.
        for (offset, diagnostic) in all.prefix(50).enumerated() {
            #expect(diagnostic.help.first?.hasPrefix("did you mean") == true
                    && diagnostic.help.first?.contains("'later\(20 + offset)'") == true, "\(diagnostic.help)")
        }
        // The rest are measured against the first 20 nodes only, none of which is near.
        let firstTwenty = (0..<20).map { "first\($0)" }.joined(separator: ", ")
        for diagnostic in all.dropFirst(50) {
            #expect(diagnostic.help == ["valid nodes: " + firstTwenty])
        }
    }

    @Test func constantWeightsWarnAndSayWhy() throws {
        // Hidden layer constant, output layer random: the units start identical; the output layer's distinct
        // columns give them different gradients.
        let input = MarkedText(validXOR.replacingOccurrences(
            of: "    - {name: hidden, type: dense, units: 4}",
            with: "    - 1️⃣{name: hidden, type: dense, units: 4, weight_init: zeros}"))
        let (spec, headlines, all) = try decode(input)
        #expect(spec != nil)
        #expect(headlines == [
            "\(input.at(1)): warning: every unit of dense layer 'hidden' starts with the same weights (zeros) [symmetric-init]",
        ])
        #expect(all.first?.help.first == "the units compute the same output; only the random weights of 'out' can push them apart")
    }

    @Test func constantEverywhereStaysIdentical() throws {
        // Both layers constant: the output layer's columns stay equal, so the hidden units never separate. The
        // output layer itself is not warned about: its units are told apart by their targets.
        let input = MarkedText(validXOR.replacingOccurrences(of: "  layers:", with: "  init: {weight: {type: constant, value: 0.3}}\n  layers:")
            .replacingOccurrences(of: "    - {name: hidden", with: "    - 1️⃣{name: hidden"))
        let (spec, headlines, all) = try decode(input)
        #expect(spec != nil)
        #expect(headlines == [
            "\(input.at(1)): warning: every unit of dense layer 'hidden' starts with the same weights (constant) [symmetric-init]",
        ])
        #expect(all.first?.help.first?.contains("receive the same gradient, so they stay identical") == true)
    }

    @Test func initializerAliasesAndParameters() throws {
        func weight(_ text: String) throws -> InitializerSpec? {
            let yaml = validXOR.replacingOccurrences(of: "  layers:", with: "  init: {weight: \(text)}\n  layers:")
            return try decode(MarkedText(yaml)).spec?.model.weightInit
        }
        #expect(try weight("he_normal") == .kaimingNormal(mode: .fanIn, nonlinearity: .relu, negativeSlope: 0))
        #expect(try weight("glorot_uniform") == .xavierUniform(gain: 1))
        #expect(try weight("{type: xavier_normal, gain: 2}") == .xavierNormal(gain: 2))
        #expect(try weight("{type: kaiming_uniform, mode: fan_out, nonlinearity: tanh}")
                == .kaimingUniform(mode: .fanOut, nonlinearity: .tanh, negativeSlope: 0))
        #expect(try weight("{type: normal, std: 0.01}") == .normal(mean: 0, std: 0.01))
        #expect(try weight("{type: uniform, low: -1, high: 1}") == .uniform(low: -1, high: 1))
        #expect(try weight("{type: uniform, low: 1, high: 1}") == nil)
        #expect(try weight("{type: normal, std: -1}") == nil)
        #expect(try weight("xavier_unifrom") == nil)
    }
}

@Suite struct SuggestionTests {
    @Test(arguments: [("kitten", "sitting", 3), ("", "abc", 3), ("abc", "abc", 0), ("dence", "dense", 1),
                      ("epoch", "epochs", 1), ("flaw", "lawn", 2),
                      // A swap of two neighbours is one edit (optimal string alignment), the commonest typo.
                      ("nmae", "name", 1), ("ab", "ba", 1), ("ca", "abc", 3)])
    func editDistance(a: String, b: String, distance: Int) {
        #expect(Suggestions.editDistance(a, b) == distance)
        #expect(Suggestions.editDistance(b, a) == distance)
    }

    @Test func closestKeepsAtMostThreeNearestFirst() {
        #expect(Suggestions.closest(to: "lr", among: ["lr", "momentum"]) == ["lr"])
        #expect(Suggestions.closest(to: "relu", among: ["tanh", "selu", "gelu", "elu", "relu6"])
                == ["selu", "gelu", "elu"])
        #expect(Suggestions.closest(to: "banana", among: ["dense", "tanh"]) == [])
        #expect(Suggestions.help(for: "banana", among: ["dense", "tanh"], kind: "types") == "valid types: dense, tanh")
    }
}
