/// What the training loop needs of an optimizer: a step over the network's parameters (same list, same order, every
/// step) and a learning rate a schedule can change between steps.
///
/// A step is `beginStep` once, then `update` once for each parameter, in any order: every optimizer here updates
/// each parameter from its own gradient and state only, so the training loop can update a layer's parameters as
/// soon as backward has finished with them, while they are still in cache (`step` does all of them at once).
///
/// Every optimizer allocates its state buffers on its first step only (one per parameter, matched by position),
/// so the steps after the first allocate nothing.
public protocol Optimizer {
    /// The rate the next step uses.
    var learningRate: Double { get }
    /// Sets the rate of the next steps; throws unless it is finite and ≥ 0 (0 is legal: a warm-up starts there).
    mutating func setLearningRate(_ value: Double) throws(OptimizerError)
    /// Starts a step over `parameters`: creates the state on the first step (or when the list changed) and advances
    /// the step count.
    mutating func beginStep(_ parameters: [Parameter])
    /// Updates `parameter`, the `index`-th of the list given to `beginStep`, in place from its `gradient`.
    mutating func update(_ parameter: Parameter, at index: Int)
    /// The state between steps (buffers and step count), for saving a run's training state.
    var state: OptimizerState { get }
    /// Continues from a saved `state` for `parameters` (the list later steps get); throws
    /// `NetworkError.trainingStateMismatch` when it does not fit them or this optimizer's settings.
    mutating func restore(_ state: OptimizerState, parameters: [Parameter]) throws(NetworkError)
}

extension Optimizer {
    /// A whole step: updates every parameter in place from its `gradient`.
    public mutating func step(_ parameters: [Parameter]) {
        beginStep(parameters)
        for index in parameters.indices { update(parameters[index], at: index) }
    }
}

/// A learning rate a schedule may set: finite and ≥ 0.
func checkScheduled(learningRate: Double) throws(OptimizerError) {
    guard learningRate.isFinite, learningRate >= 0 else { throw .invalidLearningRate(learningRate) }
}

/// Whether `buffers` already match `parameters` one to one (same count, same sizes): false on the first step.
func buffersMatch(_ buffers: [[Float]], _ parameters: [Parameter]) -> Bool {
    guard buffers.count == parameters.count else { return false }
    for index in parameters.indices where buffers[index].count != parameters[index].count { return false }
    return true
}

/// One zero-filled buffer per parameter.
func zeroBuffers(like parameters: [Parameter]) -> [[Float]] {
    parameters.map { [Float](repeating: 0, count: $0.count) }
}

/// The optimizers' argument errors, each thrown once, by an `init` (or `setLearningRate`).
public enum OptimizerError: Error, Equatable, Sendable {
    case invalidLearningRate(Double)
    case invalidMomentum(Double)
    case invalidDampening(Double)
    case invalidWeightDecay(Double)
    case nesterovNeedsMomentumWithoutDampening
    /// Adam's beta1 or beta2 outside [0, 1).
    case invalidBeta(Double)
    /// RMSprop's alpha outside [0, 1).
    case invalidAlpha(Double)
    case invalidEpsilon(Double)
}
