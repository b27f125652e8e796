/// An owned, manually allocated buffer with a stable address: the activations and gradients of one graph node
/// (`FloatBuffer`), max pooling's argmax (`IndexBuffer`). Pointers handed out stay valid until the buffer grows
/// (`reserve`) or is freed (`deinit`), which is what lets `Network.forward` return an `UnsafeBufferPointer` without
/// copying. Grows only; the contents are not preserved.
final class OwnedBuffer<Element: ExpressibleByIntegerLiteral> {
    private(set) var base: UnsafeMutablePointer<Element>
    private(set) var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 1)
        base = .allocate(capacity: self.capacity)
        base.initialize(repeating: 0, count: self.capacity)
    }

    /// Ensures room for `count` values (reallocating, contents lost, when it is larger than the capacity).
    func reserve(_ count: Int) {
        guard count > capacity else { return }
        base.deallocate()
        capacity = count
        base = .allocate(capacity: count)
        base.initialize(repeating: 0, count: count)
    }

    deinit { base.deallocate() }
}

/// float32 values: a node's activations or gradients, a layer's scratch.
typealias FloatBuffer = OwnedBuffer<Float>
/// Indices into a window or a plane: max pooling's argmax, sized in `reserve(batch:)` and reused by every step.
typealias IndexBuffer = OwnedBuffer<Int32>
