/// Which activations a training pass computes in place, in the buffers of the layer they read.
///
/// relu, tanh and sigmoid differentiate from their output alone (`dy/dx = [y > 0]`, `1 − y²`, `y (1 − y)`), and a
/// dense layer or a convolution never reads its own output in backward. So when such an activation is the only
/// consumer of a dense or conv2d node, a training pass can:
/// - forward: overwrite the layer's output with the activation's (`y = f(y)`);
/// - backward: turn the activation's output gradient into the layer's in the same buffer (`g = g · f'(y)`).
///
/// The pair then touches one value buffer and one gradient buffer instead of two of each. Over W4's 30 dense + relu
/// pairs that is 7.5 MiB of activations and gradients fewer per step at batch 128, beside 15 MiB of weights and
/// momentum, in a last-level cache of 32 MiB shared with other tenants (docs/performance.md). The arithmetic is the
/// same, so the results are bit-identical to the separate buffers (InPlaceTrainingTests).
///
/// Only training passes share: an evaluation pass keeps every node's output and gradient in its own buffer, because
/// the diagnostics (`inspectNodes`) read all of them after it.
struct InPlacePlan {
    /// For each step, the step whose value and gradient buffers it uses in a training pass: its input's for an
    /// in-place activation, its own otherwise.
    let slot: [Int]
    /// For each step, the activation a training pass computes in place, or nil. Its output gradient is not kept:
    /// backward turns it into its input's, in the same buffer (`inspectNodes` reports none for it).
    let activation: [InPlaceActivation?]
    /// For each step, whether an in-place activation overwrites its output: after a training forward it is not there
    /// to be read (`Network.activations(of:)` gives nil, `inspectNodes` leaves the node out).
    let overwritten: [Bool]

    init(steps: [Network.Step], outputIndex: Int) {
        var consumers = [Int](repeating: 0, count: steps.count)
        for step in steps {
            switch step.operation {
            case .layer(_, let input): if let input { consumers[input] += 1 }
            case .merge(_, let inputs): for input in inputs { consumers[input] += 1 }
            }
        }
        var slot = Array(steps.indices)
        var activation = [InPlaceActivation?](repeating: nil, count: steps.count)
        var overwritten = [Bool](repeating: false, count: steps.count)
        for index in steps.indices {
            guard case .layer(let layer, let input?) = steps[index].operation,
                  let candidate = (layer as? ActivationLayer).flatMap(InPlaceActivation.init),
                  input != outputIndex, consumers[input] == 1,
                  case .layer(let producer, _) = steps[input].operation, producer is Dense || producer is Conv2D
            else { continue }
            slot[index] = input
            activation[index] = candidate
            overwritten[input] = true
        }
        self.slot = slot
        self.activation = activation
        self.overwritten = overwritten
    }

    /// The plan of an evaluation pass: every step in its own buffers.
    init(separate count: Int) {
        slot = Array(0..<count)
        activation = [InPlaceActivation?](repeating: nil, count: count)
        overwritten = [Bool](repeating: false, count: count)
    }
}
