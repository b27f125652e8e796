import SproutRandom
import SproutShapes

/// A graph of named nodes run in topological order: forward in order, backward in reverse, gradients summed where a
/// node feeds several others.
///
/// Buffers (each node's output and output gradient, plus a copy of the input) are allocated when a batch larger than
/// any before arrives and reused afterwards, so `forward`, `backward` and `zeroGradients` never allocate in steady
/// state; a smaller batch (the last partial one) reuses them with fewer rows. The input is copied in (cheap next to
/// the matrix products) so that the caller's buffer need not outlive the step.
///
/// Only nodes the output depends on are executed; every node's parameters are still created, initialised and listed.
public final class Network {
    /// The features of one example: flat, or an image `[C, H, W]` stored NCHW; every buffer is row-major
    /// `(batch, inputShape.count)` either way.
    public let inputShape: FeatureShape
    /// `inputShape.count`: the floats per example of `forward`'s input.
    public let inputWidth: Int
    /// The output node's shape (`outputShape.count == outputWidth`).
    public let outputShape: FeatureShape
    public let outputWidth: Int
    /// Every parameter, in node order (as given to `init`), weight then bias: PyTorch state_dict order and names.
    public let parameters: [Parameter]
    /// Every buffer (state that is not a parameter: batch_norm's running statistics), in node order, each node's in
    /// PyTorch state_dict order; read and written in place through `NetworkBuffer` (checkpoints, a restored training
    /// state). Empty for a network without batch_norm.
    public let buffers: [NetworkBuffer]
    /// The name of the output node.
    public let outputName: String
    /// Rows the buffers currently hold (grows with the largest batch seen).
    public private(set) var batchCapacity = 0

    struct Step {
        let name: String
        let operation: Operation
        let width: Int
        /// The indices of the node's parameters in `parameters` (empty for a merge or a layer without any).
        let parameterRange: Range<Int>
    }

    /// A step's computation and where it reads: indices into `steps`, nil for the network input. (Named apart from
    /// SproutYAML's `Node`, the YAML tree, and from the config's nodes, which a step executes.)
    enum Operation {
        case layer(any Layer, input: Int?)
        case merge(any MergeLayer, inputs: [Int])
    }

    /// Executed nodes, topologically sorted.
    let steps: [Step]
    /// The indices in `parameters` of the nodes that are not executed (the output does not depend on them): no
    /// backward pass ever reaches them, so their gradients stay zero.
    let idleParameterIndices: [Int]
    let allLayers: [any Layer]
    let outputIndex: Int
    let inputCopy = FloatBuffer(capacity: 1)
    let values: [FloatBuffer]
    let gradients: [FloatBuffer]
    var gradientWritten: [Bool]
    /// Rows of the last forward pass; nil before the first.
    var currentBatch: Int?
    /// A training pass's buffers: relu, tanh and sigmoid in place on the dense or conv2d output they alone read.
    let trainingPlan: InPlacePlan
    /// An evaluation pass's: every node in its own buffers (the diagnostics read them all).
    let evaluationPlan: InPlacePlan
    /// The plan of the last forward pass, which its backward pass follows.
    var currentPlan: InPlacePlan
    /// The gradient arrays a fused training step shares between parameters of one size (`backward(...,
    /// sharedGradients: true, ...)`).
    var gradientLending: GradientLending
    /// Every node's output shape (executed or not), by name.
    let nodeShapes: [String: FeatureShape]

    /// A network reading flat features: `init(inputShape: .flat(inputWidth), ...)`.
    public convenience init(inputWidth: Int, nodes: [NodeSpec], output: String) throws(NetworkError) {
        guard inputWidth > 0, inputWidth <= BLAS.maximumDimension else { throw .invalidInputWidth(inputWidth) }
        try self.init(inputShape: .flat(inputWidth), nodes: nodes, output: output)
    }

