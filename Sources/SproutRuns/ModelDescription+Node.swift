extension ModelDescription {
    /// One node: `type` is the config's word (dense, relu, tanh, sigmoid, identity, selu, softsign, leaky_relu, elu,
    /// gelu, softplus, dropout, layer_norm, batch_norm, add, concat, conv2d, max_pool2d, avg_pool2d,
    /// global_avg_pool, flatten); only the settings of its type are present.
    package struct Node: Codable, Equatable, Sendable {
        package var name: String
        package var type: String
        /// Nodes read, in order; empty: the network's input.
        package var inputs: [String]
        /// Output width.
        package var width: Int
        /// The output's shape when it is an image, `[channels, height, width]` (absent for flat features).
        package var shape: [Int]?
        /// dense: y = x Wᵀ + b.
        package var units: Int?
        package var bias: Bool?
        /// leaky_relu: y = x (x > 0), negative_slope · x otherwise.
        package var negativeSlope: Double?
        /// elu: alpha · (eˣ − 1) for x ≤ 0; selu: PyTorch's alpha and scale (y = scale · elu(x, alpha)).
        package var alpha: Double?
        package var scale: Double?
        /// gelu: "none" (x Φ(x)) or "tanh".
        package var approximate: String?
        /// softplus: log(1 + e^(beta·x)) / beta, x where beta·x > threshold.
        package var beta: Double?
        package var threshold: Double?
        /// dropout's training rate (the identity in evaluation).
        package var rate: Double?
        /// layer_norm, batch_norm: y = γ (x − μ) / √(σ² + eps) + β.
        package var eps: Double?
        /// batch_norm's training momentum (not used in evaluation).
        package var momentum: Double?
        /// layer_norm (elementwise_affine), batch_norm: γ and β are parameters (else 1 and 0).
        package var affine: Bool?
        /// conv2d: output channels.
        package var filters: Int?
        /// conv2d and the pools: the window `[height, width]`, its step, the spacing of its taps, and the padding
        /// per side `[top, bottom, left, right]` (`same` already resolved, one more after for an even kernel).
        package var kernelSize: [Int]?
        package var stride: [Int]?
        package var dilation: [Int]?
        package var padding: [Int]?
        /// conv2d: channels and filters split into this many groups.
        package var groups: Int?
        /// avg_pool2d: divide by the whole window (padding included).
        package var countIncludePad: Bool?
        /// The checkpoint tensors of its parameters by role: "weight", "bias".
        package var parameters: [String: String]?
        /// batch_norm's buffers by role: "running_mean", "running_var", "num_batches_tracked".
        package var buffers: [String: String]?

        enum CodingKeys: String, CodingKey {
            case name, type, inputs, width, shape, units, bias, negativeSlope = "negative_slope", alpha, scale, approximate,
                 beta, threshold, rate, eps, momentum, affine, filters, kernelSize = "kernel_size", stride, dilation,
                 padding, groups, countIncludePad = "count_include_pad", parameters, buffers
        }

        package init(name: String, type: String, inputs: [String], width: Int) {
            (self.name, self.type, self.inputs, self.width) = (name, type, inputs, width)
        }
    }
}
