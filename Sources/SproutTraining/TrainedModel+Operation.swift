import SproutNN
import SproutRuns
import SproutShapes

extension TrainedModel {
    /// A conv2d's or a pool's window from model.json: `kernel_size`, `stride`, `dilation` as [height, width],
    /// `padding` as [top, bottom, left, right].
    static func window(_ node: ModelDescription.Node) throws -> Window2D {
        guard let kernel = node.kernelSize, kernel.count == 2, let stride = node.stride, stride.count == 2,
              let dilation = node.dilation, dilation.count == 2, let padding = node.padding, padding.count == 4 else {
            throw RunError.cannotBuild("node '\(node.name)' (\(node.type)) lacks its window: kernel_size, stride, dilation and padding")
        }
        return Window2D(kernelHeight: kernel[0], kernelWidth: kernel[1], strideHeight: stride[0], strideWidth: stride[1],
                        padTop: padding[0], padBottom: padding[1], padLeft: padding[2], padRight: padding[3],
                        dilationHeight: dilation[0], dilationWidth: dilation[1])
    }

    /// A model.json node as the engine's operation: the config's words and values, each rounded to Float once as
    /// `NetworkBuilder` does, so the network computes what the trained one did.
    static func operation(_ node: ModelDescription.Node) throws -> NodeSpec.Operation {
        func value(_ setting: Double?, _ key: String) throws -> Float {
            guard let setting else { throw RunError.cannotBuild("node '\(node.name)' (\(node.type)) has no \(key)") }
            return Float(setting)
        }
        switch node.type {
        case "dense":
            guard let units = node.units else { throw RunError.cannotBuild("node '\(node.name)' (dense) has no units") }
            return .dense(units: units, bias: node.bias ?? true, weightInit: .zeros, biasInit: .zeros)
        case "identity": return .activation(.identity)
        case "relu": return .activation(.relu)
        case "tanh": return .activation(.tanh)
        case "sigmoid": return .activation(.sigmoid)
        case "selu": return .activation(.selu)
        case "softsign": return .activation(.softsign)
        case "leaky_relu": return .activation(.leakyRelu(negativeSlope: try value(node.negativeSlope, "negative_slope")))
        case "elu": return .activation(.elu(alpha: try value(node.alpha, "alpha")))
        case "gelu": return .activation(.gelu(tanhApproximation: node.approximate == "tanh"))
        case "softplus":
            return .activation(.softplus(beta: try value(node.beta, "beta"), threshold: try value(node.threshold, "threshold")))
        case "dropout": return .dropout(rate: try value(node.rate, "rate"))
        case "layer_norm": return .layerNorm(eps: try value(node.eps, "eps"), affine: node.affine ?? true)
        case "batch_norm":
            return .batchNorm(momentum: try value(node.momentum, "momentum"), eps: try value(node.eps, "eps"),
                              affine: node.affine ?? true)
        case "add": return .add
        case "concat": return .concat
        case "conv2d":
            guard let filters = node.filters else { throw RunError.cannotBuild("node '\(node.name)' (conv2d) has no filters") }
            return .conv2d(filters: filters, window: try window(node), groups: node.groups ?? 1, bias: node.bias ?? true,
                           weightInit: .zeros, biasInit: .zeros)
        case "max_pool2d": return .maxPool2d(try window(node))
        case "avg_pool2d": return .avgPool2d(try window(node), countIncludePad: node.countIncludePad ?? true)
        case "global_avg_pool": return .globalAvgPool
        case "flatten": return .flatten
        default: throw RunError.cannotBuild("node '\(node.name)' has the unknown type '\(node.type)'")
        }
    }
}
