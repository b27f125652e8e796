import Testing
@testable import SproutNN
import SproutShapes

/// The products a training step makes, listed for the benchmark's sgemm limit, against the shapes worked out by hand
/// from Dense's and Conv2D's doc comments; and the limit's arithmetic.
@Suite struct MatrixProductTests {
    /// conv (1 → 4 filters, 3×3, padding 1, groups 1) on [1, 5, 5] -> [4, 5, 5]; flatten -> 100; dense 100 -> 3.
    /// Batch 2. Conv, per example (2 of them): forward (4, 25, 9), weight gradient (4, 9, 25), no input gradient (it
    /// reads the data). Dense: forward (2, 3, 100), weight gradient (3, 100, 2), input gradient (2, 100, 3).
    @Test func aConvNetListsItsProductsByHand() throws {
        let window = Window2D(kernelHeight: 3, kernelWidth: 3, padTop: 1, padBottom: 1, padLeft: 1, padRight: 1)
        let network = try Network(inputShape: .image(channels: 1, height: 5, width: 5), nodes: [
            NodeSpec(name: "conv", operation: .conv2d(filters: 4, window: window, groups: 1, bias: true,
                                                     weightInit: .zeros, biasInit: .zeros)),
            NodeSpec(name: "flat", operation: .flatten, inputs: ["conv"]),
            NodeSpec(name: "out", operation: .dense(units: 3, bias: true, weightInit: .zeros, biasInit: .zeros),
                     inputs: ["flat"]),
        ], output: "out")
        let products = network.matrixProducts(batch: 2)
        #expect(products == [
            MatrixProduct(.forward, transA: false, transB: false, m: 4, n: 25, k: 9, count: 2),
            MatrixProduct(.weightGradient, transA: false, transB: true, m: 4, n: 9, k: 25, count: 2),
            MatrixProduct(.forward, transA: false, transB: true, m: 2, n: 3, k: 100),
            MatrixProduct(.weightGradient, transA: true, transB: false, m: 3, n: 100, k: 2),
            MatrixProduct(.inputGradient, transA: false, transB: false, m: 2, n: 100, k: 3),
        ])
        // Forward multiply-adds: 2 · 4 · 25 · 9 = 1800 for the conv, 2 · 3 · 100 = 600 for the dense layer.
        #expect(products.filter { $0.role == .forward }.reduce(0) { $0 + $1.multiplyAdds } == 2400)
        // Dense biases, which the peers' `6 · parameters` counts: 3.
        #expect(network.denseBiasCount == 3)
    }

    /// Groups split a product: 2 groups of 2 filters each reading 1 of 2 channels, 1×1 kernel, on [2, 3, 3], batch
    /// 1, behind another node (so the input gradient is made): each group (2, 9, 1) forward, (2, 1, 9) weight
    /// gradient, (1, 9, 2) input gradient, twice.
    @Test func groupsMultiplyTheCount() throws {
        let window = Window2D(kernelHeight: 1, kernelWidth: 1)
        let network = try Network(inputShape: .image(channels: 2, height: 3, width: 3), nodes: [
            NodeSpec(name: "act", operation: .activation(.relu)),
            NodeSpec(name: "conv", operation: .conv2d(filters: 4, window: window, groups: 2, bias: false,
                                                     weightInit: .zeros, biasInit: .zeros), inputs: ["act"]),
        ], output: "conv")
        #expect(network.matrixProducts(batch: 1) == [
            MatrixProduct(.forward, transA: false, transB: false, m: 2, n: 9, k: 1, count: 2),
            MatrixProduct(.weightGradient, transA: false, transB: true, m: 2, n: 1, k: 9, count: 2),
            MatrixProduct(.inputGradient, transA: true, transB: false, m: 1, n: 9, k: 2, count: 2),
        ])
    }

    /// The limit adds each product's time as many times as a step makes it, and reports flops over that time.
    @Test func theCeilingCountsEveryCall() {
        let products = [MatrixProduct(.forward, transA: false, transB: true, m: 8, n: 8, k: 8, count: 3),
                        MatrixProduct(.weightGradient, transA: true, transB: false, m: 8, n: 8, k: 8, count: 1)]
        let ceiling = SgemmCeiling.measure(products, minimumSeconds: 0.001)
        #expect(ceiling.products.count == 2)
        let perCall = ceiling.products.map(\.secondsPerCall)
        #expect(perCall.allSatisfy { $0 > 0 && $0.isFinite })
        #expect(abs(ceiling.secondsPerStep - (3 * perCall[0] + perCall[1])) <= 1e-15)
        // 4 products of 2 · 8³ = 1024 flops each.
        #expect(abs(ceiling.gigaflops - 4096 / ceiling.secondsPerStep * 1e-9) <= 1e-9 * ceiling.gigaflops)
    }
}
