import SproutConfig
import SproutShapes
import SproutTestSupport
import Testing

/// `WeightShapes` against PyTorch's state_dict shapes and `torch.nn.init._calculate_fan_in_and_fan_out`:
///
///     receptive_field = kh · kw (1 for a 2-D weight)
///     fan_in  = weight.size(1) · receptive_field      # channels / groups · kh · kw
///     fan_out = weight.size(0) · receptive_field      # filters · kh · kw (not divided by groups)
///
/// and the parameter counts `sprout show` and the memory rule add up, each worked out by hand.
@Suite struct ImageParameterTests {
    static func conv(_ filters: Int, _ kernel: AxisPair, groups: Int = 1, bias: Bool = true) -> LayerKind {
        .conv2d(ConvolutionSpec(filters: filters, kernel: kernel, groups: groups, bias: bias))
    }

    /// Returns [weight, bias, fan_in, fan_out] flattened for one comparison per case.
    static func summary(_ shapes: WeightShapes?) -> [[Int]]? {
        shapes.map { [$0.weight, $0.bias ?? [], [$0.fanIn], [$0.fanOut]] }
    }

    @Test func denseIsUnitsByInputs() {
        // nn.Linear(128, 10): weight [10, 128], fan_in 128 (size(1)), fan_out 10 (size(0)). An image input counts
        // its values: 8 · 4 · 4 = 128.
        #expect(Self.summary(WeightShapes(.dense(units: 10, bias: true), input: .flat(128))) == [[10, 128], [10], [128], [10]])
        #expect(Self.summary(WeightShapes(.dense(units: 10, bias: false), input: .image(channels: 8, height: 4, width: 4)))
                    == [[10, 128], [], [128], [10]])
    }

    @Test func convolutionFansCountTheReceptiveField() {
        // nn.Conv2d(3, 16, (3, 5)): weight [16, 3, 3, 5]; field 15; fan_in 3 · 15 = 45; fan_out 16 · 15 = 240.
        #expect(Self.summary(WeightShapes(Self.conv(16, AxisPair(3, 5)), input: .image(channels: 3, height: 8, width: 8)))
                    == [[16, 3, 3, 5], [16], [45], [240]])
        // groups 4 on 8 channels: weight [12, 2, 3, 3]; fan_in 2 · 9 = 18; fan_out 12 · 9 = 108.
        #expect(Self.summary(WeightShapes(Self.conv(12, AxisPair(3, 3), groups: 4), input: .image(channels: 8, height: 5, width: 5)))
                    == [[12, 2, 3, 3], [12], [18], [108]])
        // depthwise (groups = channels = filters = 8), no bias: weight [8, 1, 3, 3]; fan_in 9; fan_out 72.
        #expect(Self.summary(WeightShapes(Self.conv(8, AxisPair(3, 3), groups: 8, bias: false),
                                          input: .image(channels: 8, height: 5, width: 5)))
                    == [[8, 1, 3, 3], [], [9], [72]])
        // 1x1: weight [4, 6, 1, 1]; fan_in 6, fan_out 4, as a dense layer's.
        #expect(Self.summary(WeightShapes(Self.conv(4, AxisPair(1, 1)), input: .image(channels: 6, height: 2, width: 2)))
                    == [[4, 6, 1, 1], [4], [6], [4]])
        // The image's height and width play no part: the same conv on 30x30.
        #expect(Self.summary(WeightShapes(Self.conv(16, AxisPair(3, 5)), input: .image(channels: 3, height: 30, width: 30)))
                    == [[16, 3, 3, 5], [16], [45], [240]])
    }

    /// Fans an Int cannot count give no shapes rather than a trap: kh · kw = (2^31 - 1)² fits, times 4 channels
    /// does not. 46341² = 2147488281 on one channel fits an Int (shape inference refuses that weight instead).
    @Test func fansPastAnIntGiveNone() {
        let huge = AxisPair(Int(Int32.max), Int(Int32.max))
        #expect(WeightShapes(Self.conv(1, huge), input: .image(channels: 4, height: 1, width: 1)) == nil)
        #expect(Self.summary(WeightShapes(Self.conv(1, AxisPair(46341, 46341)), input: .image(channels: 1, height: 1, width: 1)))
                    == [[1, 1, 46341, 46341], [1], [2147488281], [2147488281]])
    }

    @Test func nodesWithoutWeightsHaveNone() {
        #expect(WeightShapes(.flatten, input: .image(channels: 2, height: 2, width: 2)) == nil)
        #expect(WeightShapes(.globalAvgPool, input: .image(channels: 2, height: 2, width: 2)) == nil)
        #expect(WeightShapes(.maxPool2d(PoolingSpec(kernel: AxisPair(2, 2))), input: .image(channels: 2, height: 2, width: 2)) == nil)
        // A conv2d on flat features has no weight shape (it is reported as needs-image instead).
        #expect(WeightShapes(Self.conv(4, AxisPair(3, 3)), input: .flat(64)) == nil)
    }

    /// Every node's parameter count in one model on digits as [1, 8, 8], by hand:
    ///   c1 conv 4 filters 3x3, padding 1 -> [4, 8, 8]: 4 · 1 · 9 + 4 = 40
    ///   bn batch_norm on an image: one weight and bias per channel (BatchNorm2d): 2 · 4 = 8
    ///   p  max_pool2d 2 -> [4, 4, 4]: 0
    ///   ln layer_norm over all values of [4, 4, 4]: 2 · 64 = 128
    ///   g  conv 8 filters [3, 1], groups 2, no bias -> [8, 2, 4]: 8 · 2 · 3 · 1 = 48
    ///   bf batch_norm without affine: 0
    ///   a  avg_pool2d 2 -> [8, 1, 2]: 0
    ///   f  flatten -> [16]: 0
    ///   bd batch_norm on flat features (BatchNorm1d): 2 · 16 = 32
    ///   out dense 10: 10 · 16 + 10 = 170
    /// total 40 + 8 + 128 + 48 + 32 + 170 = 426.
    @Test func parameterCountsByNode() throws {
        let text = """
            data: {source: digits, shape: [1, 8, 8]}
            model:
              layers:
                - {name: c1, type: conv2d, filters: 4, kernel_size: 3, padding: 1}
                - {name: bn, type: batch_norm}
                - {name: p, type: max_pool2d, kernel_size: 2}
                - {name: ln, type: layer_norm}
                - {name: g, type: conv2d, filters: 8, kernel_size: [3, 1], groups: 2, bias: false}
                - {name: bf, type: batch_norm, affine: false}
                - {name: a, type: avg_pool2d, kernel_size: 2}
                - {name: f, type: flatten}
                - {name: bd, type: batch_norm}
                - {name: out, type: dense, units: 10}
            train: {loss: cross_entropy, optimizer: {type: sgd, lr: 0.1}, epochs: 1}

            """
        let (spec, headlines, _) = try decode(MarkedText(text))
        #expect(headlines == [])
        let model = try #require(spec?.model)
        let shapes = model.shapes()
        var counts: [String: Double] = [:]
        for node in model.nodes {
            let input = try #require(model.inputShape(of: node, shapes: shapes))
            counts[node.name] = ModelSpec.parameterCount(node, input: input)
        }
        #expect(counts == ["c1": 40, "bn": 8, "p": 0, "ln": 128, "g": 48, "bf": 0, "a": 0, "f": 0, "bd": 32, "out": 170])
        #expect(counts.values.reduce(0, +) == 426)
        #expect(shapes["g"]?.dimensions == [8, 2, 4] && shapes["a"]?.dimensions == [8, 1, 2])
    }
}
