/// A sliding window over an image's height and width, PyTorch's `Conv2d`/`MaxPool2d`/`AvgPool2d` geometry:
/// kernel, stride, zero padding on each side and dilation.
///
/// Output size along one axis (PyTorch's formula, `ceil_mode=False`):
/// `out = floor((in + pad_before + pad_after - dilation · (kernel - 1) - 1) / stride) + 1`.
/// Padding is given per side so that `same` with an even kernel can pad one more after than before, as PyTorch
/// does (`total = dilation · (kernel - 1)`, `before = total / 2`, `after = total - before`).
public struct Window2D: Sendable, Hashable, Codable {
    public var kernelHeight: Int
    public var kernelWidth: Int
    public var strideHeight: Int
    public var strideWidth: Int
    public var padTop: Int
    public var padBottom: Int
    public var padLeft: Int
    public var padRight: Int
    public var dilationHeight: Int
    public var dilationWidth: Int

    public init(kernelHeight: Int, kernelWidth: Int, strideHeight: Int = 1, strideWidth: Int = 1,
                padTop: Int = 0, padBottom: Int = 0, padLeft: Int = 0, padRight: Int = 0,
                dilationHeight: Int = 1, dilationWidth: Int = 1) {
        self.kernelHeight = kernelHeight
        self.kernelWidth = kernelWidth
        self.strideHeight = strideHeight
        self.strideWidth = strideWidth
        self.padTop = padTop
        self.padBottom = padBottom
        self.padLeft = padLeft
        self.padRight = padRight
        self.dilationHeight = dilationHeight
        self.dilationWidth = dilationWidth
    }

    /// A pool's largest padding on each side, `kernel / 2` per axis: PyTorch's `pool2d_shape_check` requires both
    /// `pad <= kernel / 2` ("pad should be smaller than or equal to half of kernel size") and `pad <= extent / 2`
    /// with `extent = dilation · (kernel - 1) + 1` ("at most half of effective kernel size"); the extent is never
    /// smaller than the kernel, so the first is the limit (a kernel 3 dilated by 3 spans 7 cells but takes padding
    /// 1, not 3). The validator (LayerDecoder+Windows) and the engine (Network+ImageBuild) both ask it.
    public var maximumPoolPadding: (height: Int, width: Int) { (kernelHeight / 2, kernelWidth / 2) }

    /// Whether every side's padding is within `maximumPoolPadding`.
    public var poolPaddingFits: Bool {
        let most = maximumPoolPadding
        return max(padTop, padBottom) <= most.height && max(padLeft, padRight) <= most.width
    }

    /// The span one window covers along an axis: `dilation · (kernel - 1) + 1`.
    public var extentHeight: Int { dilationHeight * (kernelHeight - 1) + 1 }
    public var extentWidth: Int { dilationWidth * (kernelWidth - 1) + 1 }

    /// The output size along one axis, or nil when not one window fits (the padded input is shorter than the
    /// window's extent) or a value is out of range (kernel, stride or dilation below 1, negative padding).
    public static func outputLength(input: Int, kernel: Int, stride: Int, padBefore: Int, padAfter: Int,
                                    dilation: Int) -> Int? {
        guard input > 0, kernel > 0, stride > 0, dilation > 0, padBefore >= 0, padAfter >= 0 else { return nil }
        let (extent, overflow) = dilation.multipliedReportingOverflow(by: kernel - 1)
        guard !overflow, input <= Int(Int32.max), padBefore <= Int(Int32.max), padAfter <= Int(Int32.max) else {
            return nil
        }
        let padded = input + padBefore + padAfter
        guard extent < padded else { return nil }
        return (padded - extent - 1) / stride + 1
    }

    /// `(height, width)` of the output for an input of this height and width, or nil when either axis leaves no
    /// window.
    public func output(height: Int, width: Int) -> (height: Int, width: Int)? {
        guard let outHeight = Self.outputLength(input: height, kernel: kernelHeight, stride: strideHeight,
                                                padBefore: padTop, padAfter: padBottom, dilation: dilationHeight),
              let outWidth = Self.outputLength(input: width, kernel: kernelWidth, stride: strideWidth,
                                               padBefore: padLeft, padAfter: padRight, dilation: dilationWidth)
        else { return nil }
        return (outHeight, outWidth)
    }

    /// PyTorch's `padding='same'` along one axis (stride 1): `total = dilation · (kernel - 1)`, `total / 2` before
    /// and the rest after.
    public static func samePadding(kernel: Int, dilation: Int) -> (before: Int, after: Int) {
        let total = dilation * (kernel - 1)
        return (total / 2, total - total / 2)
    }
}
