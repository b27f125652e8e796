import SproutShapes

/// A size along an image's two axes, written as one number (both) or `[height, width]` (PyTorch's `_pair`).
public struct AxisPair: Sendable, Hashable, Codable {
    public var height: Int
    public var width: Int

    public init(_ height: Int, _ width: Int) {
        self.height = height
        self.width = width
    }

    /// `5` when both are equal, else `[5, 3]`: how the resolved config and messages write it.
    public var text: String { height == width ? "\(height)" : "[\(height), \(width)]" }
    /// `5x3`, for sentences about a kernel.
    public var size: String { "\(height)x\(width)" }
}

/// A convolution's padding: zeros on each side, or `same` (the output keeps the input's height and width; stride 1).
/// `valid` is `.zeros(AxisPair(0, 0))`.
public enum ConvolutionPadding: Sendable, Hashable, Codable {
    case zeros(AxisPair)
    case same

    public var text: String {
        switch self {
        case .zeros(let pair): return pair.text
        case .same: return "same"
        }
    }
}

/// `conv2d`'s settings (PyTorch's `nn.Conv2d`): weight `[filters, channels / groups, kh, kw]`, bias `[filters]`.
public struct ConvolutionSpec: Sendable, Hashable, Codable {
    public var filters: Int
    public var kernel: AxisPair
    public var stride: AxisPair
    public var padding: ConvolutionPadding
    public var dilation: AxisPair
    public var groups: Int
    public var bias: Bool

    public init(filters: Int, kernel: AxisPair, stride: AxisPair = AxisPair(1, 1), padding: ConvolutionPadding = .zeros(AxisPair(0, 0)),
                dilation: AxisPair = AxisPair(1, 1), groups: Int = 1, bias: Bool = true) {
        self.filters = filters
        self.kernel = kernel
        self.stride = stride
        self.padding = padding
        self.dilation = dilation
        self.groups = groups
        self.bias = bias
    }

    /// The window with its padding per side: `same` split as PyTorch does (`Window2D.samePadding`).
    public var window: Window2D {
        let (top, bottom): (Int, Int)
        let (left, right): (Int, Int)
        switch padding {
        case .zeros(let pair):
            (top, bottom, left, right) = (pair.height, pair.height, pair.width, pair.width)
        case .same:
            (top, bottom) = Window2D.samePadding(kernel: kernel.height, dilation: dilation.height)
            (left, right) = Window2D.samePadding(kernel: kernel.width, dilation: dilation.width)
        }
        return Window2D(kernelHeight: kernel.height, kernelWidth: kernel.width, strideHeight: stride.height,
                        strideWidth: stride.width, padTop: top, padBottom: bottom, padLeft: left, padRight: right,
                        dilationHeight: dilation.height, dilationWidth: dilation.width)
    }
}

/// `max_pool2d`'s and `avg_pool2d`'s window (PyTorch's `nn.MaxPool2d`, `nn.AvgPool2d`; stride defaults to the
/// kernel; average pooling has no dilation, so its `dilation` is always 1).
public struct PoolingSpec: Sendable, Hashable, Codable {
    public var kernel: AxisPair
    public var stride: AxisPair
    public var padding: AxisPair
    public var dilation: AxisPair

    public init(kernel: AxisPair, stride: AxisPair? = nil, padding: AxisPair = AxisPair(0, 0),
                dilation: AxisPair = AxisPair(1, 1)) {
        self.kernel = kernel
        self.stride = stride ?? kernel
        self.padding = padding
        self.dilation = dilation
    }

    public var window: Window2D {
        Window2D(kernelHeight: kernel.height, kernelWidth: kernel.width, strideHeight: stride.height,
                 strideWidth: stride.width, padTop: padding.height, padBottom: padding.height, padLeft: padding.width,
                 padRight: padding.width, dilationHeight: dilation.height, dilationWidth: dilation.width)
    }
}
