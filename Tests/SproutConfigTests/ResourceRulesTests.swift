@testable import SproutConfig
import SproutShapes
import SproutTestSupport
import Testing

/// The memory estimate's image-layer buffers (`ResourceRules.layerScratch`) against what the engine allocates, every
/// expected count worked out by hand from the engine's rule (Conv2D.reserve, MaxPool2D.reserve):
///
///     conv2d      E = C · kh · kw · OH · OW   (all C input channels: one buffer holds every group's rows)
///                 columns = batch · E when batch · E <= 16 Mi (16 777 216) floats, else E; plus E for their gradient
///     max_pool2d  batch · C · OH · OW Int32 indices (4 bytes, counted as one float)
@Suite struct ResourceRulesTests {
    static func conv(_ filters: Int, _ kernel: Int, groups: Int = 1, padding: ConvolutionPadding = .zeros(AxisPair(0, 0)))
        -> LayerKind {
        .conv2d(ConvolutionSpec(filters: filters, kernel: AxisPair(kernel, kernel), padding: padding, groups: groups))
    }

    /// The kept-columns rule at its edge: E = 4096 gives 4096 · 4096 = 16 777 216, exactly the limit (kept, `<=`);
    /// 4097 · 4096 = 16 781 312 is past it. A product past an Int is not kept either.
    @Test func keptColumnsLimitIsInclusive() {
        #expect(ConvolutionColumns.keptLimit == 16_777_216)
        let columns = ConvolutionColumns(channels: 4, kernelHeight: 4, kernelWidth: 4, outputPlane: 64)
        #expect(columns.perExample == 4096)  // 4 · 4 · 4 · 64
        #expect(columns.keepsBatch(4096) && !columns.keepsBatch(4097))
        #expect(columns.allocated(batch: 4096) == 16_777_216 + 4096)
        #expect(columns.allocated(batch: 4097) == 4096 + 4096)
        #expect(!columns.keepsBatch(Int.max))
        #expect(columns.allocated(batch: Int.max) == 8192)
    }

    /// 16 filters 3x3 in 4 groups on [8, 10, 10] -> [16, 8, 8]: E = 8 · 3 · 3 · 64 = 4608 (the groups do not divide
    /// it: the old estimate's 8/4 · 3 · 3 · 64 = 1152 was a quarter of it). The same layer without groups holds as
    /// much. At batch 32, 32 · 4608 = 147 456 <= 16 Mi: kept, 147 456 + 4608 = 152 064.
    @Test func groupedConvolutionHoldsEveryGroupsColumns() {
        let input = FeatureShape.image(channels: 8, height: 10, width: 10)
        let output = FeatureShape.image(channels: 16, height: 8, width: 8)
        #expect(ResourceRules.layerScratch(Self.conv(16, 3, groups: 4), input: input, output: output, batch: 32) == 152_064)
        #expect(ResourceRules.layerScratch(Self.conv(16, 3), input: input, output: output, batch: 32) == 152_064)
        // batch 1: 4608 + 4608.
        #expect(ResourceRules.layerScratch(Self.conv(16, 3, groups: 4), input: input, output: output, batch: 1) == 9216)
    }

    /// The same grouped layer (E = 4608) on both sides of the kept-columns limit: 16 777 216 / 4608 = 3640.9, so
    /// batch 3640 keeps 3640 · 4608 = 16 773 120 floats (plus 4608: 16 777 728), and batch 3641 (16 777 728 > 16 Mi)
    /// keeps one example's, 4608 + 4608 = 9216: the larger batch needs less.
    @Test func columnsAboveTheLimitAreOneExamples() {
        let input = FeatureShape.image(channels: 8, height: 10, width: 10)
        let output = FeatureShape.image(channels: 16, height: 8, width: 8)
        let grouped = Self.conv(16, 3, groups: 4)
        #expect(ResourceRules.layerScratch(grouped, input: input, output: output, batch: 3640) == 16_777_728)
        #expect(ResourceRules.layerScratch(grouped, input: input, output: output, batch: 3641) == 9216)
    }

