import SproutDiagnostics
import SproutShapes

/// One tensor holds at most 2^31 - 1 float32 values (8 GiB, `ResourceRules.maxBytes`; with its gradient twice
/// that): the most an Int32 dimension of BLAS counts. Padding can make a convolution's output, and a kernel as
/// large as the padded image its weight, far larger: up to 2^95 values, past what an Int counts at all. Shape
/// inference refuses such a node at its line (memory-limit) before anything multiplies its dimensions, so every
/// shape it keeps has a count that fits.
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
}
