import SproutShapes
import Testing
@testable import SproutNN

/// conv2d's output on tiny inputs against values worked out by hand (a cross-correlation, as PyTorch: the kernel is
/// not flipped). The image `x = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]` and the kernel `w = [[1, 2], [3, 4]]` are used
/// throughout; every expected sum is written out in the comment above it.
@Suite struct ConvForwardTests {
    static let image: [Float] = [1, 2, 3, 4, 5, 6, 7, 8, 9]

    static func conv(input: FeatureShape, filters: Int, window: Window2D, groups: Int = 1, weight: [Float],
                     bias: [Float]? = nil, x: [Float], batch: Int = 1) throws -> (Network, [Float]) {
        let network = try Network(inputShape: input, nodes: [
            NodeSpec(name: "conv", operation: .conv2d(filters: filters, window: window, groups: groups,
                                                      bias: bias != nil, weightInit: .values(weight),
                                                      biasInit: .values(bias ?? []))),
        ], output: "conv")
        network.initialize(seed: 0)
        return (network, Array(try network.forward(x, batch: batch)))
    }

    static func window(_ kh: Int, _ kw: Int, stride: Int = 1, pad: (Int, Int, Int, Int) = (0, 0, 0, 0),
                       dilation: Int = 1) -> Window2D {
        Window2D(kernelHeight: kh, kernelWidth: kw, strideHeight: stride, strideWidth: stride, padTop: pad.0,
                 padBottom: pad.1, padLeft: pad.2, padRight: pad.3, dilationHeight: dilation, dilationWidth: dilation)
    }

    /// No padding: 2x2 outputs. y00 = 1·1 + 2·2 + 4·3 + 5·4 = 37, y01 = 2 + 6 + 15 + 24 = 47,
    /// y10 = 4 + 10 + 21 + 32 = 67, y11 = 5 + 12 + 24 + 36 = 77; plus the bias 0.5. A second example (x · -1) in
    /// the same batch gives the negated sums plus 0.5.
    @Test func valid() throws {
        let (network, y) = try Self.conv(input: .image(channels: 1, height: 3, width: 3), filters: 1,
                                         window: Self.window(2, 2), weight: [1, 2, 3, 4], bias: [0.5],
                                         x: Self.image + Self.image.map { -$0 }, batch: 2)
        #expect(network.outputShape == .image(channels: 1, height: 2, width: 2))
        #expect(y == [37.5, 47.5, 67.5, 77.5, -36.5, -46.5, -66.5, -76.5])
    }

    /// Padding 1, stride 2: windows start at rows/columns -1 and 1 (out = (3 + 2 - 2) / 2 + 1 = 2).
    /// y00 reads only x[0][0] under w[1][1]: 1 · 4 = 4; y01 reads x[0][1], x[0][2] under w[1][0], w[1][1]:
    /// 2·3 + 3·4 = 18; y10 reads x[1][0], x[2][0] under w[0][1], w[1][1]: 4·2 + 7·4 = 36; y11 = 5 + 12 + 24 + 36 = 77.
    @Test func paddingAndStride() throws {
        let (_, y) = try Self.conv(input: .image(channels: 1, height: 3, width: 3), filters: 1,
                                   window: Self.window(2, 2, stride: 2, pad: (1, 1, 1, 1)), weight: [1, 2, 3, 4],
                                   x: Self.image)
        #expect(y == [4, 18, 36, 77])
    }

    /// Dilation 2: the 2x2 kernel spans 3x3 and reads the corners 1, 3, 7, 9: 1·1 + 3·2 + 7·3 + 9·4 = 64.
    @Test func dilation() throws {
        let (network, y) = try Self.conv(input: .image(channels: 1, height: 3, width: 3), filters: 1,
                                         window: Self.window(2, 2, dilation: 2), weight: [1, 2, 3, 4], x: Self.image)
        #expect(network.outputShape == .image(channels: 1, height: 1, width: 1))
        #expect(y == [64])
    }

    /// PyTorch's `same` for a 2x2 kernel pads 0 above/left and 1 below/right (total 1, the extra after). With an
    /// all-ones kernel each output is the sum of x[i...i+1][j...j+1] inside the image: row 0: 1+2+4+5 = 12,
    /// 2+3+5+6 = 16, 3+6 = 9; row 1: 4+5+7+8 = 24, 28, 6+9 = 15; row 2: 7+8 = 15, 8+9 = 17, 9.
    @Test func samePaddingWithAnEvenKernel() throws {
        let same = Window2D.samePadding(kernel: 2, dilation: 1)
        #expect(same.before == 0 && same.after == 1)
        let (network, y) = try Self.conv(input: .image(channels: 1, height: 3, width: 3), filters: 1,
                                         window: Self.window(2, 2, pad: (same.before, same.after, same.before, same.after)),
                                         weight: [1, 1, 1, 1], x: Self.image)
        #expect(network.outputShape == .image(channels: 1, height: 3, width: 3))
        #expect(y == [12, 16, 9, 24, 28, 15, 15, 17, 9])
    }

