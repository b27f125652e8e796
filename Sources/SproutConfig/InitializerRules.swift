import SproutDiagnostics

/// Initializers that have no meaning for the tensor they would fill, refused as PyTorch refuses them:
/// - `dirac` fills a convolution kernel (`dirac_` takes 3-5 dimensions): not a dense weight, not a bias;
/// - `identity` (`eye_`) and `sparse` (`sparse_`) fill 2-D matrices: not a conv2d kernel (dirac is the identity of
///   a convolution; a dense weight or a bias takes identity and sparse as before).
/// Reported at the node, once per node and parameter, whether the initializer is the node's own, a rule's or
/// model.init's.
enum InitializerRules {
    static func check(_ model: ModelSpec, into reporter: GraphReporter) {
        for node in model.nodes where node.kind.hasWeights {
            let conv: Bool
            if case .conv2d = node.kind { conv = true } else { conv = false }
            let weight = model.weightInit(for: node).unseeded
            switch weight {
            case .dirac where !conv:
                reporter.report(.initializerNotApplicable, node, detail: "weight",
                                "dense layer '\(node.name)' cannot start from dirac: dirac fills conv2d kernels",
                                help: ["use identity for a dense weight (gain on the diagonal)"])
            case .identity where conv, .sparse where conv:
                reporter.report(.initializerNotApplicable, node, detail: "weight",
                                "conv2d layer '\(node.name)' cannot start from \(weight.canonicalName): it fills 2-D matrices, as PyTorch's \(weight.canonicalName == "identity" ? "eye_" : "sparse_")",
                                help: [weight.canonicalName == "identity"
                                       ? "use dirac: each filter passes one input channel through"
                                       : "use a random initializer (normal, kaiming_normal, ...) for a conv2d kernel"])
            default:
                break
            }
            let hasBias: Bool
            switch node.kind {
            case .dense(_, let bias): hasBias = bias
            case .conv2d(let c): hasBias = c.bias
            default: hasBias = false
            }
            if hasBias, case .dirac = model.biasInit(for: node).unseeded {
                reporter.report(.initializerNotApplicable, node, detail: "bias",
                                "\(node.kind.typeName) layer '\(node.name)' cannot start its bias from dirac: dirac fills conv2d kernels",
                                help: ["use zeros for the bias (dirac's own layer has no need for one)"])
            }
        }
    }
}
