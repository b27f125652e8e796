/// An optimizer's state between two steps: what a resumed run needs to take the next step exactly as the
/// uninterrupted run would. `slots` are the per-parameter buffers under PyTorch's state names (SGD
/// `momentum_buffer`; Adam `exp_avg`, `exp_avg_sq`, `max_exp_avg_sq`; RMSprop `square_avg`, `grad_avg`,
/// `momentum_buffer`), each one buffer per parameter in `Network.parameters` order, present once created (after
/// the first step); `steps` is the step count an optimizer keeps (Adam's t for its bias corrections; 0 for the
/// others, which keep none).
public struct OptimizerState: Sendable, Equatable {
    public struct Slot: Sendable, Equatable {
        public var name: String
        public var buffers: [[Float]]

        public init(name: String, buffers: [[Float]]) {
            self.name = name
            self.buffers = buffers
        }
    }

    public var steps: Int
    public var slots: [Slot]

    public init(steps: Int, slots: [Slot]) {
        self.steps = steps
        self.slots = slots
    }

    /// The buffers of slot `name` checked against `parameters` (one each, of the parameter's size); nil when the
    /// state has no such slot (the optimizer had not stepped yet).
    func buffers(_ name: String, for parameters: [Parameter]) throws(NetworkError) -> [[Float]]? {
        guard let slot = slots.first(where: { $0.name == name }) else { return nil }
        guard buffersMatch(slot.buffers, parameters) else {
            throw .trainingStateMismatch("the optimizer's '\(name)' holds \(slot.buffers.map(\.count)) values per "
                                         + "parameter, the network's parameters \(parameters.map(\.count))")
        }
        return slot.buffers
    }

    /// Throws unless every slot is one of `names` (a state saved by another optimizer or settings).
    func check(slotsAmong names: [String]) throws(NetworkError) {
        if let other = slots.first(where: { !names.contains($0.name) }) {
            throw .trainingStateMismatch("the optimizer state has '\(other.name)', this optimizer keeps only \(names)")
        }
    }
}
