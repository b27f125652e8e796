import SproutShapes

/// What per-layer diagnostics need to see of each executed node after a forward (and backward) pass, without
/// reaching into the layer types.
public struct NodeInspection {
    public enum Kind: Sendable, Equatable {
        /// A dense layer: `weight` is W `[units, inputs]`, `bias` b `[units]` when it has one.
        case dense
        /// A convolution: `weight` is `[filters, channels / groups, kh, kw]` (its rows, `Parameter.shape[0]` of them,
        /// are the filters: a layer's units), `bias` `[filters]` when it has one.
        case convolution
        /// max_pool2d, avg_pool2d or global_avg_pool: no parameters.
        case pooling
        /// flatten: the input's values, unchanged.
        case flatten
        case activation(Activation)
        /// layer_norm or batch_norm: `weight` and `bias` are the affine scale and shift, when enabled.
        case normalization
        case dropout
        case merge
    }

    public let name: String
    public let kind: Kind
    /// The node's output from the last forward pass, `(batch, width)` row-major; valid under `forward`'s rules.
    public let activations: UnsafeBufferPointer<Float>
    public let batch: Int
    public let width: Int
    /// The node's output shape (`shape.count == width`): an image's channels are the planes of `H · W` values.
    public let shape: FeatureShape
    /// dL/d(output) of the node, `(batch, width)` row-major, from the backward pass that followed the last forward
    /// pass; nil when none did, when it did not reach the node (no gradient flows to it), or for an activation a
    /// training pass computed in place; valid under `forward`'s rules.
    public let outputGradient: UnsafeBufferPointer<Float>?
    public let weight: Parameter?
    public let bias: Parameter?
}

extension Network {
    /// Every executed node, in execution order, with its output of the last forward pass and its output gradient of
    /// the backward pass that followed it (nil without one); empty before the first forward pass. After a training
    /// pass, the dense and conv2d nodes whose outputs an activation overwrote in place (`InPlacePlan`) are left out,
    /// and such an activation has no output gradient (backward turned it into its input's): the diagnostics inspect
    /// evaluation passes, which keep every node's buffers.
    public func inspectNodes() -> [NodeInspection] {
        guard let batch = currentBatch else { return [] }
        let plan = currentPlan
        return steps.indices.filter { !plan.overwritten[$0] }.map { index in
            let step = steps[index]
            let slot = plan.slot[index]
            let output = UnsafeBufferPointer(start: values[slot].base, count: batch * step.width)
            let kind: NodeInspection.Kind
            var weight: Parameter?, bias: Parameter?
            switch step.operation {
            case .merge:
                kind = .merge
            case .layer(let layer, _):
                switch layer {
                case let dense as Dense:
                    (kind, weight, bias) = (.dense, dense.weight, dense.bias)
                case let activation as ActivationLayer:
                    kind = .activation(activation.kind)
                case let norm as LayerNorm:
                    (kind, weight, bias) = (.normalization, norm.weight, norm.bias)
                case let norm as BatchNorm:
                    (kind, weight, bias) = (.normalization, norm.weight, norm.bias)
                case let conv as Conv2D:
                    (kind, weight, bias) = (.convolution, conv.weight, conv.bias)
                case is MaxPool2D, is AvgPool2D, is GlobalAvgPool:
                    kind = .pooling
                case is Flatten:
                    kind = .flatten
                default:
                    kind = .dropout
                }
            }
            let gradient = gradientWritten[index] && plan.activation[index] == nil
                ? UnsafeBufferPointer(start: UnsafePointer(gradients[slot].base), count: batch * step.width) : nil
            return NodeInspection(name: step.name, kind: kind, activations: output, batch: batch, width: step.width,
                                  shape: nodeShapes[step.name] ?? .flat(step.width), outputGradient: gradient,
                                  weight: weight, bias: bias)
        }
    }
}
