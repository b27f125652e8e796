/// Readable texts for the engine's errors, for the rare case one reaches a user (the config layer checks sizes,
/// names and arguments first, so these mean an internal inconsistency or a size beyond what BLAS takes).
extension NetworkError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .invalidInputWidth(let width): return "invalid input width \(width)"
        case .initializerCountMismatch(let parameter, let expected, let actual):
            return "parameter '\(parameter)' takes \(expected) values, its initializer gives \(actual)"
        case .invalidUnits(let node, let units): return "node '\(node)' has an invalid number of units, \(units)"
        case .invalidShape(let node, let shape, let reason):
            let what = shape.contains("], [") ? "its inputs of shapes" : "its input of shape"
            return "node '\(node)' cannot read \(what) \(shape): \(reason)"
        case .duplicateNode(let name): return "duplicate node '\(name)'"
        case .unknownInput(let node, let input): return "node '\(node)' reads unknown node '\(input)'"
        case .unknownOutput(let name): return "unknown output node '\(name)'"
        case .unsupportedInputCount(let node, let count): return "node '\(node)' cannot read \(count) inputs"
        case .widthMismatch(let node, let widths):
            return "node '\(node)' adds inputs of different widths " + widths.map(String.init).joined(separator: ", ")
        case .invalidRate(let node, let rate): return "node '\(node)' has a dropout rate \(rate) outside [0, 1]"
        case .cycle(let nodes): return "the graph has a cycle: " + nodes.joined(separator: " -> ")
        case .sizeTooLarge(let node): return "node '\(node)' is larger than BLAS's 32-bit sizes allow"
        case .invalidBatch(let batch): return "invalid batch size \(batch)"
        case .bufferSizeMismatch(let argument, let expected, let actual):
            return "buffer '\(argument)' holds \(actual) values, expected \(expected)"
        case .backwardBeforeForward: return "backward pass before any forward pass"
        case .trainingStateMismatch(let what): return "the saved training state does not fit: \(what)"
        }
    }
}

extension LossError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .invalidShape(let batch, let classes): return "invalid loss shape: batch \(batch), classes \(classes)"
        case .sizeMismatch(let logits, let labels, let gradient, let expected):
            return "loss buffers hold \(logits) logits, \(labels) labels, \(gradient) gradients; expected \(expected)"
        case .labelOutOfRange(let label, let classes): return "label \(label) is not a class index below \(classes)"
        }
    }
}

extension OptimizerError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .invalidLearningRate(let lr): return "invalid learning rate \(lr)"
        case .invalidMomentum(let m): return "invalid momentum \(m)"
        case .invalidDampening(let d): return "invalid dampening \(d)"
        case .invalidWeightDecay(let w): return "invalid weight decay \(w)"
        case .nesterovNeedsMomentumWithoutDampening: return "nesterov needs a momentum and no dampening"
        case .invalidBeta(let b): return "invalid beta \(b) (must be in [0, 1))"
        case .invalidAlpha(let a): return "invalid alpha \(a) (must be in [0, 1))"
        case .invalidEpsilon(let e): return "invalid eps \(e) (must be finite and > 0)"
        }
    }
}

extension ParameterError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .countMismatch(let name, let expected, let actual):
            return "parameter '\(name)' takes \(expected) values, got \(actual)"
        case .bufferMismatch(let name, let expected, let actual):
            return "buffer '\(name)' takes \(expected) values, got \(actual)"
        }
    }
}
