import SproutNN
import SproutRuns

extension TrainedModel {
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
        default: throw RunError.cannotBuild("node '\(node.name)' has the unknown type '\(node.type)'")
        }
    }
}
