import SproutConfig
import SproutShapes
import SproutTestSupport
import Testing

/// The resolved config (`sprout show`, a run's config.yaml, the fingerprint's text) of the image language: every
/// setting of every image node written out and read back to the same model, `data.shape` written for images, and
/// the text of a config without images exactly as before images existed, so that no fingerprint changes.
@Suite struct ImageResolvedConfigTests {
    /// Every image node with every setting off its default somewhere; shapes by PyTorch's formula:
    ///   c   same 3x3 on [1, 8, 8]                                       -> [4, 8, 8]
    ///   g   height: kernel 3 dilated by 2 (span 5), pad 1: 8 + 2 - 5 + 1 = 6; width: kernel 1, stride 2:
    ///       (8 - 1) / 2 + 1 = 4                                         -> [4, 6, 4]
    ///   m   kernel 2 dilated by 2 (span 3), stride 1, pad 1: 6 + 2 - 3 + 1 = 6, 4 + 2 - 3 + 1 = 4 -> [4, 6, 4]
    ///   a   kernel [2, 1], stride = kernel, pad [1, 0]: (6 + 2 - 2) / 2 + 1 = 4, 4            -> [4, 4, 4]
    ///   gap [4]; f [64]; j [68]; out [10]
    static let text = """
        data: {source: digits, shape: [1, 8, 8]}
        model:
          init: {weight: xavier_uniform}
          layers:
            - {name: c, type: conv2d, filters: 4, kernel_size: 3, padding: same, weight_init: dirac}
            - {name: g, type: conv2d, filters: 4, kernel_size: [3, 1], stride: [1, 2], padding: [1, 0], dilation: [2, 1], groups: 2, bias: false}
            - {name: m, type: max_pool2d, kernel_size: 2, stride: 1, padding: 1, dilation: 2}
            - {name: a, type: avg_pool2d, kernel_size: [2, 1], padding: [1, 0], count_include_pad: false}
            - {name: gap, type: global_avg_pool}
            - {name: f, type: flatten, inputs: a}
            - {name: j, type: concat, inputs: [gap, f]}
            - {name: out, type: dense, units: 10}
        train: {loss: cross_entropy, optimizer: {type: sgd, lr: 0.1}, epochs: 1}

        """

