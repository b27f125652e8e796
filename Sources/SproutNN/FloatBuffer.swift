/// An owned, manually allocated float32 buffer with a stable address: the activations and gradients of one graph
/// node. Pointers handed out stay valid until the buffer grows (`reserve`) or is freed (`deinit`), which is what lets
/// `Network.forward` return an `UnsafeBufferPointer` without copying. Grows only; the contents are not preserved.
final class FloatBuffer {
    private(set) var base: UnsafeMutablePointer<Float>
    private(set) var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 1)
        base = .allocate(capacity: self.capacity)
        base.initialize(repeating: 0, count: self.capacity)
    }

    /// Ensures room for `count` floats (reallocating, contents lost, when it is larger than the capacity).
    func reserve(_ count: Int) {
        guard count > capacity else { return }
        base.deallocate()
        capacity = count
        base = .allocate(capacity: count)
        base.initialize(repeating: 0, count: count)
    }

    deinit { base.deallocate() }
}
