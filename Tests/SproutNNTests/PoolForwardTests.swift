import SproutShapes
import Testing
@testable import SproutNN

/// The pools, global average pooling and flatten on tiny inputs against values worked out by hand, and where max
/// pooling sends its gradient (PyTorch's rules: padding is -infinity, ties go to the first maximum in window order).
@Suite struct PoolForwardTests {
    static func run(_ operation: NodeSpec.Operation, input: FeatureShape, x: [Float], batch: Int = 1,
                    gradient: [Float]? = nil) throws -> (Network, y: [Float], dx: [Float]) {
        let network = try Network(inputShape: input, nodes: [NodeSpec(name: "pool", operation: operation)], output: "pool")
        network.initialize(seed: 0)
        let y = Array(try network.forward(x, batch: batch))
        var dx = [Float]()
        try network.backward(outputGradient: gradient ?? [Float](repeating: 1, count: y.count), inputGradient: &dx)
        return (network, y, dx)
    }

    static func window(_ k: Int, stride: Int, pad: Int = 0, dilation: Int = 1) -> Window2D {
        Window2D(kernelHeight: k, kernelWidth: k, strideHeight: stride, strideWidth: stride, padTop: pad,
                 padBottom: pad, padLeft: pad, padRight: pad, dilationHeight: dilation, dilationWidth: dilation)
    }

