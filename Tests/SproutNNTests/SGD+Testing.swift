import SproutNN

/// Test shorthand for SGD: the arguments a test leaves out are 0 or false. (The engine itself states no defaults;
/// the config layer is the one place that does.)
func makeSGD(learningRate: Double, momentum: Double = 0, dampening: Double = 0, nesterov: Bool = false,
             weightDecay: Double = 0) throws(SGDError) -> SGD {
    try SGD(learningRate: learningRate, momentum: momentum, dampening: dampening, nesterov: nesterov,
            weightDecay: weightDecay)
}
