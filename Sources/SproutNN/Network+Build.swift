import SproutShapes

/// Turning one `NodeSpec` into its layer for the shape it reads, with the checks the engine needs to never trap
/// (sizes within BLAS's 32-bit dimensions, merge shapes, a dropout rate in [0, 1]).
///
/// Shape rules: dense needs flat features; conv2d, the pools, global_avg_pool and flatten need an image
/// (Network+ImageBuild.swift); activations, dropout and the norms keep the shape (layer_norm on an image normalizes
/// all `C · H · W` values of an example, batch_norm each channel); add needs identical shapes; concat joins flat
/// features, or images of one height and width along their channels, never both. Anything else throws
/// `NetworkError.invalidShape` with the reason.
extension Network {
    static func makeLayer(_ spec: NodeSpec, input: FeatureShape) throws(NetworkError) -> (any Layer, FeatureShape) {
        let inWidth = input.count
        switch spec.operation {
        case .dense(let units, let bias, let weightInit, let biasInit):
            guard case .flat = input else {
                throw .invalidShape(node: spec.name, shape: input.description,
                                    reason: "dense reads flat features; flatten the image (or global_avg_pool it) first")
            }
            guard units > 0 else { throw .invalidUnits(node: spec.name, units: units) }
            let (size, overflow) = units.multipliedReportingOverflow(by: inWidth)
            guard !overflow, units <= BLAS.maximumDimension, size <= BLAS.maximumDimension else {
                throw .sizeTooLarge(node: spec.name)
            }
            if weightInit.isDirac {
                throw .invalidShape(node: spec.name, shape: input.description, reason: Self.diracOnMatrix)
            }
            try checkCount(weightInit, parameter: "\(spec.name).weight", count: size)
            if bias { try checkCount(biasInit, parameter: "\(spec.name).bias", count: units) }
            return (Dense(name: spec.name, inputs: inWidth, units: units, bias: bias,
                          weightInitializer: weightInit, biasInitializer: biasInit), .flat(units))
        case .activation(let kind):
            return (ActivationLayer(kind: kind, width: inWidth), input)
        case .dropout(let rate):
            guard rate >= 0, rate <= 1 else { throw .invalidRate(node: spec.name, rate: rate) }
            return (Dropout(name: spec.name, width: inWidth, rate: rate), input)
        case .layerNorm(let eps, let affine):
            return (LayerNorm(name: spec.name, shape: input.dimensions, eps: eps, affine: affine), input)
        case .batchNorm(let momentum, let eps, let affine):
            let (channels, planeSize): (Int, Int)
            switch input {
            case .flat(let width): (channels, planeSize) = (width, 1)
            case .image(let c, let h, let w): (channels, planeSize) = (c, h * w)
            }
            return (BatchNorm(name: spec.name, width: channels, planeSize: planeSize, momentum: momentum, eps: eps,
                              affine: affine), input)
        case .add, .concat:
            throw .unsupportedInputCount(node: spec.name, count: spec.inputs.count)
        case .conv2d, .maxPool2d, .avgPool2d, .globalAvgPool, .flatten:
            return try makeImageLayer(spec, input: input)
        }
    }

    static let diracOnMatrix = "dirac initializes a convolution's weight (PyTorch's dirac_ takes 3 to 5 dimensions); "
        + "the identity of a dense layer is `identity`"

    /// `.values` must hold exactly the parameter's count.
    static func checkCount(_ initializer: Initializer, parameter: String, count: Int) throws(NetworkError) {
        if case .values(let values) = initializer, values.count != count {
            throw .initializerCountMismatch(parameter: parameter, expected: count, actual: values.count)
        }
    }

    static func makeMerge(_ spec: NodeSpec, inputShapes: [FeatureShape]) throws(NetworkError)
        -> (any MergeLayer, FeatureShape) {
        let shapesText = inputShapes.map(\.description).joined(separator: ", ")
        let widths = inputShapes.map(\.count)
        switch spec.operation {
        case .add:
            guard let first = inputShapes.first, inputShapes.allSatisfy({ $0 == first }) else {
                if inputShapes.allSatisfy({ !$0.isImage }) { throw .widthMismatch(node: spec.name, widths: widths) }
                throw .invalidShape(node: spec.name, shape: shapesText, reason: "add needs inputs of one shape")
            }
            return (AddMerge(width: first.count), first)
        case .concat:
            let (total, overflow) = widths.reduce((0, false)) { sum, width in
                let next = sum.0.addingReportingOverflow(width)
                return (next.partialValue, sum.1 || next.overflow)
            }
            guard !overflow, total <= BLAS.maximumDimension else { throw .sizeTooLarge(node: spec.name) }
            let merge = ConcatMerge(widths: widths)
            guard case .image(_, let height, let width) = inputShapes.first else {
                guard inputShapes.allSatisfy({ !$0.isImage }) else {
                    throw .invalidShape(node: spec.name, shape: shapesText,
                                        reason: "concat cannot join flat features and images; flatten the images first")
                }
                return (merge, .flat(total))
            }
            var channels = 0
            for shape in inputShapes {
                guard case .image(let c, height, width) = shape else {
                    throw .invalidShape(node: spec.name, shape: shapesText, reason: shape.isImage
                        ? "concat joins images of one height and width (along their channels)"
                        : "concat cannot join flat features and images; flatten the images first")
                }
                channels += c
            }
            return (merge, .image(channels: channels, height: height, width: width))
        default:
            throw .unsupportedInputCount(node: spec.name, count: spec.inputs.count)
        }
    }
}

extension Initializer {
    /// `dirac`, or a seeded one: an initializer only a convolution's weight can take.
    var isDirac: Bool {
        switch self {
        case .dirac: return true
        case .seeded(let initializer, _): return initializer.isDirac
        default: return false
        }
    }
}
