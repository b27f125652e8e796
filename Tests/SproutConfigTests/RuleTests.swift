import Foundation
import SproutConfig
import SproutTestSupport
import Testing

/// Names, graph wiring, float32 range and memory: the rules that keep a config from running into a wall.
@Suite struct RuleTests {
    @Test func nodeNamesCannotHoldDots() throws {
        let input = MarkedText(validXOR.replacingOccurrences(of: "{name: hidden,", with: "{name: 1️⃣hid.den,"))
        let (spec, headlines, _) = try decode(input)
        #expect(spec == nil)
        #expect(headlines == ["\(input.at(1)): error: node name 'hid.den' must be letters, digits, '_' or '-' [invalid-node-name]"])
    }

    @Test func runNameFromAnInvalidStemIsAnErrorAboutTheFile() throws {
        let (spec, headlines, _) = try decode(MarkedText(validXOR), name: "my run")
        #expect(spec == nil)
        // No position in the file to point at: the headline names the file only.
        #expect(headlines == [" error: the file name 'my run' cannot be a run name [invalid-run-name]"])
    }

    @Test func explicitRunNameIsChecked() throws {
        let input = MarkedText("name: 1️⃣../escape\n" + validXOR)
        let (_, headlines, _) = try decode(input)
        #expect(headlines == [
            "\(input.at(1)): error: 'name' must be letters, digits, '-', '_' or '.', not starting with '.', found '../escape' [invalid-run-name]",
        ])
    }

    @Test func emptyInputsBiasInitWithoutBiasAndStraySlope() throws {
        let input = MarkedText("""
            data: {source: xor}
            model:
              layers:
                - {name: a, type: dense, units: 4, bias: false, bias_init: 1️⃣ones}
                - {type: tanh, inputs: 2️⃣[]}
                - {type: dense, units: 2, weight_init: {type: kaiming_normal, nonlinearity: relu, negative_slope: 3️⃣0.1}}
            train: {loss: cross_entropy, optimizer: {type: sgd, lr: 0.1}, epochs: 1}
            """)
        let (spec, headlines, _) = try decode(input)
        #expect(spec == nil)
        #expect(headlines == [
            "\(input.at(1)): error: 'bias_init' is set but this layer has no bias (bias: false) [inapplicable-setting]",
            "\(input.at(2)): error: 'inputs' is empty [empty-list]",
            "\(input.at(3)): error: 'negative_slope' only applies to nonlinearity leaky_relu, not relu [inapplicable-setting]",
        ])
    }

    @Test func numbersMustFitFloat32() throws {
        let input = MarkedText(validXOR
            .replacingOccurrences(of: "samples: 8}", with: "samples: 8, noise: 1️⃣1e39}")
            .replacingOccurrences(of: "  layers:", with: "  init: {weight: {type: uniform, low: -3e38, high: 2️⃣3e38}}\n  layers:"))
        let (_, headlines, _) = try decode(input)
        #expect(headlines == [
            "\(input.at(1)): error: 'noise' is too large for float32 (at most 3.4028235e+38), found 1e39 [out-of-range]",
            "\(input.at(2)): error: uniform's range high - low is too wide for float32 [out-of-range]",
        ])
    }

    @Test func normalWithZeroStdIsAConstant() throws {
        let input = MarkedText(validXOR
            .replacingOccurrences(of: "  layers:", with: "  init: {weight: {type: normal, std: 0}}\n  layers:")
            .replacingOccurrences(of: "    - {name: hidden", with: "    - 1️⃣{name: hidden"))
        let (_, headlines, _) = try decode(input)
        #expect(headlines == ["\(input.at(1)): warning: every unit of dense layer 'hidden' starts with the same weights (normal) [symmetric-init]"])
    }

    /// 2 inputs, dense 50 000, dense 2; batch_size = samples = n. By the documented estimate: parameters
    /// 2·50 000 + 50 000 + 50 000·2 + 2 = 250 002; widths per example 2 + 50 000 + 2 = 50 004.
    /// n = 20 000: 4·(3·250 002 + 2·20 000·50 004 + 20 000·3) = 8 003 880 024 bytes, under 8 GiB (8 589 934 592).
    /// n = 25 000: 4·(750 006 + 2·25 000·50 004 + 75 000) = 10 004 100 024 bytes = 9.3 GiB, over.
    @Test func memoryEstimateIsChecked() throws {
        func config(_ n: Int) -> String {
            """
            data: {source: xor, samples: \(n)}
            model:
              layers: [{type: dense, units: 50000}, {type: dense, units: 2}]
            train: {loss: cross_entropy, optimizer: {type: sgd, lr: 0.1}, epochs: 1, batch_size: \(n)}
            """
        }
        #expect(try decode(MarkedText(config(20_000))).headlines == [])
        let (spec, headlines, all) = try decode(MarkedText(config(25_000)))
        #expect(spec == nil)
        #expect(headlines == ["3:3: error: this experiment needs about 9.3 GiB of memory, more than Sprout's limit of 8.0 GiB [memory-limit]"])
        #expect(all.first?.help == ["250002 parameters; batch_size 25000: make the layers narrower or the batch smaller"])
    }

    @Test func outputAndInputsAreRead() throws {
        let input = MarkedText("""
            data: {source: xor}
            model:
              output: logits
              layers:
                - {name: h, type: dense, units: 3}
                - {name: logits, type: dense, units: 2}
                - 1️⃣{name: unused, type: relu, inputs: [h]}
            train: {loss: cross_entropy, optimizer: {type: sgd, lr: 0.1}, epochs: 1}
            """)
        let (decoded, headlines, _) = try decode(input)
        let spec = try #require(decoded)
        #expect(spec.model.output == "logits")
        #expect(spec.model.nodes.map(\.inputs) == [[], ["h"], ["h"]])
        #expect(headlines == ["\(input.at(1)): warning: node 'unused' does not lead to the output 'logits', so it has no effect [unused-node]"])
    }
}

/// YAML problems and config problems of one file come out together.
@Suite struct LoaderTests {
    @Test func yamlAndConfigProblemsInOnePass() throws {
        let input = MarkedText("""
            seed: 1️⃣99999999999999999999
            data: {source: xor}
            model: {layers: [{type: dense, units: 2}]}
            train: {loss: cross_entropy, optimizer: {type: sgd, lr: 2️⃣.nan}, epochs: 1}
            3️⃣seed: 2

            """)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sprout-loader-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("mixed.yaml").path
        try input.text.write(toFile: path, atomically: true, encoding: .utf8)
        let result = ConfigLoader.load(path: path)
        #expect(result.spec == nil)
        // The overflowing seed is reported once, by the YAML layer; the decoder's complaint about the placeholder
        // left in its place is dropped.
        #expect(result.diagnostics.map(\.headline) == [
            "\(input.location(1, in: path)): error: integer 99999999999999999999 does not fit in 64 bits [integer-overflow]",
            "\(input.location(2, in: path)): error: 'lr' must be finite, found .nan [not-finite]",
            "\(input.location(3, in: path)): error: duplicate key 'seed' [duplicate-key]",
        ])
        #expect(result.source == input.text)
    }
}