    /// x = [[3, 1, 4, 1], [5, 9, 2, 6], [5, 3, 5, 8], [9, 7, 9, 3]], 2x2 windows, stride 2: max of [3, 1, 5, 9] = 9,
    /// [4, 1, 2, 6] = 6, [5, 3, 9, 7] = 9, [5, 8, 9, 3] = 9. The gradient [1, 2, 3, 4] lands on the winners:
    /// x[1][1] (9), x[1][3] (6), x[3][0] (9) and x[3][2] (9).
    @Test func maxPool() throws {
        let x: [Float] = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3]
        let (network, y, dx) = try Self.run(.maxPool2d(Self.window(2, stride: 2)),
                                             input: .image(channels: 1, height: 4, width: 4), x: x, gradient: [1, 2, 3, 4])
        #expect(network.outputShape == .image(channels: 1, height: 2, width: 2))
        #expect(y == [9, 6, 9, 9])
        #expect(dx == [0, 0, 0, 0, 0, 1, 0, 2, 0, 0, 0, 0, 3, 0, 4, 0])
    }

    /// Ties go to the first maximum in window order (row by row): [[7, 7], [7, 1]] -> cell 0; [[1, 7], [7, 7]] ->
    /// cell 1. Overlapping windows (2x2, stride 1 on [[1, 2, 1], [1, 1, 1]]) both pick x[0][1]: its gradient is
    /// the sum 1 + 1.
    @Test func maxPoolTiesAndOverlaps() throws {
        let input = FeatureShape.image(channels: 1, height: 2, width: 2)
        #expect(try Self.run(.maxPool2d(Self.window(2, stride: 2)), input: input, x: [7, 7, 7, 1]).dx == [1, 0, 0, 0])
        #expect(try Self.run(.maxPool2d(Self.window(2, stride: 2)), input: input, x: [1, 7, 7, 7]).dx == [0, 1, 0, 0])
        let overlap = try Self.run(.maxPool2d(Self.window(2, stride: 1)), input: .image(channels: 1, height: 2, width: 3),
                                   x: [1, 2, 1, 1, 1, 1])
        #expect(overlap.y == [2, 2])
        #expect(overlap.dx == [0, 2, 0, 0, 0, 0])
    }

    /// Padding is -infinity, not 0: on [[-1, -2], [-3, -4]] with 2x2 windows, stride 1, padding 1 (3x3 outputs),
    /// each window's maximum is its largest real cell: [-1, -1, -2, -1, -1, -2, -3, -3, -4] (zero padding would
    /// give 0 everywhere). Gradient 1 per output: x[0][0] wins 4 windows, x[0][1] 2, x[1][0] 2, x[1][1] 1.
    @Test func maxPoolPaddingNeverWins() throws {
        let (_, y, dx) = try Self.run(.maxPool2d(Self.window(2, stride: 1, pad: 1)),
                                      input: .image(channels: 1, height: 2, width: 2), x: [-1, -2, -3, -4])
        #expect(y == [-1, -1, -2, -1, -1, -2, -3, -3, -4])
        #expect(dx == [4, 2, 2, 1])
    }

    /// The padded path (a sweep over output rows) follows the same rules as the unpadded one: ties to the first real
    /// cell in window order, a window of -infinity sends its gradient to its first real cell (PyTorch's start),
    /// NaN wins. All fours with 2x2 windows, stride 1, padding 1: the first real cells are x[0][0] (4 windows),
    /// x[0][1] (2), x[1][0] (2) and x[1][1] (1), as for distinct values falling from the top left.
    @Test func maxPoolPaddedTiesInfinitiesAndNaN() throws {
        let input = FeatureShape.image(channels: 1, height: 2, width: 2), padded = Self.window(2, stride: 1, pad: 1)
        #expect(try Self.run(.maxPool2d(padded), input: input, x: [4, 4, 4, 4]).dx == [4, 2, 2, 1])
        let infinite = try Self.run(.maxPool2d(padded), input: input, x: [Float](repeating: -.infinity, count: 4))
        #expect(infinite.y == [Float](repeating: -.infinity, count: 9) && infinite.dx == [4, 2, 2, 1])
        let nan = try Self.run(.maxPool2d(padded), input: input, x: [1, .nan, 3, 4])
        #expect(nan.y.map(\.isNaN) == [false, true, true, false, true, true, false, false, false])
        #expect(nan.y[0] == 1 && nan.y[6] == 3 && nan.y[7] == 4 && nan.y[8] == 4)
        // Unpadded, the same: -infinity everywhere sends the gradient to each window's first cell; +inf beside -inf
        // (whose sum is NaN, the NaN rule's rescan) still picks +inf.
        let whole = Self.window(2, stride: 2)
        #expect(try Self.run(.maxPool2d(whole), input: input, x: [Float](repeating: -.infinity, count: 4)).dx
            == [1, 0, 0, 0])
        let mixed = try Self.run(.maxPool2d(whole), input: input, x: [-.infinity, .infinity, 1, 2])
        #expect(mixed.y == [.infinity] && mixed.dx == [0, 1, 0, 0])
    }

    /// NaN wins and stays (PyTorch's `val > maxval || isnan(val)`); a second channel and example are pooled on
    /// their own. Dilation 2 on a 3x3 image reads the corners: max(1, 3, 7, 9) = 9 and, negated, -1.
    @Test func maxPoolNaNChannelsAndDilation() throws {
        let nan = try Self.run(.maxPool2d(Self.window(2, stride: 2)), input: .image(channels: 2, height: 2, width: 2),
                               x: [1, .nan, 5, 2, 4, 3, 2, 1])
        #expect(nan.y[0].isNaN && nan.y[1] == 4)
        #expect(nan.dx == [0, 1, 0, 0, 1, 0, 0, 0])
        let image: [Float] = [1, 2, 3, 4, 5, 6, 7, 8, 9]
        let dilated = try Self.run(.maxPool2d(Self.window(2, stride: 1, dilation: 2)),
                                   input: .image(channels: 1, height: 3, width: 3), x: image + image.map { -$0 }, batch: 2)
        #expect(dilated.y == [9, -1])
        #expect(dilated.dx == [0, 0, 0, 0, 0, 0, 0, 0, 1] + [1, 0, 0, 0, 0, 0, 0, 0, 0])
    }

    /// [[1, 2], [3, 4]], 2x2 windows, stride 1, padding 1: 3x3 outputs whose windows hold the sums 1, 3, 2 / 4, 10, 6
    /// / 3, 7, 4 over 1, 2, 1 / 2, 4, 2 / 1, 2, 1 real cells. count_include_pad divides every sum by 4; otherwise
    /// each by its real cells. Backward of ones: each cell gets Σ 1/d over the windows holding it (4 windows each):
    /// 4 · 1/4 = 1 with the padding counted; 1/1 + 1/2 + 1/2 + 1/4 = 2.25 without.
    @Test(arguments: [true, false])
    func avgPool(countIncludePad: Bool) throws {
        let (_, y, dx) = try Self.run(.avgPool2d(Self.window(2, stride: 1, pad: 1), countIncludePad: countIncludePad),
                                      input: .image(channels: 1, height: 2, width: 2), x: [1, 2, 3, 4])
        let sums: [Float] = [1, 3, 2, 4, 10, 6, 3, 7, 4], cells: [Float] = [1, 2, 1, 2, 4, 2, 1, 2, 1]
        #expect(y == (0..<9).map { sums[$0] / (countIncludePad ? 4 : cells[$0]) })
        #expect(dx == [Float](repeating: countIncludePad ? 1 : 2.25, count: 4))
    }

    /// Two channels [1, 2, 3, 4] and [10, 20, 30, 40] -> [2.5, 25]; backward spreads dy / 4.
    @Test func globalAvgPool() throws {
        let (network, y, dx) = try Self.run(.globalAvgPool, input: .image(channels: 2, height: 2, width: 2),
                                            x: [1, 2, 3, 4, 10, 20, 30, 40], gradient: [4, -8])
        #expect(network.outputShape == .flat(2))
        #expect(y == [2.5, 25])
        #expect(dx == [1, 1, 1, 1, -2, -2, -2, -2])
    }

    /// flatten passes the values (and gradients) through in NCHW order.
    @Test func flatten() throws {
        let x: [Float] = (0..<12).map(Float.init)
        let (network, y, dx) = try Self.run(.flatten, input: .image(channels: 3, height: 2, width: 2), x: x, gradient: x)
        #expect(network.outputShape == .flat(12))
        #expect(y == x && dx == x)
    }
}
