import SproutConfig
import SproutNN
import SproutRuns
import SproutShapes

/// model.json's `network`: the nodes forward executes, in its order, with their settings and tensor names.
extension ModelDescription {
    static func graph(_ model: ModelSpec, network: Network) -> Graph {
        let shapes = model.shapes()
        let layers = Dictionary(model.nodes.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let nodes = network.executionOrder.compactMap { name in
            layers[name].map { node($0, shape: shapes[name] ?? .flat(0), network: network) }
        }
        var graph = Graph(inputWidth: network.inputWidth, outputWidth: network.outputWidth, output: network.outputName,
                          nodes: nodes)
        if model.inputShape.isImage { graph.inputShape = model.inputShape.dimensions }
        return graph
    }

    static func node(_ layer: LayerSpec, shape: FeatureShape, network: Network) -> Node {
        var node = Node(name: layer.name, type: layer.kind.typeName, inputs: layer.inputs, width: shape.count)
        if shape.isImage { node.shape = shape.dimensions }
        /// A window's settings as model.json writes them: pairs [height, width], padding per side.
        func window(_ window: Window2D) {
            node.kernelSize = [window.kernelHeight, window.kernelWidth]
            node.stride = [window.strideHeight, window.strideWidth]
            node.dilation = [window.dilationHeight, window.dilationWidth]
            node.padding = [window.padTop, window.padBottom, window.padLeft, window.padRight]
        }
        switch layer.kind {
        case .dense(let units, let bias): (node.units, node.bias) = (units, bias)
        case .conv2d(let conv):
            (node.filters, node.groups, node.bias) = (conv.filters, conv.groups, conv.bias)
            window(conv.window)
        case .maxPool2d(let pool): window(pool.window)
        case .avgPool2d(let pool, let countIncludePad):
            window(pool.window)
            node.countIncludePad = countIncludePad
        case .globalAvgPool, .flatten: break
        case .activation(let kind):
            if kind == .selu { (node.alpha, node.scale) = (Double(Activation.seluAlpha), Double(Activation.seluScale)) }
        case .leakyRelu(let slope): node.negativeSlope = slope
        case .elu(let alpha): node.alpha = alpha
        case .gelu(let approximate): node.approximate = approximate.rawValue
        case .softplus(let beta, let threshold): (node.beta, node.threshold) = (beta, threshold)
        case .dropout(let rate): node.rate = rate
        case .layerNorm(let eps, let affine): (node.eps, node.affine) = (eps, affine)
        case .batchNorm(let momentum, let eps, let affine):
            (node.eps, node.momentum, node.affine) = (eps, momentum, affine)
            node.buffers = Dictionary(uniqueKeysWithValues: ["running_mean", "running_var", "num_batches_tracked"]
                .map { ($0, "\(layer.name).\($0)") })
        case .add, .concat: break
        }
        let parameters = ["weight", "bias"].filter { network.parameter(named: "\(layer.name).\($0)") != nil }
        if !parameters.isEmpty {
            node.parameters = Dictionary(uniqueKeysWithValues: parameters.map { ($0, "\(layer.name).\($0)") })
        }
        return node
    }
}