    /// The node lines as docs/config.md's resolved form has them: name, type, inputs (all but the first node's),
    /// then every setting in the schema's order, pairs as one number when both axes agree; initializers resolved.
    @Test func everySettingIsWrittenOut() throws {
        let (spec, headlines, _) = try decode(MarkedText(Self.text))
        #expect(headlines == [])
        let resolved = ResolvedConfig.yaml(try #require(spec))
        let xavier = "{type: xavier_uniform, gain: 1.0}"
        let expected = [
            "    - {name: c, type: conv2d, filters: 4, kernel_size: 3, stride: 1, padding: same, dilation: 1, groups: 1, bias: true, weight_init: dirac, bias_init: zeros}",
            "    - {name: g, type: conv2d, inputs: [c], filters: 4, kernel_size: [3, 1], stride: [1, 2], padding: [1, 0], dilation: [2, 1], groups: 2, bias: false, weight_init: \(xavier)}",
            "    - {name: m, type: max_pool2d, inputs: [g], kernel_size: 2, stride: 1, padding: 1, dilation: 2}",
            "    - {name: a, type: avg_pool2d, inputs: [m], kernel_size: [2, 1], stride: [2, 1], padding: [1, 0], count_include_pad: false}",
            "    - {name: gap, type: global_avg_pool, inputs: [a]}",
            "    - {name: f, type: flatten, inputs: [a]}",
            "    - {name: j, type: concat, inputs: [gap, f]}",
            "    - {name: out, type: dense, inputs: [j], units: 10, bias: true, weight_init: \(xavier), bias_init: zeros}",
        ]
        let lines = resolved.split(separator: "\n").map(String.init)
        #expect(lines.filter { $0.hasPrefix("    - ") } == expected)
        #expect(resolved.contains("data:\n  source: digits\n  validation: 0.0\n  normalize: none\n  shuffle: true\n  shape: [1, 8, 8]\nmodel:\n"))
        #expect(resolved.contains("  input_width: 64\n"))
    }

    /// Read back, the resolved text is the same model (every node's kind, inputs and initializers), the same data
    /// and the same text.
    @Test func resolvedTextReadsBackToTheSameSpec() throws {
        let spec = try #require(try decode(MarkedText(Self.text)).spec)
        let resolved = ResolvedConfig.yaml(spec)
        let again = try #require(try decode(MarkedText(resolved)).spec)
        #expect(again.data == spec.data)
        #expect(again.model.inputShape == .image(channels: 1, height: 8, width: 8))
        #expect(again.model.nodes.map(\.kind) == spec.model.nodes.map(\.kind))
        #expect(again.model.nodes.map(\.inputs) == spec.model.nodes.map(\.inputs))
        #expect(again.model.nodes.map { again.model.weightInit(for: $0) } == spec.model.nodes.map { spec.model.weightInit(for: $0) })
        #expect(again.model.nodes.map { again.model.biasInit(for: $0) } == spec.model.nodes.map { spec.model.biasInit(for: $0) })
        #expect(again.model.shapes() == spec.model.shapes())
        #expect(ResolvedConfig.yaml(again) == resolved)
    }

    /// A repeat block of convolutions keeps its body written once, and reads back to the same expanded model.
    @Test func repeatBlocksOfConvolutionsRoundTrip() throws {
        let text = """
            data: {source: digits, shape: [1, 8, 8]}
            model:
              layers:
                - {repeat: 2, name: blk, layers: [{type: conv2d, filters: 4, kernel_size: 3, padding: 1, groups: 1}, relu, {type: max_pool2d, kernel_size: 2}]}
                - flatten
                - {type: dense, units: 10}
            train: {loss: cross_entropy, optimizer: {type: sgd, lr: 0.1}, epochs: 1}

            """
        let spec = try #require(try decode(MarkedText(text)).spec)
        // blk1: [4, 8, 8] -> pool [4, 4, 4]; blk2: conv 4 -> [4, 4, 4] -> pool [4, 2, 2]; flatten 16.
        #expect(spec.model.shapes()["flatten1"] == .flat(16))
        let resolved = ResolvedConfig.yaml(spec)
        #expect(resolved.contains("    - repeat: 2\n      name: blk\n      layers:\n"))
        let again = try #require(try decode(MarkedText(resolved)).spec)
        #expect(again.model.nodes.map(\.name) == spec.model.nodes.map(\.name))
        #expect(again.model.nodes.map(\.kind) == spec.model.nodes.map(\.kind))
        #expect(ResolvedConfig.yaml(again) == resolved)
    }

    /// A config without images keeps its resolved text, line for line, as it was before images existed: no
    /// `shape:` line, the data section exactly as written here by hand (from docs/config.md's defaults). Writing the
    /// flat shape out changes nothing: the same text, so the same fingerprint, and the same spec.
    @Test func flatConfigsKeepTheirText() throws {
        let spec = try #require(try decode(MarkedText(validXOR)).spec)
        let resolved = ResolvedConfig.yaml(spec)
        #expect(!resolved.contains("shape"))
        #expect(resolved.contains("""
            data:
              source: xor
              samples: 8
              noise: 0.1
              validation: 0.0
              normalize: none
              shuffle: true
            model:
              input_width: 2

            """))
        #expect(resolved.contains("    - {name: hidden, type: dense, units: 4, bias: true, weight_init: {type: kaiming_uniform, "))
        let written = validXOR.replacingOccurrences(of: "data: {source: xor, samples: 8}",
                                                    with: "data: {source: xor, samples: 8, shape: [2]}")
        #expect(written != validXOR)
        let withShape = try #require(try decode(MarkedText(written)).spec)
        #expect(ResolvedConfig.yaml(withShape) == resolved)
        #expect(withShape.data == spec.data)
    }
}
