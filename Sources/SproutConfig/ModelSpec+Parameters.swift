import SproutShapes

/// Shapes and parameter counts of a model's nodes: what the memory rule, the safetensors checks, the warnings and
/// `sprout show` share.
extension ModelSpec {
    /// The output width of every node by name (see `GraphRules.widths`).
    public func widths() -> [String: Int] { GraphRules.widths(of: self) }

    /// The output shape of every node by name (see `GraphRules+Shapes`).
    public func shapes() -> [String: FeatureShape] { GraphRules.shapes(of: self) }

    /// The shape a single-input node reads: its input's, or the data's for a node reading nothing; nil when its
    /// input has none (a node after one whose input does not fit).
    public func inputShape(of node: LayerSpec, shapes: [String: FeatureShape]) -> FeatureShape? {
        guard let input = node.inputs.first else { return inputShape }
        return shapes[input]
    }

    /// Trainable parameters of a node: dense's and conv2d's weight and bias (`WeightShapes`); layer_norm a weight
    /// and a bias of its input's shape, batch_norm one per feature or, on an image, per channel (PyTorch's
    /// `BatchNorm2d`), when affine. batch_norm's running mean and variance are buffers, not parameters. Computed in
    /// Double: no product can overflow.
    public static func parameterCount(_ node: LayerSpec, input: FeatureShape) -> Double {
        parameterSizes(node, input: input).reduce(0, +)
    }

    /// The element count of each of a node's parameters, in state_dict order (weight, then bias): the terms of
    /// `parameterCount`, which the memory estimate also needs one by one (the engine's shared gradient arrays,
    /// `ResourceRules.lentGradientFloats`).
    static func parameterSizes(_ node: LayerSpec, input: FeatureShape) -> [Double] {
        if let shapes = WeightShapes(node.kind, input: input) {
            let weight = shapes.weight.reduce(1.0) { $0 * Double($1) }
            return shapes.bias.map { [weight, Double($0.first ?? 0)] } ?? [weight]
        }
        switch node.kind {
        case .layerNorm(_, let affine): return affine ? [Double(input.count), Double(input.count)] : []
        case .batchNorm(_, _, let affine):
            guard affine else { return [] }
            if case .image(let channels, _, _) = input { return [Double(channels), Double(channels)] }
            return [Double(input.count), Double(input.count)]
        default: return []
        }
    }
}

/// A dense or conv2d node's weight and bias shapes, as PyTorch's state_dict holds them, and the fans its
/// initializers use (PyTorch's `_calculate_fan_in_and_fan_out`: `fan_in = size(1) · receptive field`,
/// `fan_out = size(0) · receptive field`, the receptive field `kh · kw` for a convolution, 1 for dense).
public struct WeightShapes: Sendable, Hashable {
    /// dense `[units, inputs]`; conv2d `[filters, channels / groups, kh, kw]`.
    public var weight: [Int]
    /// `[units]` or `[filters]`; nil without a bias.
    public var bias: [Int]?
    public var fanIn: Int
    public var fanOut: Int

    /// Nil for a node without weights, a conv2d that does not read an image, or a kernel whose fans an Int cannot
    /// count (a weight past one tensor's limit, which shape inference reports: GraphRules+TensorSize).
    public init?(_ kind: LayerKind, input: FeatureShape) {
        switch kind {
        case .dense(let units, let bias):
            weight = [units, input.count]
            self.bias = bias ? [units] : nil
            (fanIn, fanOut) = (input.count, units)
        case .conv2d(let conv):
            guard case .image(let channels, _, _) = input, conv.groups > 0 else { return nil }
            let (field, o1) = conv.kernel.height.multipliedReportingOverflow(by: conv.kernel.width)
            let (fanIn, o2) = (channels / conv.groups).multipliedReportingOverflow(by: field)
            let (fanOut, o3) = conv.filters.multipliedReportingOverflow(by: field)
            guard !o1, !o2, !o3 else { return nil }
            weight = [conv.filters, channels / conv.groups, conv.kernel.height, conv.kernel.width]
            bias = conv.bias ? [conv.filters] : nil
            (self.fanIn, self.fanOut) = (fanIn, fanOut)
        default:
            return nil
        }
    }

    /// "dense layer" or "conv2d layer", for messages about a node's parameters.
    public static func noun(_ kind: LayerKind) -> String { "\(kind.typeName) layer" }
}
