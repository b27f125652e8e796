import SproutDiagnostics
import SproutShapes

/// Shape inference: every node's output shape from the data's, in topological order, with PyTorch's rules (the
/// same formulas the engine builds with, `Window2D` in SproutShapes). A node whose input cannot be read is
/// reported at its line with the shapes involved and gets no shape, so the nodes after it are not reported again.
///
/// - dense needs flat features and gives `[units]`; conv2d, the pools and flatten need an image;
/// - conv2d gives `[filters, out_h, out_w]`, a pool `[channels, out_h, out_w]`, both by
///   `out = floor((in + pads - dilation · (kernel - 1) - 1) / stride) + 1`;
/// - global_avg_pool gives `[channels]`, flatten `[C · H · W]`;
/// - add needs one shape; concat of images needs one height and width (channels add up), of flat features adds
///   widths; every other node keeps its input's shape;
/// - a conv2d's weight and its im2col columns, and a conv2d's, a pool's or a concat's output, must fit in one tensor
///   (GraphRules+TensorSize), so that every shape kept has a count that fits and the engine builds every node kept.
extension GraphRules {
    /// Every node's output shape by name (nodes on a cycle, and after a node whose input does not fit, get none).
    static func shapes(of model: ModelSpec) -> [String: FeatureShape] {
        computeShapes(model, reporter: nil)
    }

    /// With `inputKnown` false (data that could not be read), a node reading the data gets a shape only when it
    /// does not depend on the data's (a dense layer's `[units]`), and nothing about its input is reported.
    static func computeShapes(_ model: ModelSpec, inputKnown: Bool = true,
                              reporter: GraphReporter?) -> [String: FeatureShape] {
        var shapes: [String: FeatureShape] = [:]
        var index: [String: Int] = [:]
        for (i, node) in model.nodes.enumerated() where index[node.name] == nil { index[node.name] = i }
        for i in order(model).sorted {
            let node = model.nodes[i]
            if node.inputs.isEmpty && !inputKnown {
                if case .dense(let units, _) = node.kind { shapes[node.name] = .flat(units) }
                continue
            }
            let inputs = node.inputs.isEmpty ? [model.inputShape] : node.inputs.compactMap { shapes[$0] }
            guard !inputs.isEmpty, inputs.count == max(node.inputs.count, 1) else { continue }
            let source = ShapeSource(model: model, node: node, index: index)
            shapes[node.name] = shape(of: node, reading: inputs, source: source, reporter: reporter)
        }
        return shapes
    }

    /// Where a node's input comes from, for the messages: the data, or a node with its location.
    struct ShapeSource {
        let model: ModelSpec
        let node: LayerSpec
        let index: [String: Int]

        /// "the data" or "'pool1'".
        var name: String { node.inputs.first.map { "'\($0)'" } ?? "the data" }

        /// A note at the node that gives the input its shape ("'pool1' gives [6, 14, 14]"); none for the data.
        func note(_ shape: FeatureShape) -> [Diagnostic.Note] {
            guard let input = node.inputs.first, let i = index[input] else { return [] }
            return [Diagnostic.Note("'\(input)' gives \(shape.description)", at: model.nodes[i].location)]
        }
    }

