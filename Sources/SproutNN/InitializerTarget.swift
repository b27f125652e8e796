/// The tensor an initializer fills, as PyTorch's `torch.nn.init` sees it: its dimensions, its fans and (for
/// `dirac`) its convolution's groups. The fan rules of every layer live here.
///
/// Fans are PyTorch's `_calculate_fan_in_and_fan_out`: for a weight `[out, in, k...]`,
/// `fan_in = in · receptive field`, `fan_out = out · receptive field`, the receptive field being the product of the
/// kernel dimensions (1 for a dense weight). A bias `[out]` takes its layer's weight fans (PyTorch's rule rejects
/// 1-D tensors; `nn.Linear` and `nn.Conv2d` initialise their bias from the weight's fan-in).
///
/// The matrix view of `orthogonal`, `identity` and `sparse` is PyTorch's: `rows` = the first dimension, `columns` =
/// the product of the others (`[filters, channels / groups · kh · kw]` for a convolution's weight, `[out, 1]` for a
/// bias).
public struct InitializerTarget: Sendable, Hashable {
    /// `[units, inputs]`, `[units]`, `[filters, channels / groups, kh, kw]`.
    public let shape: [Int]
    public let fanIn: Int
    public let fanOut: Int
    /// The convolution's groups (`dirac` puts one identity per group); 1 for any other tensor.
    public let groups: Int

    public init(shape: [Int], fanIn: Int, fanOut: Int, groups: Int) {
        self.shape = shape
        self.fanIn = fanIn
        self.fanOut = fanOut
        self.groups = groups
    }

    /// A dense layer's weight `[units, inputs]`: `fanIn = inputs`, `fanOut = units`.
    public static func denseWeight(units: Int, inputs: Int) -> InitializerTarget {
        InitializerTarget(shape: [units, inputs], fanIn: inputs, fanOut: units, groups: 1)
    }

    /// A dense layer's bias `[units]`, with the weight's fans.
    public static func denseBias(units: Int, inputs: Int) -> InitializerTarget {
        InitializerTarget(shape: [units], fanIn: inputs, fanOut: units, groups: 1)
    }

    /// A convolution's weight `[filters, channels / groups, kh, kw]`: `fanIn = channels / groups · kh · kw`,
    /// `fanOut = filters · kh · kw` (PyTorch's rule: the output fan counts every filter, not a group's). The caller
    /// has checked that the sizes do not overflow (the weight's count fits BLAS's 32-bit sizes).
    public static func convolutionWeight(filters: Int, channels: Int, groups: Int, kernelHeight: Int,
                                         kernelWidth: Int) -> InitializerTarget {
        let field = kernelHeight * kernelWidth
        return InitializerTarget(shape: [filters, channels / groups, kernelHeight, kernelWidth],
                                 fanIn: channels / groups * field, fanOut: filters * field, groups: groups)
    }

    /// A convolution's bias `[filters]`, with the weight's fans (`nn.Conv2d` draws it from `U(±1/√fan_in)`).
    public static func convolutionBias(filters: Int, channels: Int, groups: Int, kernelHeight: Int,
                                       kernelWidth: Int) -> InitializerTarget {
        let weight = convolutionWeight(filters: filters, channels: channels, groups: groups,
                                       kernelHeight: kernelHeight, kernelWidth: kernelWidth)
        return InitializerTarget(shape: [filters], fanIn: weight.fanIn, fanOut: weight.fanOut, groups: groups)
    }

    /// The number of values: the product of `shape`.
    public var count: Int { shape.reduce(1, *) }

    /// The first dimension (0 for an empty tensor).
    public var rows: Int { count > 0 ? shape.first ?? 0 : 0 }

    /// The product of the other dimensions (0 for an empty tensor).
    public var columns: Int { rows > 0 ? count / rows : 0 }
}
