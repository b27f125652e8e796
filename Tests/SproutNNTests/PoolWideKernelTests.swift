import SproutShapes
import Testing
@testable import SproutNN

/// Pools whose kernel is far wider than their input, as the validator admits them (kernel_size up to 2³¹ − 1,
/// padding up to half of it) and as a model.json can state them: the work and the tables follow the cells the
/// windows read, not the kernel, and sizes past an Int are errors, never traps. Expected values worked out by hand.
@Suite struct PoolWideKernelTests {
    /// 2³¹ − 1 and its half, rounded down: the worst window the validator admits on each axis.
    static let kernel = Int(Int32.max), half = Int(Int32.max) / 2

    /// Kernel `k` on both axes, stride 1, padding `pad` on every side.
    static func window(_ k: Int, pad: Int) -> Window2D {
        Window2D(kernelHeight: k, kernelWidth: k, padTop: pad, padBottom: pad, padLeft: pad, padRight: pad)
    }

    /// x = [[3, 1, 4, 1], [5, 9, 2, 6], [5, 3, 5, 8], [9, 7, 9, 3]]: sum 80, maximum 9 (first at cell 5, then 12
    /// and 14), minimum 1 (first at cell 1, then 3).
    static let x: [Float] = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3]
    static let image = FeatureShape.image(channels: 1, height: 4, width: 4)

    /// Kernel K = 2³¹ − 1 padded by P = 2³⁰ − 1 on a 4-wide axis: the padded axis is 4 + 2P = 2³¹ + 2 long, so there are
    /// 2³¹ + 2 − K + 1 = 4 windows. Window `o` starts at `o − P`: its taps `kj` on the image are `P − o ..< P − o + 4`,
    /// so the taps any window reads are `P − 3 ..< P + 4`, 7 of them (2 · 4 − 1), and the table holds two bounds
    /// each. Ordinary windows are unchanged: kernel 3, padding 1 reads taps 0 ..< 3 (window 0 taps 1, 2; window 3
    /// taps 0, 1); kernel 9, padding 4 on a 2-wide axis has 2 windows, reading taps 4, 5 and 3, 4: 3 ..< 6.
    @Test func touchedKernelColumns() throws {
        let wide = try #require(SlidingWindow(window: Self.window(Self.kernel, pad: Self.half), channels: 1, height: 4,
                                              width: 4))
        #expect(wide.outputWidth == 4 && wide.outputHeight == 4)
        let p = Self.half
        #expect(wide.touchedKernelColumns() == (p - 3)..<(p + 4))
        #expect(wide.outputColumnTable(wide.touchedKernelColumns()).count == 14)
        #expect(wide.kernelColumns(0) == p..<(p + 4) && wide.kernelColumns(3) == (p - 3)..<(p + 1))
        let small = try #require(SlidingWindow(window: Self.window(3, pad: 1), channels: 1, height: 4, width: 4))
        #expect(small.touchedKernelColumns() == 0..<3)
        let narrow = try #require(SlidingWindow(window: Self.window(9, pad: 4), channels: 1, height: 2, width: 2))
        #expect(narrow.outputWidth == 2 && narrow.touchedKernelColumns() == 3..<6)
    }

    static func run(_ operation: NodeSpec.Operation, x: [Float], batch: Int, gradient: [Float])
        throws -> (y: [Float], dx: [Float]) {
        let network = try Network(inputShape: Self.image, nodes: [NodeSpec(name: "pool", operation: operation)],
                                  output: "pool")
        #expect(network.outputShape == .image(channels: 1, height: 4, width: 4))
        let y = Array(try network.forward(x, batch: batch))
        var dx = [Float]()
        try network.backward(outputGradient: gradient, inputGradient: &dx)
        return (y, dx)
    }

    /// dy = 1, 2, ..., 16 per example: Σ dy = 136.
    static let gradient: [Float] = (1...16).map(Float.init)

    /// Every one of the 16 windows holds the whole image (window `(oh, ow)` spans rows `oh − P ... oh + P`), so each
    /// output is the image's maximum, 9, and every gradient goes to its first 9 in window order (row by row), cell
    /// 5: 136 there. The second example, −x, has maximum −1, first at cell 1.
    @Test func maxPoolOverTheWholeImage() throws {
        let (y, dx) = try Self.run(.maxPool2d(Self.window(Self.kernel, pad: Self.half)), x: Self.x + Self.x.map { -$0 },
                                   batch: 2, gradient: Self.gradient + Self.gradient)
        #expect(y == [Float](repeating: 9, count: 16) + [Float](repeating: -1, count: 16))
        var expected = [Float](repeating: 0, count: 32)
        expected[5] = 136
        expected[16 + 1] = 136
        #expect(dx == expected)
    }

    /// Without the padding counted, each window's mean is the image's, 80 / 16 = 5, and each cell gets Σ dy / 16 =
    /// 136 / 16 = 8.5. With it, the divisor is the whole window, K² = (2³¹ − 1)² = 2⁶² − 2³² + 1, which rounds to
    /// 2⁶² as a Float (within 2³² of it, where Floats are 2³⁸ apart): 80 / 2⁶² and 136 / 2⁶², exactly (a power of
    /// two). Int(1) << 62 is that divisor, written independently of the layer's product.
    @Test(arguments: [false, true])
    func avgPoolOverTheWholeImage(countIncludePad: Bool) throws {
        let (y, dx) = try Self.run(.avgPool2d(Self.window(Self.kernel, pad: Self.half), countIncludePad: countIncludePad),
                                   x: Self.x, batch: 1, gradient: Self.gradient)
        let divisor: Float = countIncludePad ? Float(Int(1) << 62) : 16
        #expect(y == [Float](repeating: 80 / divisor, count: 16))
        #expect(dx == [Float](repeating: 136 / divisor, count: 16))
    }

    /// A model.json can hold numbers no config can (`sprout predict` rebuilds the network from it). A kernel of
    /// 2³² + 2 padded by 2³¹ − 1 fits the 4-wide image (4 + 2 · (2³¹ − 1) = 2³² + 2 cells, one window) and its padding
    /// is half the kernel: a max pool takes it (one output, the maximum 9), but an average pool's K² passes an Int
    /// (about 2⁶⁴), an error instead of an overflow trap. A conv2d padded by 2³¹ − 1 has 2³² + 2 output rows and as
    /// many columns: OH · OW passes an Int too.
    @Test func sizesPastAnIntAreErrors() throws {
        let huge = Self.window((1 << 32) + 2, pad: Int(Int32.max))
        let max = try Network(inputShape: Self.image, nodes: [NodeSpec(name: "pool", operation: .maxPool2d(huge))],
                              output: "pool")
        #expect(max.outputShape == .image(channels: 1, height: 1, width: 1))
        #expect(Array(try max.forward(Self.x, batch: 1)) == [9])
        do {
            _ = try Network(inputShape: Self.image,
                            nodes: [NodeSpec(name: "pool", operation: .avgPool2d(huge, countIncludePad: true))],
                            output: "pool")
            Issue.record("an average pool whose kernel has 2⁶⁴ cells was built")
        } catch {
            guard case .invalidShape(let node, _, let reason) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(node == "pool" && reason.contains("4294967298x4294967298 kernel"), "\(reason)")
        }
        let conv = NodeSpec(name: "conv", operation: .conv2d(filters: 1, window: Self.window(1, pad: Int(Int32.max)),
                                                             groups: 1, bias: false, weightInit: .zeros, biasInit: .zeros))
        #expect(throws: NetworkError.sizeTooLarge(node: "conv")) {
            try Network(inputShape: Self.image, nodes: [conv], output: "conv")
        }
    }
}