    static func shape(of node: LayerSpec, reading inputs: [FeatureShape], source: ShapeSource,
                      reporter: GraphReporter?) -> FeatureShape? {
        let input = inputs[0]
        let what = "node '\(node.name)' (\(node.kind.typeName))"
        switch node.kind {
        case .dense(let units, _):
            if case .image = input {
                reporter?.report(.needsFlat, node, "\(what) reads flat features, but \(source.name) gives an image \(input.description)",
                                 notes: source.note(input),
                                 help: ["add a flatten node before it (- flatten), or a global_avg_pool to keep one value per channel"])
                return nil
            }
            return .flat(units)
        case .conv2d(let conv):
            guard case .image(let channels, let height, let width) = input else {
                reportNeedsImage(node, what, input, source, reporter)
                return nil
            }
            var fits = true
            if channels % conv.groups != 0 || conv.filters % conv.groups != 0 {
                let reason = channels % conv.groups != 0 ? "its \(channels) input channels" : "its \(conv.filters) filters"
                reporter?.report(.groupsMismatch, node, "\(what) splits into \(conv.groups) groups, which do not divide \(reason)",
                                 notes: source.note(input),
                                 help: ["groups must divide both the input channels (\(channels)) and filters (\(conv.filters))"])
                fits = false
            }
            if channels % conv.groups == 0, !weightFits(conv, channels: channels, node, what, reporter) { fits = false }
            guard let out = windowOutput(conv.window, height, width, node, what, input, source, reporter), fits,
                  let shape = boundedOutput(.image(channels: conv.filters, height: out.height, width: out.width), node,
                                            what, help: "use less padding, a larger stride or fewer filters", reporter),
                  columnsFit(conv, channels: channels, output: out, node, what, reporter)
            else { return nil }
            return shape
        case .maxPool2d(let pool), .avgPool2d(let pool, _):
            guard case .image(let channels, let height, let width) = input else {
                reportNeedsImage(node, what, input, source, reporter)
                return nil
            }
            guard let out = windowOutput(pool.window, height, width, node, what, input, source, reporter) else { return nil }
            return boundedOutput(.image(channels: channels, height: out.height, width: out.width), node, what,
                                 help: "use less padding or a larger stride", reporter)
        case .globalAvgPool, .flatten:
            guard case .image(let channels, _, _) = input else {
                reportNeedsImage(node, what, input, source, reporter)
                return nil
            }
            return node.kind == .flatten ? .flat(input.count) : .flat(channels)
        case .add:
            if Set(inputs).count > 1 {
                let list = zip(node.inputs, inputs).map { "'\($0)' is \($1.isImage ? $1.description : String($1.count))" }
                    .joined(separator: ", ")
                let images = inputs.contains(where: \.isImage)
                // A dense layer cannot read an image (needs-flat): for images, say what changes a shape.
                let help = images
                    ? "give them one shape: a conv2d with kernel_size 1 changes the channels, padding or pooling the height and width; or join them with concat"
                    : "use concat to put them side by side, or a dense layer to change a width"
                reporter?.report(.addWidthMismatch, node, "node '\(node.name)' (add) needs inputs of one \(images ? "shape" : "width"): \(list)",
                                 help: [help])
                return nil
            }
            return input
        case .concat:
            return concatShape(node, inputs, reporter).flatMap {
                boundedOutput($0, node, "node '\(node.name)' (concat)", help: "concatenate fewer or smaller inputs", reporter)
            }
        default:
            return input
        }
    }

    static func reportNeedsImage(_ node: LayerSpec, _ what: String, _ input: FeatureShape, _ source: ShapeSource,
                                 _ reporter: GraphReporter?) {
        let help = source.node.inputs.isEmpty
            ? "give the data an image shape: data.shape: [channels, height, width] (the product must be \(input.count))"
            : "read an image: a conv2d or pool output, or the data with data.shape set"
        reporter?.report(.needsImage, node, "\(what) reads an image [channels, height, width], but \(source.name) gives flat features \(input.description)",
                         notes: source.note(input), help: [help])
    }

    /// The window's output size, or nil after reporting a window that does not fit the (padded) image.
    static func windowOutput(_ window: Window2D, _ height: Int, _ width: Int, _ node: LayerSpec, _ what: String,
                             _ input: FeatureShape, _ source: ShapeSource,
                             _ reporter: GraphReporter?) -> (height: Int, width: Int)? {
        if let out = window.output(height: height, width: width) { return out }
        let paddedHeight = height + window.padTop + window.padBottom, paddedWidth = width + window.padLeft + window.padRight
        let padded = paddedHeight != height || paddedWidth != width ? ", padded to \(paddedHeight)x\(paddedWidth)" : ""
        let dilated = window.dilationHeight > 1 || window.dilationWidth > 1
            ? " (kernel \(window.kernelHeight)x\(window.kernelWidth) dilated)" : ""
        reporter?.report(.windowTooLarge, node,
                         "\(what) slides a \(window.extentHeight)x\(window.extentWidth) window\(dilated) over its input \(input.description)\(padded): the window does not fit",
                         notes: source.note(input),
                         help: ["use a smaller kernel_size or dilation, add padding, or pool less before it"])
        return nil
    }

    static func concatShape(_ node: LayerSpec, _ inputs: [FeatureShape], _ reporter: GraphReporter?) -> FeatureShape? {
        let images = inputs.compactMap { shape -> (channels: Int, height: Int, width: Int)? in
            if case .image(let c, let h, let w) = shape { return (c, h, w) }
            return nil
        }
        if images.isEmpty { return .flat(inputs.reduce(0) { $0 + $1.count }) }
        let list = zip(node.inputs, inputs).map { "'\($0)' is \($1.description)" }.joined(separator: ", ")
        guard images.count == inputs.count else {
            reporter?.report(.concatShapeMismatch, node, "node '\(node.name)' (concat) mixes images and flat features: \(list)",
                             help: ["flatten the images first (- flatten), or concatenate images only"])
            return nil
        }
        guard images.allSatisfy({ $0.height == images[0].height && $0.width == images[0].width }) else {
            reporter?.report(.concatShapeMismatch, node, "node '\(node.name)' (concat) joins images of different sizes: \(list)",
                             help: ["images are joined along their channels: give them one height and width (padding, or pooling)"])
            return nil
        }
        return .image(channels: images.reduce(0) { $0 + $1.channels }, height: images[0].height, width: images[0].width)
    }
}
