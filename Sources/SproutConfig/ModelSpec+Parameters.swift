/// Widths and parameter counts of a model's nodes: what the memory rule, the safetensors checks and
/// `sprout show` share.
extension ModelSpec {
    /// The output width of every node by name (see `GraphRules.widths`).
    public func widths() -> [String: Int] { GraphRules.widths(of: self) }

    /// The width a single-input node reads: its input's, or the data's for a node reading nothing.
    public func inputWidth(of node: LayerSpec, widths: [String: Int]) -> Int {
        node.inputs.first.flatMap { widths[$0] } ?? inputWidth
    }

    /// Trainable parameters of a node: dense units·inputs (+ units for the bias); layer_norm and batch_norm a
    /// weight and a bias of their width when affine (PyTorch's `elementwise_affine` / `affine`); batch_norm's running
    /// mean and variance are buffers, not parameters. Computed in Double: no product can overflow.
    public static func parameterCount(_ kind: LayerKind, inputWidth: Int, width: Int) -> Double {
        switch kind {
        case .dense(let units, let bias): return Double(units) * Double(inputWidth) + (bias ? Double(units) : 0)
        case .layerNorm(_, let affine), .batchNorm(_, _, let affine): return affine ? 2 * Double(width) : 0
        default: return 0
        }
    }
}
