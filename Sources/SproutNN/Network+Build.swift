/// Turning one `NodeSpec` into its layer, with the checks the engine needs to never trap (sizes within BLAS's
/// 32-bit dimensions, merge widths, a dropout rate in [0, 1]).
extension Network {
    static func makeLayer(_ spec: NodeSpec, inputWidth inWidth: Int) throws(NetworkError) -> any Layer {
        switch spec.operation {
        case .dense(let units, let bias, let weightInit, let biasInit):
            guard units > 0 else { throw .invalidUnits(node: spec.name, units: units) }
            let (size, overflow) = units.multipliedReportingOverflow(by: inWidth)
            guard !overflow, units <= BLAS.maximumDimension, size <= BLAS.maximumDimension else {
                throw .sizeTooLarge(node: spec.name)
            }
            if case .values(let values) = weightInit, values.count != size {
                throw .initializerCountMismatch(parameter: "\(spec.name).weight", expected: size, actual: values.count)
            }
            if bias, case .values(let values) = biasInit, values.count != units {
                throw .initializerCountMismatch(parameter: "\(spec.name).bias", expected: units, actual: values.count)
            }
            return Dense(name: spec.name, inputs: inWidth, units: units, bias: bias,
                         weightInitializer: weightInit, biasInitializer: biasInit)
        case .activation(let kind):
            return ActivationLayer(kind: kind, width: inWidth)
        case .dropout(let rate):
            guard rate >= 0, rate <= 1 else { throw .invalidRate(node: spec.name, rate: rate) }
            return Dropout(name: spec.name, width: inWidth, rate: rate)
        case .layerNorm(let eps, let affine):
            return LayerNorm(name: spec.name, width: inWidth, eps: eps, affine: affine)
        case .batchNorm(let momentum, let eps, let affine):
            return BatchNorm(name: spec.name, width: inWidth, momentum: momentum, eps: eps, affine: affine)
        case .add, .concat:
            throw .unsupportedInputCount(node: spec.name, count: spec.inputs.count)
        case .conv2d, .maxPool2d, .avgPool2d, .globalAvgPool, .flatten:
            throw .invalidShape(node: spec.name, shape: "[\(inWidth)]", reason: "image nodes are being built")
        }
    }

    static func makeMerge(_ spec: NodeSpec, inputWidths: [Int]) throws(NetworkError) -> any MergeLayer {
        switch spec.operation {
        case .add:
            guard let first = inputWidths.first, inputWidths.allSatisfy({ $0 == first }) else {
                throw .widthMismatch(node: spec.name, widths: inputWidths)
            }
            return AddMerge(width: first)
        case .concat:
            let (total, overflow) = inputWidths.reduce((0, false)) { sum, width in
                let next = sum.0.addingReportingOverflow(width)
                return (next.partialValue, sum.1 || next.overflow)
            }
            guard !overflow, total <= BLAS.maximumDimension else { throw .sizeTooLarge(node: spec.name) }
            return ConcatMerge(widths: inputWidths)
        default:
            throw .unsupportedInputCount(node: spec.name, count: spec.inputs.count)
        }
    }
}
