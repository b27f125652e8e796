import SproutShapes

/// The nodes that read an image: conv2d, max_pool2d, avg_pool2d, global_avg_pool and flatten, each checked as
/// PyTorch checks it (groups dividing channels and filters, a window that fits the padded input, pool padding at
/// most half the kernel) and sized within BLAS's 32-bit dimensions, so a wrong shape is an error, never a trap.
/// The numbers can come from a model.json (`sprout predict`, `evaluate`), not only from a validated config: every
/// product is checked (`checkedProduct`, the output height and width as separate factors, since `OH · OW` alone can
/// pass an Int when the padding is near 2³¹).
extension Network {
    static func makeImageLayer(_ spec: NodeSpec, input: FeatureShape) throws(NetworkError) -> (any Layer, FeatureShape) {
        guard case .image(let channels, let height, let width) = input else {
            throw .invalidShape(node: spec.name, shape: input.description,
                                reason: "\(spec.operation.typeName) reads an image [channels, height, width], "
                                    + "not flat features")
        }
        func fail(_ reason: String) -> NetworkError { .invalidShape(node: spec.name, shape: input.description, reason: reason) }
        func place(_ window: Window2D) throws(NetworkError) -> SlidingWindow {
            guard let geometry = SlidingWindow(window: window, channels: channels, height: height, width: width) else {
                throw fail(windowProblem(window, height: height, width: width))
            }
            return geometry
        }
        switch spec.operation {
        case .conv2d(let filters, let window, let groups, let bias, let weightInit, let biasInit):
            guard filters > 0 else { throw .invalidUnits(node: spec.name, units: filters) }
            guard groups > 0, channels % groups == 0 else {
                throw fail("groups \(groups) does not divide the \(channels) input channels")
            }
            guard filters % groups == 0 else { throw fail("groups \(groups) does not divide the \(filters) filters") }
            let geometry = try place(window)
            // The weight [F, C/G, kh, kw], one example's columns (C · kh · kw, OH · OW) and the output [F, OH, OW].
            let outputHeight = geometry.outputHeight, outputWidth = geometry.outputWidth
            guard let weightCount = checkedProduct([filters, channels / groups, window.kernelHeight, window.kernelWidth]),
                  checkedProduct([channels, window.kernelHeight, window.kernelWidth, outputHeight, outputWidth]) != nil,
                  checkedProduct([filters, outputHeight, outputWidth]) != nil
            else { throw .sizeTooLarge(node: spec.name) }
            try checkCount(weightInit, parameter: "\(spec.name).weight", count: weightCount)
            if bias { try checkCount(biasInit, parameter: "\(spec.name).bias", count: filters) }
            let layer = Conv2D(name: spec.name, geometry: geometry, filters: filters, groups: groups, bias: bias,
                               weightInitializer: weightInit, biasInitializer: biasInit)
            return (layer, .image(channels: filters, height: geometry.outputHeight, width: geometry.outputWidth))
        case .maxPool2d(let window):
            let geometry = try place(window)
            try checkPoolPadding(window, "max_pool2d", fail)
            guard checkedProduct([channels, geometry.outputHeight, geometry.outputWidth]) != nil else {
                throw .sizeTooLarge(node: spec.name)
            }
            return (MaxPool2D(geometry: geometry),
                    .image(channels: channels, height: geometry.outputHeight, width: geometry.outputWidth))
        case .avgPool2d(let window, let countIncludePad):
            guard window.dilationHeight == 1, window.dilationWidth == 1 else {
                throw fail("avg_pool2d has no dilation (PyTorch's AvgPool2d)")
            }
            let geometry = try place(window)
            try checkPoolPadding(window, "avg_pool2d", fail)
            guard checkedProduct([channels, geometry.outputHeight, geometry.outputWidth]) != nil else {
                throw .sizeTooLarge(node: spec.name)
            }
            guard let layer = AvgPool2D(geometry: geometry, countIncludePad: countIncludePad) else {
                throw fail("avg_pool2d's \(window.kernelHeight)x\(window.kernelWidth) kernel has more cells than an Int "
                           + "counts (its divisor kh · kw)")
            }
            return (layer, .image(channels: channels, height: geometry.outputHeight, width: geometry.outputWidth))
        case .globalAvgPool:
            return (GlobalAvgPool(channels: channels, planeSize: height * width), .flat(channels))
        case .flatten:
            return (Flatten(width: input.count), .flat(input.count))
        case .dense, .activation, .dropout, .layerNorm, .batchNorm, .add, .concat:
            throw .unsupportedInputCount(node: spec.name, count: spec.inputs.count)
        }
    }

    /// PyTorch's `pool2d_shape_check`: `kW / 2 >= padW && kH / 2 >= padH` ("pad should be smaller than or equal to
    /// half of kernel size"), the undilated kernel; its other rule, at most half the dilated extent, follows
    /// (`extent >= kernel`). Besides agreeing with PyTorch, it bounds the pools' work: the first and the last window
    /// then start at most `W + 2 · pad - extent <= W` cells apart, so the sweep visits at most `2 · W / dw + 2` kernel
    /// columns however wide the kernel (`SlidingWindow.touchedKernelColumns`).
    static func checkPoolPadding(_ window: Window2D, _ type: String,
                                 _ fail: (String) -> NetworkError) throws(NetworkError) {
        let most = window.maximumPoolPadding
        guard window.poolPaddingFits else {
            throw fail("\(type)'s padding must be at most half its \(window.kernelHeight)x\(window.kernelWidth) kernel, "
                       + "[\(most.height), \(most.width)] (PyTorch's rule)")
        }
    }

    /// The product, or nil when it overflows or passes BLAS's 32-bit limit.
    static func checkedProduct(_ factors: [Int]) -> Int? {
        var product = 1
        for index in factors.indices {
            let (next, overflow) = product.multipliedReportingOverflow(by: factors[index])
            guard !overflow, next <= BLAS.maximumDimension else { return nil }
            product = next
        }
        return product
    }

    /// Why `Window2D.output` found no output for this input.
    static func windowProblem(_ window: Window2D, height: Int, width: Int) -> String {
        let values = [window.kernelHeight, window.kernelWidth, window.strideHeight, window.strideWidth,
                      window.dilationHeight, window.dilationWidth]
        let pads = [window.padTop, window.padBottom, window.padLeft, window.padRight]
        guard values.allSatisfy({ $0 >= 1 }), pads.allSatisfy({ $0 >= 0 }) else {
            return "kernel, stride and dilation must be at least 1 and padding at least 0"
        }
        return "the \(window.kernelHeight)x\(window.kernelWidth) window (dilation \(window.dilationHeight)x"
            + "\(window.dilationWidth)) is larger than the padded \(height)x\(width) input "
            + "(padding \(window.padTop), \(window.padBottom), \(window.padLeft), \(window.padRight))"
    }
}

extension NodeSpec.Operation {
    /// The operation's name in messages: the config language's word for it.
    var typeName: String {
        switch self {
        case .dense: return "dense"
        case .activation: return "activation"
        case .dropout: return "dropout"
        case .layerNorm: return "layer_norm"
        case .batchNorm: return "batch_norm"
        case .add: return "add"
        case .concat: return "concat"
        case .conv2d: return "conv2d"
        case .maxPool2d: return "max_pool2d"
        case .avgPool2d: return "avg_pool2d"
        case .globalAvgPool: return "global_avg_pool"
        case .flatten: return "flatten"
        }
    }
}
