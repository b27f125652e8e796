/// Gradient arrays shared by parameters of the same size in a fused training step.
///
/// A fused step (`Network.backward(..., sharedGradients: true, parametersDone:)`) updates each parameter as soon as
/// its node's backward has computed its gradient, and clears that gradient right after: a parameter's gradient is
/// alive from its node's backward to its update, never longer. Parameters of the same element count on different
/// nodes can therefore accumulate into one array, lent to each in turn: just before its node's backward, the lent
/// array and the parameter's own swap places (`swap` moves the two array references; nothing is copied or
/// allocated), and they swap back after the update. The step then touches one gradient array where it touched one
/// per node: on W4 (30 dense layers of 256 x 256) 256 KiB instead of 7.5 MiB, which stays in the core's L2 cache
/// beside the 15 MiB of weights and momentum that do not (docs/performance.md).
///
/// Only counts that recur on two or more nodes are lent (a count of one node only would gain nothing): one array
/// per count, or as many as one node has parameters of that count (a weight `[u, 1]` beside its bias `[u]` gets
/// two). On a network of repeated blocks that is one block's gradients. The parameters' own arrays are left
/// untouched by a fused step: zero, as the trainer cleared them before its first fused step.
struct GradientLending {
    /// For each parameter (an index into `Network.parameters`): the index in `arrays` it borrows, nil when it keeps
    /// its own.
    let slot: [Int?]
    /// The element count of each lent array.
    let sizes: [Int]
    /// The lent arrays, zero between uses; allocated by the first fused step (`exchange`), so a network that never
    /// trains that way (predict, evaluate, a run with clipping) holds none.
    private(set) var arrays: [[Float]] = []

    /// Plans the lending over the executed steps' parameters.
    init(steps: [Network.Step], parameters: [Parameter]) {
        var nodesWithCount = [Int: Int]()
        for step in steps {
            for count in Set(step.parameterRange.map { parameters[$0].count }) { nodesWithCount[count, default: 0] += 1 }
        }
        var arrayIndex = [Int: [Int]]()  // count -> the arrays of that count, one per parameter of a node
        var slot = [Int?](repeating: nil, count: parameters.count)
        var sizes = [Int]()
        for step in steps {
            var taken = [Int: Int]()  // count -> arrays of that count this node already borrows
            for index in step.parameterRange {
                let count = parameters[index].count
                guard nodesWithCount[count, default: 0] >= 2 else { continue }
                let k = taken[count, default: 0]
                taken[count] = k + 1
                if k == arrayIndex[count, default: []].count {
                    arrayIndex[count, default: []].append(sizes.count)
                    sizes.append(count)
                }
                slot[index] = arrayIndex[count, default: []][k]
            }
        }
        self.slot = slot
        self.sizes = sizes
    }

    /// Swaps the lent arrays and the own arrays of `parameters[range]`: lends before the node's backward, returns
    /// after its updates (the same call both ways).
    mutating func exchange(_ range: Range<Int>, of parameters: [Parameter]) {
        if arrays.count < sizes.count { arrays = sizes.map { [Float](repeating: 0, count: $0) } }
        for index in range {
            guard let lent = slot[index] else { continue }
            swap(&parameters[index].gradient, &arrays[lent])
        }
    }
}
