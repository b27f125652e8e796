import SproutConfig
import SproutShapes
import SproutTestSupport
import Testing

/// The image nodes and `data.shape` as the decoder reads them: PyTorch's defaults, the forms of a pair and of
/// padding, the settings one node does not take, data.shape's forms and hints, Keras' and PyTorch's names, and a
/// model checked without valid data.
@Suite struct ImageLanguageTests {
    /// Digits as [1, 8, 8] images, `layers` (indented as list items), then a flatten and a 10-unit output.
    static func config(_ layers: String, data: String = "{source: digits, shape: [1, 8, 8]}") -> String {
        """
        data: \(data)
        model:
          layers:
        \(layers)
            - flatten
            - {name: out, type: dense, units: 10}
        train: {loss: cross_entropy, optimizer: {type: sgd, lr: 0.1}, epochs: 1}

        """
    }

    static func kinds(_ text: String) throws -> [LayerKind] {
        let (spec, headlines, _) = try decode(MarkedText(text))
        #expect(headlines == [])
        return try #require(spec).model.nodes.map(\.kind)
    }

    /// nn.Conv2d(stride=1, padding=0, dilation=1, groups=1, bias=True); nn.MaxPool2d(stride=kernel_size, padding=0,
    /// dilation=1); nn.AvgPool2d(stride=kernel_size, padding=0, count_include_pad=True). `valid` is 0, and a pair
    /// is [height, width].
    @Test func pytorchDefaults() throws {
        let kinds = try Self.kinds(Self.config("""
                - {type: conv2d, filters: 4, kernel_size: 3}
                - {type: conv2d, filters: 4, kernel_size: [3, 1], padding: valid}
                - {type: conv2d, filters: 4, kernel_size: 1, padding: same}
                - {type: max_pool2d, kernel_size: [2, 1]}
                - {type: avg_pool2d, kernel_size: 2, stride: 1}
            """))
        #expect(kinds.prefix(5) == [
            .conv2d(ConvolutionSpec(filters: 4, kernel: AxisPair(3, 3), stride: AxisPair(1, 1), padding: .zeros(AxisPair(0, 0)),
                                    dilation: AxisPair(1, 1), groups: 1, bias: true)),
            .conv2d(ConvolutionSpec(filters: 4, kernel: AxisPair(3, 1), padding: .zeros(AxisPair(0, 0)))),
            .conv2d(ConvolutionSpec(filters: 4, kernel: AxisPair(1, 1), padding: .same)),
            .maxPool2d(PoolingSpec(kernel: AxisPair(2, 1), stride: AxisPair(2, 1), padding: AxisPair(0, 0), dilation: AxisPair(1, 1))),
            .avgPool2d(PoolingSpec(kernel: AxisPair(2, 2), stride: AxisPair(1, 1)), countIncludePad: true),
        ])
    }

    /// A pair of two different numbers keeps its order: [height, width].
    @Test func pairsAreHeightThenWidth() throws {
        let kinds = try Self.kinds(Self.config("""
                - {type: conv2d, filters: 2, kernel_size: [5, 3], stride: [2, 1], padding: [2, 0], dilation: [1, 2]}
            """))
        #expect(kinds.first == .conv2d(ConvolutionSpec(filters: 2, kernel: AxisPair(5, 3), stride: AxisPair(2, 1),
                                                       padding: .zeros(AxisPair(2, 0)), dilation: AxisPair(1, 2))))
    }

    /// A pair's wrong forms: a mapping, a list of one, a float; each reported once at its value.
    @Test func pairForms() throws {
        let input = MarkedText(Self.config("""
                - {type: conv2d, filters: 2, kernel_size: 1️⃣{h: 3}}
                - {type: max_pool2d, kernel_size: 2️⃣[2]}
                - {type: avg_pool2d, kernel_size: [2, 3️⃣2.0]}
            """))
        let (spec, headlines, all) = try decode(input)
        #expect(spec == nil)
        #expect(headlines == [
            "\(input.at(1)): error: 'kernel_size' must be one integer or a list [height, width] of two, found a mapping [type-mismatch]",
            "\(input.at(2)): error: 'kernel_size' must be one integer or a list [height, width] of two, found a list of 1 [type-mismatch]",
            "\(input.at(3)): error: 'kernel_size' must be an integer, found a number [type-mismatch]",
        ])
        #expect(all.last?.help == ["YAML reads '2.0' as a float; write the whole number 2"])
    }

    /// Settings of another node type: average pooling has no dilation (its taps are next to each other), a
    /// conv2d no units, a pool no groups; what each takes is listed in the variant's order. The nodes are still
    /// read (an unknown key is reported, not fatal): [1, 4, 4], [2, 4, 4], [2, 2, 2], no shape error.
    @Test func settingsOfOtherNodes() throws {
        let input = MarkedText(Self.config("""
                - {type: avg_pool2d, kernel_size: 2, 1️⃣dilation: 2}
                - {type: conv2d, filters: 2, kernel_size: 1, 2️⃣units: 3}
                - {type: max_pool2d, kernel_size: 2, 3️⃣groups: 2}
            """))
        let (_, headlines, all) = try decode(input)
        #expect(headlines == [
            "\(input.at(1)): error: layer 'avg_pool2d' has no parameter 'dilation' [unknown-key]",
            "\(input.at(2)): error: layer 'conv2d' has no parameter 'units' [unknown-key]",
            "\(input.at(3)): error: layer 'max_pool2d' has no parameter 'groups' [unknown-key]",
        ])
        #expect(all.first?.help.first == "avg_pool2d takes 'kernel_size', 'stride', 'padding', 'count_include_pad'")
        #expect(all[1].help.first == "conv2d takes 'filters', 'kernel_size', 'stride', 'padding', 'dilation', 'groups', 'bias', 'weight_init', 'bias_init'")
    }

    /// `same` needs stride 1, the stride written as a pair; the help's padding that keeps the size with stride 1 is
    /// dilation · (kernel - 1) / 2 per axis: [5, 3] -> [2, 1]; 3 dilated by 2 -> 2; an even kernel has none.
    @Test func sameWithAStride() throws {
        let input = MarkedText(Self.config("""
                - {type: conv2d, filters: 2, kernel_size: [5, 3], stride: [1, 2], padding: 1️⃣same}
                - {type: conv2d, filters: 2, kernel_size: 3, dilation: 2, stride: 3, padding: 2️⃣same}
                - {type: conv2d, filters: 2, kernel_size: 4, stride: 2, padding: 3️⃣same}
            """))
        let (_, headlines, all) = try decode(input)
        #expect(headlines == [
            "\(input.at(1)): error: padding 'same' needs stride 1, found stride [1, 2] [inapplicable-setting]",
            "\(input.at(2)): error: padding 'same' needs stride 1, found stride 3 [inapplicable-setting]",
            "\(input.at(3)): error: padding 'same' needs stride 1, found stride 2 [inapplicable-setting]",
        ])
        #expect(all.map(\.help) == [
            ["give the padding as numbers (padding: [2, 1] keeps the size with stride 1), or use stride 1"],
            ["give the padding as numbers (padding: 2 keeps the size with stride 1), or use stride 1"],
            ["give the padding as numbers, or use stride 1 (an even kernel needs one more zero after than before to keep the size)"],
        ])
    }

    /// A pool may pad up to half its kernel, PyTorch's `pad <= kernel / 2` (pool2d_shape_check; dilation does not
    /// count): kernel 3 dilated by 2 spans 5 but takes 1, as torch.nn.MaxPool2d(3, dilation=2, padding=1) does
    /// (padding 2 raises "pad should be smaller than or equal to half of kernel size"); kernel 3 takes 1; kernel
    /// [4, 2] takes [2, 1].
    @Test func poolPaddingAtItsLimitIsAccepted() throws {
        let kinds = try Self.kinds(Self.config("""
                - {type: max_pool2d, kernel_size: 3, dilation: 2, stride: 1, padding: 1}
                - {type: avg_pool2d, kernel_size: 3, stride: 1, padding: 1}
                - {type: max_pool2d, kernel_size: [4, 2], padding: [2, 1]}
            """))
        #expect(kinds.count == 5)
    }

    /// data.shape's other mistakes: a number instead of a list, four dimensions (even of the right product), and
    /// the hint for square feature counts only: iris' 4 = 2 · 2, wine's 13 is no square, xor's 2 neither.
    @Test func dataShapeForms() throws {
        func headlines(_ data: String) throws -> [String] {
            let input = MarkedText(Self.config("", data: data))
            return try decode(input).headlines.map { $0.replacingOccurrences(of: input.at(1), with: "L:C") }
        }
        func help(_ data: String) throws -> [[String]] { try decode(MarkedText(Self.config("", data: data))).all.map(\.help) }
        #expect(try headlines("{source: digits, shape: 1️⃣64}") == [
            "L:C: error: 'shape' must be a list, [features] or [channels, height, width], found an integer [type-mismatch]",
        ])
        #expect(try headlines("{source: digits, shape: 1️⃣[2, 2, 2, 8]}") == [
            "L:C: error: data.shape [2, 2, 2, 8] has 4 dimensions, but each example of 'digits' has 64 features [data-shape-mismatch]",
        ])
        #expect(try help("{source: iris, shape: [4, 1]}") == [
            ["write [4] for flat features, or [channels, height, width] whose product is 4 (for example [1, 2, 2])"],
        ])
        #expect(try help("{source: wine, shape: [1, 13]}") == [
            ["write [13] for flat features, or [channels, height, width] whose product is 13"],
        ])
        #expect(try help("{source: xor, shape: [1, 1, 1]}") == [
            ["write [2] for flat features, or [channels, height, width] whose product is 2"],
        ])
        // Products past Int's range are compared, not computed in Int: no trap, a mismatch.
        let huge = try headlines("{source: digits, shape: [2147483647, 2147483647, 2147483647]}")
        #expect(huge.count == 1 && huge[0].hasSuffix("but each example of 'digits' has 64 features [data-shape-mismatch]"))
    }

    /// A written shape of the source's own is no shape ([64] on the digits); [1, 1, 64] is an image of one row.
    @Test func dataShapeOfTheSourcesOwnIsNone() throws {
        let flat = try #require(try decode(MarkedText("""
            data: {source: digits, shape: [64]}
            model: {layers: [{type: dense, units: 10}]}
            train: {loss: cross_entropy, optimizer: {type: sgd, lr: 0.1}, epochs: 1}
            """)).spec)
        #expect(flat.data.shape == nil && flat.data.exampleShape == .flat(64))
        let row = try #require(try decode(MarkedText(Self.config("", data: "{source: digits, shape: [1, 1, 64]}"))).spec)
        #expect(row.data.shape == .image(channels: 1, height: 1, width: 64))
        #expect(row.model.inputShape == .image(channels: 1, height: 1, width: 64))
    }

    /// Without valid data the model's input is unknown: a conv2d reading the data is not reported against a
    /// guessed shape; what does not depend on the data still is: a dense layer gives [8] whatever it reads, so the
    /// conv2d after it reads flat features.
    @Test func aModelIsCheckedWithoutValidData() throws {
        func check(_ layers: String) throws -> (MarkedText, [String]) {
            let input = MarkedText("""
                data: {source: xor, samples: 1️⃣3}
                model:
                  layers:
                \(layers)
                    - flatten
                    - {type: dense, units: 2}
                train: {loss: cross_entropy, optimizer: {type: sgd, lr: 0.1}, epochs: 1}
                """)
            let (spec, headlines, _) = try decode(input)
            #expect(spec == nil)
            return (input, headlines)
        }
        let samples = "error: 'samples' must be between 4 and 10000000, found 3 [out-of-range]"
        let (first, convFirst) = try check("    - {type: conv2d, filters: 2, kernel_size: 3}")
        #expect(convFirst == ["\(first.at(1)): \(samples)"])
        let (second, denseFirst) = try check("""
                - {name: d, type: dense, units: 8}
                - 2️⃣{type: conv2d, filters: 2, kernel_size: 1}
            """)
        #expect(denseFirst == [
            "\(second.at(1)): \(samples)",
            "\(second.at(2)): error: node 'conv2d1' (conv2d) reads an image [channels, height, width], but 'd' gives flat features [8] [needs-image]",
        ])
    }

    /// Keras' and PyTorch's names for the image nodes and their settings: a spelling close to Sprout's word gets
    /// it plainly (Conv2d is Sprout's conv2d in other letters' case; strides is one letter from stride; dirac_ one
    /// from dirac); the others get the synonym with where it comes from.
    @Test func otherLibrariesNames() throws {
        func help(_ layer: String) throws -> [String] {
            try decode(MarkedText(Self.config("    - \(layer)"))).all.flatMap(\.help)
        }
        #expect(try help("{type: Conv2d, filters: 2, kernel_size: 3}") == ["did you mean 'conv2d'?"])
        #expect(try help("{type: conv2d, filters: 2, kernel_size: 3, strides: 1}") == ["did you mean 'stride'?"])
        #expect(try help("{type: conv2d, filters: 2, kernel_size: 3, weight_init: dirac_}") == ["did you mean 'dirac'?"])
        #expect(try help("{type: conv2d, kernel_size: 3, filters: 2, out_channels: 2}")
                == ["did you mean 'filters'? ('out_channels' is what PyTorch's Conv2d calls it)"])
        #expect(try help("{type: conv2d, filters: 2, kernel_size: 3, dilation_rate: 2}")
                == ["did you mean 'dilation'? ('dilation_rate' is what Keras calls it)"])
        #expect(try help("{type: GlobalAveragePooling2D}")
                == ["did you mean 'global_avg_pool'? ('GlobalAveragePooling2D' is what Keras calls it)"])
        #expect(try help("{type: AdaptiveAvgPool2d}")
                == ["did you mean 'global_avg_pool'? ('AdaptiveAvgPool2d' is what PyTorch (with output size 1) calls it)"])
        #expect(try help("{type: MaxPool2d, kernel_size: 2}") == ["did you mean 'max_pool2d'?"])
    }
}
