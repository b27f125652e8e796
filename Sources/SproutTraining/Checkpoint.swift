import SproutNN

/// A network's state as a safetensors file: every parameter under its PyTorch state_dict name
/// (`hidden.weight` `[out, in]`, `hidden.bias` `[out]`), in `Network.parameters` order, then every buffer
/// (`bn.running_mean`, `bn.running_var` F32 `[width]`, `bn.num_batches_tracked` I64 `[]`) in `Network.buffers`
/// order, so `model.load_state_dict(safetensors.torch.load_file(path))` fills an equivalent `nn.Module` (buffers
/// included, so its evaluation mode computes what Sprout's does), and Sprout's safetensors initializer can start
/// another run from it (it reads the parameters it names and ignores the rest).
enum Checkpoint {
    static func write(_ network: Network, to path: String, metadata: [String: String], durable: Bool = true) throws {
        let parameters = network.parameters.map { CheckpointTensor(name: $0.name, shape: $0.shape, values: $0.value) }
        let buffers = network.buffers.map { CheckpointTensor(name: $0.name, shape: $0.shape, data: $0.values) }
        try SafetensorsWriter.write(parameters + buffers, metadata: metadata, to: path, durable: durable)
    }
}