    /// `same` keeps height and width for any kernel, dilation and input (stride 1): a 5x6 image under 2x4, 3x3
    /// dilation 2 and 4x1 kernels.
    @Test(arguments: [(2, 4, 1), (3, 3, 2), (4, 1, 1)])
    func sameKeepsTheSize(kh: Int, kw: Int, dilation: Int) throws {
        let rows = Window2D.samePadding(kernel: kh, dilation: dilation)
        let columns = Window2D.samePadding(kernel: kw, dilation: dilation)
        let window = Window2D(kernelHeight: kh, kernelWidth: kw, padTop: rows.before, padBottom: rows.after,
                              padLeft: columns.before, padRight: columns.after, dilationHeight: dilation,
                              dilationWidth: dilation)
        let network = try Network(inputShape: .image(channels: 2, height: 5, width: 6), nodes: [
            NodeSpec(name: "conv", operation: .conv2d(filters: 3, window: window, groups: 1, bias: true,
                                                      weightInit: .normal(mean: 0, std: 1), biasInit: .zeros)),
        ], output: "conv")
        #expect(network.shape(of: "conv") == .image(channels: 3, height: 5, width: 6))
        #expect(network.parameter(named: "conv.weight")?.shape == [3, 2, kh, kw])
    }

    /// Two channels A = [1, 2, 3, 4] and B = [10, 20, 30, 40] (2x2 each), two filters with 2x2 kernels.
    /// Groups 2: filter 0 reads A only with [1, 0, 0, 1]: 1 + 4 = 5; filter 1 reads B only with [0, 1, 1, 0]:
    /// 20 + 30 = 50. Groups 1 with the same kernels on both channels ([f, c] = the group kernel for every c):
    /// filter 0 = 5 + (10 + 40) = 55, filter 1 = (2 + 3) + 50 = 55.
    @Test func groups() throws {
        let x: [Float] = [1, 2, 3, 4, 10, 20, 30, 40]
        let input = FeatureShape.image(channels: 2, height: 2, width: 2)
        let (grouped, y) = try Self.conv(input: input, filters: 2, window: Self.window(2, 2), groups: 2,
                                         weight: [1, 0, 0, 1, 0, 1, 1, 0], x: x)
        #expect(grouped.parameter(named: "conv.weight")?.shape == [2, 1, 2, 2])
        #expect(y == [5, 50])
        let (_, full) = try Self.conv(input: input, filters: 2, window: Self.window(2, 2),
                                      weight: [1, 0, 0, 1, 1, 0, 0, 1, 0, 1, 1, 0, 0, 1, 1, 0], x: x)
        #expect(full == [55, 55])
    }

    /// Depthwise (groups = channels), 1x1 kernels [2, -1], biases [0, 1]: each channel scaled on its own:
    /// A · 2 and B · -1 + 1.
    @Test func depthwise() throws {
        let (_, y) = try Self.conv(input: .image(channels: 2, height: 2, width: 2), filters: 2, window: Self.window(1, 1),
                                   groups: 2, weight: [2, -1], bias: [0, 1], x: [1, 2, 3, 4, 10, 20, 30, 40])
        #expect(y == [2, 4, 6, 8, -9, -19, -29, -39])
    }

    /// dirac with `same` padding (3x3, padding 1) copies the input: 2 channels in, 3 filters out, the third zero.
    @Test func diracCopiesTheInput() throws {
        let network = try Network(inputShape: .image(channels: 2, height: 3, width: 4), nodes: [
            NodeSpec(name: "conv", operation: .conv2d(filters: 3, window: Self.window(3, 3, pad: (1, 1, 1, 1)), groups: 1,
                                                      bias: true, weightInit: .dirac, biasInit: .dirac)),
        ], output: "conv")
        network.initialize(seed: 0)
        let x = GradientCheck.randomValues(24, key: "test/x")
        #expect(Array(try network.forward(x, batch: 1)) == x + [Float](repeating: 0, count: 12))
    }
}