    /// Builds the graph, each layer for the shape of what it reads (the shape rules are in Network+Build.swift).
    /// Throws `NetworkError` for an internal inconsistency (duplicate or unknown names, a cycle, a non-positive
    /// width, a node given a shape it cannot read, sizes beyond BLAS's 32-bit dimensions); never traps. Parameters
    /// start at zero: call `initialize(seed:)`.
    public init(inputShape: FeatureShape, nodes: [NodeSpec], output: String) throws(NetworkError) {
        BLAS.applyDefaults()
        guard let inputWidth = inputShape.checkedCount, inputWidth <= BLAS.maximumDimension else {
            if case .flat(let width) = inputShape { throw .invalidInputWidth(width) }
            throw .invalidShape(node: "input", shape: inputShape.description,
                                reason: "an image needs every dimension at least 1 and at most 2^31 - 1 values")
        }
        let order = try GraphOrder(nodes: nodes, output: output)

        // Build nodes in sorted order (so every input's shape is known); parameters are listed in node order.
        var shapes = [String: FeatureShape]()
        var layersByName = [String: any Layer]()
        var mergesByName = [String: any MergeLayer]()
        for index in order.sorted {
            let spec = nodes[index]
            let inputShapes = spec.inputs.compactMap { shapes[$0] }
            let shape: FeatureShape
            if spec.operation.isMerge {
                let merge: any MergeLayer
                (merge, shape) = try Self.makeMerge(spec, inputShapes: inputShapes)
                mergesByName[spec.name] = merge
            } else {
                let layer: any Layer
                (layer, shape) = try Self.makeLayer(spec, input: inputShapes.first ?? inputShape)
                layersByName[spec.name] = layer
            }
            guard let count = shape.checkedCount, count <= BLAS.maximumDimension else {
                throw .sizeTooLarge(node: spec.name)
            }
            shapes[spec.name] = shape
        }
        allLayers = nodes.compactMap { layersByName[$0.name] }
        parameters = allLayers.flatMap(\.parameters)
        buffers = allLayers.flatMap(\.buffers)
        var parameterRanges = [String: Range<Int>]()
        var offset = 0
        for node in nodes {
            guard let count = layersByName[node.name]?.parameters.count else { continue }
            parameterRanges[node.name] = offset..<(offset + count)
            offset += count
        }

        var steps = [Step]()
        var stepIndex = [String: Int]()
        for index in order.sorted where order.executed.contains(index) {
            let spec = nodes[index]
            let operation: Operation
            if let layer = layersByName[spec.name] {
                operation = .layer(layer, input: spec.inputs.first.flatMap { stepIndex[$0] })
            } else if let merge = mergesByName[spec.name] {
                operation = .merge(merge, inputs: spec.inputs.compactMap { stepIndex[$0] })
            } else {
                continue
            }
            stepIndex[spec.name] = steps.count
            steps.append(Step(name: spec.name, operation: operation, width: shapes[spec.name]?.count ?? 0,
                              parameterRange: parameterRanges[spec.name] ?? 0..<0))
        }
        var executedParameters = Set<Int>()
        for step in steps { executedParameters.formUnion(step.parameterRange) }
        idleParameterIndices = parameters.indices.filter { !executedParameters.contains($0) }
        guard let outputIndex = stepIndex[output] else { throw .unknownOutput(output) }
        self.steps = steps
        self.outputIndex = outputIndex
        self.inputShape = inputShape
        self.inputWidth = inputWidth
        self.outputShape = shapes[output] ?? .flat(steps[outputIndex].width)
        self.outputWidth = steps[outputIndex].width
        self.nodeShapes = shapes
        self.outputName = output
        values = steps.map { _ in FloatBuffer(capacity: 1) }
        gradients = steps.map { _ in FloatBuffer(capacity: 1) }
        gradientWritten = [Bool](repeating: false, count: steps.count)
        trainingPlan = InPlacePlan(steps: steps, outputIndex: outputIndex)
        evaluationPlan = InPlacePlan(separate: steps.count)
        currentPlan = evaluationPlan
        gradientLending = GradientLending(steps: steps, parameters: parameters)
    }

    /// Fills every parameter from `RandomStream(seed: seed, key: "init/<node>.<weight|bias>")` with its node's
    /// initializer, so each parameter's values depend only on the seed and its own name.
    public func initialize(seed: UInt64) {
        for layer in allLayers { layer.initialize(seed: seed) }
    }

    /// The parameter with this state_dict name, if any.
    public func parameter(named name: String) -> Parameter? {
        parameters.first { $0.name == name }
    }

    /// The output shape of node `node` (executed or not; `shape(of: outputName) == outputShape`), nil for an unknown
    /// name: what `sprout show` and model.json print beside each node.
    public func shape(of node: String) -> FeatureShape? { nodeShapes[node] }

    /// The names of the executed nodes in the order forward runs them (a topological order of the nodes the output
    /// depends on): what evaluating the network computes, for a description of it (model.json).
    public var executionOrder: [String] { steps.map(\.name) }

    /// Sets every parameter gradient to zero (once per step, before `backward`).
    public func zeroGradients() {
        for index in parameters.indices { parameters[index].zeroGradient() }
    }

    /// Sizes the buffers for `batch` rows (done by `forward` when needed; call it up front to keep allocation out of
    /// the first timed step).
    public func reserve(batch: Int) throws(NetworkError) {
        guard batch >= 0, batch <= BLAS.maximumDimension else { throw .invalidBatch(batch) }
        guard batch > batchCapacity else { return }
        inputCopy.reserve(batch * inputWidth)
        for (index, step) in steps.enumerated() {
            values[index].reserve(batch * step.width)
            gradients[index].reserve(batch * step.width)
            if case .layer(let layer, _) = step.operation { layer.reserve(batch: batch) }
        }
        batchCapacity = batch
    }
}
