/// A network's state that is not a parameter: no gradient, no optimizer step, but part of what the network computes
/// (PyTorch's buffers). Today only batch_norm has them: `<node>.running_mean` and `<node>.running_var` (float32,
/// `[width]`), which evaluation normalizes with, and `<node>.num_batches_tracked` (int64, shape `[]`), the number of
/// training forward passes, which PyTorch's state_dict holds and uses only when `momentum` is None (Sprout's never is).
///
/// A buffer reads and writes its layer's own storage: `values` is a copy of the state now, `load` replaces it (a
/// checkpoint, or a training state restored for resume). Names, dtypes and shapes are PyTorch's, so a checkpoint
/// with the buffers loads into the equivalent `nn.Module` with `load_state_dict(..., strict=True)`.
public struct NetworkBuffer {
    /// A buffer's values: float32 (running statistics) or int64 (a counter, which float32 would stop counting
    /// exactly at 2^24).
    public enum Values: Equatable, Sendable {
        case float32([Float])
        case int64([Int64])

        public var count: Int {
            switch self {
            case .float32(let values): return values.count
            case .int64(let values): return values.count
            }
        }

        /// The safetensors dtype name: "F32" or "I64".
        public var dtype: String {
            switch self {
            case .float32: return "F32"
            case .int64: return "I64"
            }
        }
    }

    /// The PyTorch state_dict name (`bn.running_mean`).
    public let name: String
    /// `[width]`, or `[]` for a scalar (one element).
    public let shape: [Int]
    /// "F32" or "I64", what `values` holds.
    public let dtype: String
    private let read: () -> Values
    private let write: (Values) -> Void

    init(name: String, shape: [Int], dtype: String, read: @escaping () -> Values, write: @escaping (Values) -> Void) {
        self.name = name
        self.shape = shape
        self.dtype = dtype
        self.read = read
        self.write = write
    }

    /// The number of elements: the product of `shape` (1 for `[]`).
    public var count: Int { shape.reduce(1, *) }

    /// A copy of the values now.
    public var values: Values { read() }

    /// Replaces the values; throws unless they have this buffer's dtype and element count (nothing changes then).
    public func load(_ values: Values) throws(ParameterError) {
        guard values.dtype == dtype, values.count == count else {
            throw .bufferMismatch(name: name, expected: "\(dtype) × \(count)", actual: "\(values.dtype) × \(values.count)")
        }
        write(values)
    }
}
