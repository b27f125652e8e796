import SproutNN

/// A network's parameters as a safetensors file: every parameter under its PyTorch state_dict name
/// (`hidden.weight` `[out, in]`, `hidden.bias` `[out]`), in `Network.parameters` order, so
/// `model.load_state_dict(safetensors.torch.load_file(path))` fills an equivalent `nn.Module`, and Sprout's
/// safetensors initializer can start another run from it.
enum Checkpoint {
    static func write(_ network: Network, to path: String, metadata: [String: String], durable: Bool = true) throws {
        let tensors = network.parameters.map { CheckpointTensor(name: $0.name, shape: $0.shape, values: $0.value) }
        try SafetensorsWriter.write(tensors, metadata: metadata, to: path, durable: durable)
    }
}
