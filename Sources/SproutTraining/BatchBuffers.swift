import SproutData

/// The current batch's examples and their labels or regression targets (`capacity` rows), and dL/d(output) of
/// the batch, allocated once per (data, network, batch size) and freed in deinit: raw buffers rather than arrays,
/// so the step pays no uniqueness or exclusivity checks per element, and allocates nothing.
final class BatchBuffers {
    let capacity: Int
    let featureCount: Int
    let targetWidth: Int
    let outputWidth: Int
    let features: UnsafeMutablePointer<Float>
    let labels: UnsafeMutablePointer<Int32>
    let targets: UnsafeMutablePointer<Float>
    let outputGradient: UnsafeMutableBufferPointer<Float>

    init(capacity: Int, featureCount: Int, targetWidth: Int, outputWidth: Int) {
        self.capacity = capacity
        self.featureCount = featureCount
        self.targetWidth = targetWidth
        self.outputWidth = outputWidth
        features = .allocate(capacity: max(1, capacity * featureCount))
        features.initialize(repeating: 0, count: max(1, capacity * featureCount))
        labels = .allocate(capacity: max(1, capacity))
        labels.initialize(repeating: 0, count: max(1, capacity))
        targets = .allocate(capacity: max(1, capacity * targetWidth))
        targets.initialize(repeating: 0, count: max(1, capacity * targetWidth))
        outputGradient = .allocate(capacity: max(1, capacity * outputWidth))
        outputGradient.initialize(repeating: 0)
    }

    deinit {
        outputGradient.deallocate()
        features.deallocate()
        labels.deallocate()
        targets.deallocate()
    }

    /// The first `count` rows' features, as the network's input.
    func input(count: Int) -> UnsafeBufferPointer<Float> { UnsafeBufferPointer(start: features, count: count * featureCount) }

    /// dL/d(output) of the first `count` rows.
    func gradient(count: Int) -> UnsafeBufferPointer<Float> {
        UnsafeBufferPointer(rebasing: outputGradient[0..<(count * outputWidth)])
    }

    /// Copies examples `first ..< first+count` of `set` into the buffers: in the order `order` (training: the
    /// epoch's shuffle), or in the set's own order when `order` is nil (evaluation). One row copy (a memcpy) per
    /// example, and its label or its row of regression targets.
    func gather(_ set: Dataset, from first: Int, count: Int, order: [Int]?) {
        let width = set.featureCount, targetWidth = set.targetWidth
        set.features.withUnsafeBufferPointer { source in
            set.labels.withUnsafeBufferPointer { labels in
                set.targets.withUnsafeBufferPointer { targets in
                    (order ?? []).withUnsafeBufferPointer { order in
                        guard let source = source.baseAddress else { return }
                        for row in 0..<count {
                            let example = order.isEmpty ? first + row : order[first + row]
                            (features + row * width).update(from: source + example * width, count: width)
                            if targetWidth > 0, let targets = targets.baseAddress {
                                (self.targets + row * targetWidth).update(from: targets + example * targetWidth,
                                                                          count: targetWidth)
                            } else {
                                self.labels[row] = labels[example]
                            }
                        }
                    }
                }
            }
        }
    }
}
