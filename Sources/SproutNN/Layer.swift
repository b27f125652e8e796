import SproutRandom

/// Whether a forward pass trains or evaluates. Only dropout (a fresh mask per pass, identity in evaluation) and
/// batch_norm (batch statistics and running-statistics updates in training, running statistics in evaluation) behave
/// differently, as PyTorch's `module.train()` / `module.eval()`.
public enum ForwardMode: Sendable, Equatable {
    case training
    case evaluation
}

/// One graph node's computation, forward and backward side by side (karpathy/llm.c, Caffe).
///
/// Conventions every layer follows (so that the executor in Network.swift stays layer-agnostic):
/// - Buffers are row-major float32 `(batch, width)`; the executor has checked every size, so layers take plain
///   pointers and never allocate.
/// - `backward` *adds* into parameter gradients (they are zeroed once per step by `Network.zeroGradients()`, or
///   one by one after their updates by a fused backward, `sharedGradients`).
/// - The input gradient `dx` is written (`accumulate == false`) or added to (`accumulate == true`): the executor asks
///   the first consumer of a node to write and later ones to add, so a node feeding several others gets the sum of
///   their gradients without an extra clearing pass. `dx == nil` means nobody needs it (the network input).
/// - `backward` refers to the last `forward` (its mode, and any mask or statistics it kept).
///
/// Nodes with several inputs (add, concat) follow `MergeLayer` instead.
protocol Layer: AnyObject {
    var outputWidth: Int { get }
    /// In PyTorch state_dict order (weight, then bias).
    var parameters: [Parameter] { get }
    /// State that is not a parameter (batch_norm's running statistics), in PyTorch state_dict order; most layers
    /// have none (the extension below).
    var buffers: [NetworkBuffer] { get }
    /// Fills the parameters, each from its own `RandomStream(seed: seed, key: "init/<parameter name>")`, and resets
    /// any other state (running statistics, the dropout stream).
    func initialize(seed: UInt64)
    /// Sizes any per-batch scratch the layer owns (called by the executor when the batch capacity grows, never in
    /// the hot path).
    func reserve(batch: Int)
    func forward(x: UnsafePointer<Float>, y: UnsafeMutablePointer<Float>, batch: Int, mode: ForwardMode)
    func backward(
        x: UnsafePointer<Float>, y: UnsafePointer<Float>, dy: UnsafePointer<Float>,
        dx: UnsafeMutablePointer<Float>?, accumulate: Bool, batch: Int)
    /// The products `forward` and `backward` make for `batch` rows (`inputGradient`: whether backward computes
    /// `dx`); none for most layers (MatrixProduct.swift).
    func matrixProducts(batch: Int, inputGradient: Bool) -> [MatrixProduct]
}

extension Layer {
    var buffers: [NetworkBuffer] { [] }
}

/// A parameter-free node reading several inputs, each taken in turn so that no array of pointers is ever built:
/// `forward(input: 0, ...)` writes `y`, later inputs add or fill in; `backward(input: i, ...)` writes or adds the
/// gradient of input `i` (same `accumulate` rule as `Layer`).
protocol MergeLayer: AnyObject {
    var outputWidth: Int { get }
    func forward(input index: Int, x: UnsafePointer<Float>, y: UnsafeMutablePointer<Float>, batch: Int)
    func backward(input index: Int, dy: UnsafePointer<Float>, dx: UnsafeMutablePointer<Float>, accumulate: Bool,
                  batch: Int)
}
