import SproutNN

/// A copy of what a network computes with: every parameter's values (in `Network.parameters` order) and every
/// buffer's (batch_norm's running statistics and counter, in `Network.buffers` order). A training state holds the
/// network's now, and `restore_best` the best epoch's.
struct NetworkWeights: Equatable {
    var parameters: [[Float]]
    var buffers: [NetworkBuffer.Values]

    /// The network's weights now.
    init(of network: Network) {
        parameters = network.parameters.map(\.value)
        buffers = network.buffers.map(\.values)
    }

    init(parameters: [[Float]], buffers: [NetworkBuffer.Values]) {
        self.parameters = parameters
        self.buffers = buffers
    }

    /// Puts these weights into `network`; throws when they do not fit it (counts, sizes, dtypes).
    func load(into network: Network) throws {
        guard parameters.count == network.parameters.count, buffers.count == network.buffers.count else {
            throw NetworkError.trainingStateMismatch("\(parameters.count) parameters and \(buffers.count) buffers, the "
                                                     + "network has \(network.parameters.count) and \(network.buffers.count)")
        }
        for (parameter, values) in zip(network.parameters, parameters) { try parameter.load(values) }
        for (buffer, values) in zip(network.buffers, buffers) { try buffer.load(values) }
    }

    /// Every tensor for a safetensors file, named after the network's parameters and buffers with `prefix`.
    func tensors(of network: Network, prefix: String = "") -> [CheckpointTensor] {
        zip(network.parameters, parameters).map { CheckpointTensor(name: prefix + $0.name, shape: $0.shape, values: $1) }
            + zip(network.buffers, buffers).map { CheckpointTensor(name: prefix + $0.name, shape: $0.shape, data: $1) }
    }

    /// The weights stored in the safetensors file at `path` under the network's names with `prefix`, each tensor
    /// checked (present, dtype, element count, bytes); `RunError.cannotRead` otherwise.
    static func read(_ path: String, for network: Network, prefix: String = "") throws -> NetworkWeights {
        let parameters = try network.parameters.map {
            try SafetensorsLoader.values(path: path, tensor: prefix + $0.name, count: $0.count)
        }
        let buffers = try network.buffers.map { try SafetensorsLoader.buffer(path: path, tensor: prefix + $0.name, like: $0) }
        return NetworkWeights(parameters: parameters, buffers: buffers)
    }
}
