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
    public let inputWidth: Int
    public let outputWidth: Int
    /// Every parameter, in node order (as given to `init`), weight then bias: PyTorch state_dict order and names.
    public let parameters: [Parameter]
    /// The name of the output node.
    public let outputName: String
    /// Rows the buffers currently hold (grows with the largest batch seen).
    public private(set) var batchCapacity = 0

    struct Step {
        let name: String
        let layer: any Layer
        /// Index into `steps` of the input node, or nil for the network input.
        let input: Int?
        let width: Int
    }

    /// Executed nodes, topologically sorted.
    let steps: [Step]
    private let allLayers: [any Layer]
    let outputIndex: Int
    let inputCopy = FloatBuffer(capacity: 1)
    let values: [FloatBuffer]
    let gradients: [FloatBuffer]
    var gradientWritten: [Bool]
    /// Rows of the last forward pass; nil before the first.
    var currentBatch: Int?

    /// Builds the graph. Throws `NetworkError` for an internal inconsistency (duplicate or unknown names, a cycle, a
    /// non-positive width, sizes beyond BLAS's 32-bit dimensions); never traps. Parameters start at zero: call
    /// `initialize(seed:)`.
    public init(inputWidth: Int, nodes: [NodeSpec], output: String) throws(NetworkError) {
        BLAS.applyDefaults()
        guard inputWidth > 0, inputWidth <= BLAS.maximumDimension else { throw .invalidInputWidth(inputWidth) }
        let order = try GraphOrder(nodes: nodes, output: output)

        // Build layers in the given order (so parameters are listed in node order), widths from the sorted order.
        var widths = [String: Int]()
        var layersByName = [String: any Layer]()
        for index in order.sorted {
            let spec = nodes[index]
            let inWidth = spec.inputs.first.flatMap { widths[$0] } ?? inputWidth
            let layer: any Layer
            switch spec.operation {
            case .dense(let units, let bias, let weightInit, let biasInit):
                guard units > 0 else { throw .invalidUnits(node: spec.name, units: units) }
                let (size, overflow) = units.multipliedReportingOverflow(by: inWidth)
                guard !overflow, units <= BLAS.maximumDimension, size <= BLAS.maximumDimension else {
                    throw .sizeTooLarge(node: spec.name)
                }
                layer = Dense(name: spec.name, inputs: inWidth, units: units, bias: bias,
                              weightInitializer: weightInit, biasInitializer: biasInit)
            case .activation(let kind):
                layer = ActivationLayer(kind: kind, width: inWidth)
            }
            widths[spec.name] = layer.outputWidth
            layersByName[spec.name] = layer
        }
        allLayers = nodes.compactMap { layersByName[$0.name] }
        parameters = allLayers.flatMap(\.parameters)

        var steps = [Step]()
        var stepIndex = [String: Int]()
        for index in order.sorted where order.executed.contains(index) {
            let spec = nodes[index]
            guard let layer = layersByName[spec.name] else { continue }
            stepIndex[spec.name] = steps.count
            steps.append(Step(name: spec.name, layer: layer,
                              input: spec.inputs.first.flatMap { stepIndex[$0] }, width: layer.outputWidth))
        }
        guard let outputIndex = stepIndex[output] else { throw .unknownOutput(output) }
        self.steps = steps
        self.outputIndex = outputIndex
        self.inputWidth = inputWidth
        self.outputWidth = steps[outputIndex].width
        self.outputName = output
        values = steps.map { _ in FloatBuffer(capacity: 1) }
        gradients = steps.map { _ in FloatBuffer(capacity: 1) }
        gradientWritten = [Bool](repeating: false, count: steps.count)
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

    /// Sets every parameter gradient to zero (once per step, before `backward`).
    public func zeroGradients() {
        for parameter in parameters { parameter.zeroGradient() }
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
            step.layer.reserve(batch: batch)
        }
        batchCapacity = batch
    }
}
