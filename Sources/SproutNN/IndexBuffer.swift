/// An owned, manually allocated `Int32` buffer with a stable address, `FloatBuffer`'s twin: max pooling's argmax,
/// sized in `reserve(batch:)` and reused by every step. Grows only; the contents are not preserved.
final class IndexBuffer {
    private(set) var base: UnsafeMutablePointer<Int32>
    private(set) var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 1)
        base = .allocate(capacity: self.capacity)
        base.initialize(repeating: 0, count: self.capacity)
    }

    /// Ensures room for `count` indices (reallocating, contents lost, when it is larger than the capacity).
    func reserve(_ count: Int) {
        guard count > capacity else { return }
        base.deallocate()
        capacity = count
        base = .allocate(capacity: count)
        base.initialize(repeating: 0, count: count)
    }

    deinit { base.deallocate() }
}
