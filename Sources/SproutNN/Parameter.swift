/// A trainable tensor: its PyTorch state_dict name (`"hidden.weight"`), shape (`[out, in]`, row-major; a bias is
/// `[out]`), values and the gradient accumulated by `backward`.
///
/// `value` and `gradient` can be read freely but only replaced through `load(_:)`, which checks the element count:
/// the BLAS kernels trust these sizes, so a wrong-sized array must never reach them.
public final class Parameter {
    public let name: String
    public let shape: [Int]
    /// The number of elements, the product of `shape`.
    public let count: Int
    public internal(set) var value: [Float]
    /// dL/d(value), same layout as `value`. `backward` adds into it; `Network.zeroGradients()` clears it, and so does
    /// a fused backward after the parameter's update (`sharedGradients`, which may lend it a shared array meanwhile).
    public internal(set) var gradient: [Float]

    init(name: String, shape: [Int]) {
        self.name = name
        self.shape = shape
        self.count = shape.reduce(1, *)
        self.value = [Float](repeating: 0, count: count)
        self.gradient = [Float](repeating: 0, count: count)
    }

    /// Replaces the values (for example from a checkpoint); throws if the count does not match the shape.
    public func load(_ values: [Float]) throws(ParameterError) {
        guard values.count == count else {
            throw .countMismatch(name: name, expected: count, actual: values.count)
        }
        value = values
    }

    /// Sets every gradient entry to 0.
    public func zeroGradient() {
        gradient.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
    }
}

public enum ParameterError: Error, Equatable, Sendable {
    case countMismatch(name: String, expected: Int, actual: Int)
    /// A `NetworkBuffer` loaded with values of another dtype or count (`expected`, `actual`: "F32 × 16").
    case bufferMismatch(name: String, expected: String, actual: String)
}