    /// max_pool2d 2 on [4, 8, 8] -> [4, 4, 4]: 64 indices per example, 32 · 64 = 2048 at batch 32. The other image
    /// layers keep nothing that grows with the batch.
    @Test func maxPoolKeepsItsArgmaxOthersNothing() {
        let input = FeatureShape.image(channels: 4, height: 8, width: 8)
        let pooled = FeatureShape.image(channels: 4, height: 4, width: 4)
        let window = PoolingSpec(kernel: AxisPair(2, 2))
        #expect(ResourceRules.layerScratch(.maxPool2d(window), input: input, output: pooled, batch: 32) == 2048)
        #expect(ResourceRules.layerScratch(.avgPool2d(window, countIncludePad: true), input: input, output: pooled, batch: 32) == 0)
        #expect(ResourceRules.layerScratch(.batchNorm(momentum: 0.1, eps: 1e-5, affine: true), input: input, output: input,
                                           batch: 32) == 0)
        #expect(ResourceRules.layerScratch(.globalAvgPool, input: input, output: .flat(4), batch: 32) == 0)
        #expect(ResourceRules.layerScratch(.flatten, input: input, output: .flat(256), batch: 32) == 0)
        #expect(ResourceRules.layerScratch(.dense(units: 10, bias: true), input: .flat(256), output: .flat(10), batch: 32) == 0)
    }

    /// The image model of the two tests below at `batch_size` `batch`.
    static func imageModelEstimate(batch: Int) throws -> (parameters: Double, data: Double, total: Double) {
        let (spec, headlines, _) = try decode(MarkedText("""
            data: {source: digits, shape: [1, 8, 8]}
            model:
              layers:
                - {name: c1, type: conv2d, filters: 16, kernel_size: 3, padding: 1}
                - {name: g, type: conv2d, filters: 16, kernel_size: 4, padding: same, groups: 4}
                - {name: p, type: max_pool2d, kernel_size: 2}
                - {name: f, type: flatten}
                - {name: out, type: dense, units: 10}
            train: {loss: cross_entropy, optimizer: {type: sgd, lr: 0.1}, epochs: 1, batch_size: \(batch)}

            """))
        #expect(headlines == [])
        let experiment = try #require(spec)
        return ResourceRules.estimatedBytes(model: experiment.model, train: experiment.train, data: experiment.data)
    }

    /// The whole estimate of one image model on digits as [1, 8, 8] (1797 examples of 64 features, no held-out
    /// source), sgd (s = 1), at batch_size 1024 and 1025 (both above the 512 rows of the diagnostic sample, so the
    /// trainer reserves exactly the batch):
    ///   c1  conv 16 filters 3x3, padding 1 -> [16, 8, 8]: parameters 16 · 9 + 16 = 160; E = 1 · 9 · 64 = 576
    ///   g   conv 16 filters 4x4, same, groups 4 -> [16, 8, 8]: parameters 16 · 4 · 16 + 16 = 1040;
    ///       E = 16 · 16 · 64 = 16 384, and 1024 · 16 384 = 16 777 216 is exactly the limit
    ///   p   max_pool2d 2 -> [16, 4, 4]: 256 indices per example
    ///   f   flatten -> [256];  out dense 10: 10 · 256 + 10 = 2570 parameters
    /// parameters 160 + 1040 + 2570 = 3770; widths per example 64 + 1024 + 1024 + 256 + 256 + 10 = 2634;
    /// data 1797 · (64 + 1) = 116 805; lent gradient arrays 16 (c1's and g's biases: the one size on two nodes).
    ///
    /// batch 1024: c1 1024 · 576 + 576 = 590 400; g 16 777 216 + 16 384 = 16 793 600; p 1024 · 256 = 262 144;
    ///   floats 3 · 3770 + 16 + 2 · 1024 · 2634 + (590 400 + 16 793 600 + 262 144) + 116 805
    ///        = 11 326 + 5 394 432 + 17 646 144 + 116 805 = 23 168 707, bytes 92 674 828.
    /// batch 1025: c1 1025 · 576 + 576 = 590 976; g past the limit, 16 384 + 16 384 = 32 768; p 1025 · 256 = 262 400;
    ///   floats 11 326 + 2 · 1025 · 2634 + (590 976 + 32 768 + 262 400) + 116 805
    ///        = 11 326 + 5 399 700 + 886 144 + 116 805 = 6 413 975, bytes 25 655 900.
    @Test func imageModelEstimateAtTheKeptColumnsLimit() throws {
        let kept = try Self.imageModelEstimate(batch: 1024)
        #expect(kept.parameters == 3770 && kept.data == 4 * 116_805)
        #expect(kept.total == 92_674_828)
        #expect(try Self.imageModelEstimate(batch: 1025).total == 25_655_900)
    }

    /// Below 512 the engine still holds 512 rows (the diagnostic sample is one batch: Trainer reserves
    /// `max(batch, sample)`), so batch_size 32 and 512 give the same estimate, the one model above at 512 rows:
    ///   c1 512 · 576 + 576 = 295 488; g 512 · 16 384 = 8 388 608 (kept) + 16 384 = 8 404 992; p 512 · 256 = 131 072;
    ///   floats 11 326 + 2 · 512 · 2634 + (295 488 + 8 404 992 + 131 072) + 116 805
    ///        = 11 326 + 2 697 216 + 8 831 552 + 116 805 = 11 656 899, bytes 46 627 596.
    /// (Before, batch_size 32 was counted as 32 rows: 16 times too few for every batch-sized buffer.)
    @Test func smallBatchesCountTheDiagnosticSamplesRows() throws {
        #expect(try Self.imageModelEstimate(batch: 32).total == 46_627_596)
        #expect(try Self.imageModelEstimate(batch: 512).total == 46_627_596)
    }

    /// The shared gradient arrays, worked out by hand: sizes recurring on two or more nodes count once each, times
    /// the most that one node has of that size.
    @Test func lentGradientArrays() {
        // GradientLendingTests' network: a [6, 1] + [6]; b, c [6, 6] + [6]; out [2, 6] + [2]: 6 twice (a) + 36.
        #expect(ResourceRules.lentGradientFloats([[6, 6], [36, 6], [36, 6], [12, 2]]) == 48)
        // W4: 30 dense [256, 256] + [256], the output [10, 256] + [10]: one array of 65 536 and one of 256.
        let w4 = [[Double]](repeating: [65_536, 256], count: 30) + [[2560, 10]]
        #expect(ResourceRules.lentGradientFloats(w4) == 65_792)
        // No size on two nodes, or no parameters at all: nothing.
        #expect(ResourceRules.lentGradientFloats([[4, 2], [8, 3], []]) == 0)
    }
}
