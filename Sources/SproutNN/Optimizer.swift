/// What the training loop needs of an optimizer: a step over the network's parameters (same list, same order, every
/// step) and a learning rate a schedule can change between steps.
///
/// Every optimizer allocates its state buffers on its first `step` only (one per parameter, matched by position),
/// so the steps after the first allocate nothing.
public protocol Optimizer {
    /// The rate the next `step` uses.
    var learningRate: Double { get }
    /// Sets the rate of the next steps; throws unless it is finite and ≥ 0 (0 is legal: a warm-up starts there).
    mutating func setLearningRate(_ value: Double) throws(OptimizerError)
    /// Updates every parameter in place from its `gradient`.
    mutating func step(_ parameters: [Parameter])
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
