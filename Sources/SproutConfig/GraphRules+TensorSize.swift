import SproutDiagnostics
import SproutShapes

/// One tensor holds at most 2^31 - 1 float32 values (8 GiB, `ResourceRules.maxBytes`; with its gradient twice
/// that): the most an Int32 dimension of BLAS counts. Padding can make a convolution's output, and a kernel as
/// large as the padded image its weight, far larger: up to 2^95 values, past what an Int counts at all. Shape
/// inference refuses such a node at its line (memory-limit) before anything multiplies its dimensions, so every
/// shape it keeps has a count that fits. A conv2d's im2col buffer is held to the same limit (`columnsFit`).
extension GraphRules {
    static let maxTensorValues = Int(Int32.max)

    /// The product of `dimensions` when it is at most `maxTensorValues`; nil past it (overflow included).
    static func tensorValues(_ dimensions: [Int]) -> Int? {
        var product = 1
        for dimension in dimensions {
            let (next, overflow) = product.multipliedReportingOverflow(by: dimension)
            guard !overflow, next <= maxTensorValues else { return nil }
            product = next
        }
        return product
    }

    /// The output shape when it fits in one tensor; nil after reporting it.
    static func boundedOutput(_ shape: FeatureShape, _ node: LayerSpec, _ what: String, help: String,
                              _ reporter: GraphReporter?) -> FeatureShape? {
        if tensorValues(shape.dimensions) != nil { return shape }
        reporter?.report(.memoryLimit, node,
                         "\(what) gives \(shape.description): more values per example than the \(maxTensorValues) (8 GiB of float32) one tensor may hold",
                         help: [help])
        return nil
    }

    /// Whether a conv2d's weight `[filters, channels / groups, kh, kw]` fits in one tensor; false after reporting it.
    static func weightFits(_ conv: ConvolutionSpec, channels: Int, _ node: LayerSpec, _ what: String,
                           _ reporter: GraphReporter?) -> Bool {
        let weight = [conv.filters, channels / conv.groups, conv.kernel.height, conv.kernel.width]
        if tensorValues(weight) != nil { return true }
        let shape = "[" + weight.map(String.init).joined(separator: ", ") + "]"
        reporter?.report(.memoryLimit, node, detail: "weight",
                         "\(what) has a weight of \(shape): more values than the \(maxTensorValues) (8 GiB of float32) one tensor may hold",
                         help: ["use a smaller kernel_size or fewer filters"])
        return false
    }

    /// Whether a conv2d's unfolded input fits in one tensor; false after reporting it. The engine (SproutNN's
    /// Conv2D) multiplies each example's image as im2col columns: one buffer of `C · kh · kw` rows by `OH · OW`
    /// columns (every group's rows, `C/G · kh · kw` each, side by side), and a second of that size for their gradient
    /// in backward; it refuses a buffer past BLAS's 32-bit sizes when it builds the network. So the count
    /// `C · kh · kw · OH · OW` must fit in one tensor, like the weight and the output: a large kernel slid over a
    /// padded image can pass both (kernel 64 padded by 400 on an 8x8 image: weight 4096, output 745x745, columns
    /// 4096 · 555025 ≈ 2.3 · 10⁹ values).
    static func columnsFit(_ conv: ConvolutionSpec, channels: Int, output: (height: Int, width: Int),
                           _ node: LayerSpec, _ what: String, _ reporter: GraphReporter?) -> Bool {
        let rows = [channels, conv.kernel.height, conv.kernel.width], columns = [output.height, output.width]
        if tensorValues(rows + columns) != nil { return true }
        // A side past the limit on its own (kernel and padding near 2³¹) is written as its factors.
        let rowCount = tensorValues(rows), columnCount = tensorValues(columns)
        let rowText = rowCount.map(String.init) ?? rows.map(String.init).joined(separator: " · ")
        let columnText = columnCount.map(String.init) ?? "\(output.height) · \(output.width)"
        var total = ""
        if let rowCount, let columnCount { total = " (\(rowCount * columnCount) values)" }
        reporter?.report(.memoryLimit, node,
                         "\(what) unfolds each example into a \(rowText) x \(columnText) matrix\(total) for its products (im2col: channels · kh · kw rows, one column per output position): more than the \(maxTensorValues) (8 GiB of float32) one tensor may hold",
                         help: ["use a smaller kernel_size, a larger stride or less padding, or give it a smaller image (fewer channels, or pooled before it)"])
        return false
    }
}
