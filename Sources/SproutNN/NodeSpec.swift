import SproutShapes

/// One node of a network graph, as the builder in SproutTraining describes it: plain values, no config types.
public struct NodeSpec: Sendable {
    public enum Operation: Sendable {
        /// A fully connected layer (`Dense.swift`); `bias: false` leaves out the bias parameter (and `biasInit`
        /// is then unused).
        case dense(units: Int, bias: Bool, weightInit: Initializer, biasInit: Initializer)
        /// An elementwise activation (`Activation.swift`).
        case activation(Activation)
        /// Inverted dropout with drop probability `rate` in [0, 1] (`Dropout.swift`).
        case dropout(rate: Float)
        /// Per-example normalization (`LayerNorm.swift`); `affine` adds `weight` and `bias` of the width.
        case layerNorm(eps: Float, affine: Bool)
        /// Per-feature normalization over the batch with running statistics (`BatchNorm.swift`).
        case batchNorm(momentum: Float, eps: Float, affine: Bool)
        /// The elementwise sum of two or more inputs of one width (`Merge.swift`).
        case add
        /// Two or more inputs side by side, widths adding up (`Merge.swift`); images of one height and width are
        /// joined along their channels (`torch.cat(dim=1)`), which in NCHW is the same per-example concatenation.
        case concat
        /// PyTorch's `nn.Conv2d` on an image (`Conv2D.swift`): `filters` output channels, each reading
        /// `channels / groups` input channels through `window`; weight `[filters, channels / groups, kh, kw]`,
        /// bias `[filters]`. Fans as PyTorch: `fanIn = channels / groups · kh · kw`, `fanOut = filters · kh · kw`.
        case conv2d(filters: Int, window: Window2D, groups: Int, bias: Bool, weightInit: Initializer,
                    biasInit: Initializer)
        /// PyTorch's `nn.MaxPool2d` (`ceil_mode=False`): the largest value of each window, padding counting as
        /// -infinity (`MaxPool2D.swift`).
        case maxPool2d(Window2D)
        /// PyTorch's `nn.AvgPool2d` (`ceil_mode=False`): the mean of each window; padding counts as zeros in the
        /// divisor when `countIncludePad` (PyTorch's default), otherwise only the input cells are counted
        /// (`AvgPool2D.swift`).
        case avgPool2d(Window2D, countIncludePad: Bool)
        /// The mean of each channel over its height and width: image `[C, H, W]` -> flat `[C]`
        /// (`nn.AdaptiveAvgPool2d(1)` then `flatten`, Keras' `GlobalAveragePooling2D`).
        case globalAvgPool
        /// An image read as a flat vector of `C · H · W` values (`torch.flatten(x, 1)`): the same values.
        case flatten

        /// add and concat read two or more inputs; every other operation one (none naming the network input).
        var isMerge: Bool {
            switch self {
            case .add, .concat: return true
            default: return false
            }
        }
    }

    /// Unique within the network; parameters are named `"<name>.weight"` and `"<name>.bias"`.
    public var name: String
    public var operation: Operation
    /// The names of the nodes this one reads; empty means the network input. A merge (add, concat) names two or more nodes;
    /// every other operation at most one.
    public var inputs: [String]

    public init(name: String, operation: Operation, inputs: [String] = []) {
        self.name = name
        self.operation = operation
        self.inputs = inputs
    }
}

/// An internal inconsistency in a graph or in the buffers handed to it. The config layer has already validated user
/// input, so these indicate a bug in the caller; they are thrown, never trapped on.
public enum NetworkError: Error, Equatable, Sendable {
    /// An `Initializer.values` whose count is not the parameter's.
    case initializerCountMismatch(parameter: String, expected: Int, actual: Int)
    case invalidInputWidth(Int)
    case invalidUnits(node: String, units: Int)
    /// A node that needs an image (conv2d, the pools, flatten) given flat features, or one that needs flat features
    /// (dense) given an image; or a window that leaves nothing of its input, a group count that does not divide the
    /// channels: what the validator reports for a config, found here only when a caller skipped it.
    case invalidShape(node: String, shape: String, reason: String)
    case duplicateNode(String)
    case unknownInput(node: String, input: String)
    case unknownOutput(String)
    case unsupportedInputCount(node: String, count: Int)
    case widthMismatch(node: String, widths: [Int])
    case invalidRate(node: String, rate: Float)
    case cycle(nodes: [String])
    case sizeTooLarge(node: String)
    case invalidBatch(Int)
    case bufferSizeMismatch(argument: String, expected: Int, actual: Int)
    case backwardBeforeForward
    /// A saved training state (resuming a run) that does not fit this network or optimizer: what does not.
    case trainingStateMismatch(String)
}
