import SproutConfig
import SproutNN
import SproutRuns

extension SafetensorsLoader {
    /// Every parameter and buffer of `network` from the checkpoint at `path` (final.safetensors): each tensor there
    /// under the parameter's or buffer's state_dict name, of its dtype and exactly its shape (`[out, in]`, `[out]`,
    /// `[]` for batch_norm's counter), and whole (the header's offsets and the bytes read checked by `bytes`). Throws
    /// `RunError.cannotRead` naming the tensor.
    static func load(_ network: Network, from path: String) throws {
        let header: SafetensorsHeader
        switch SafetensorsHeader.read(path: path) {
        case .success(let read): header = read
        case .failure(let error): throw RunError.cannotRead(path: path, reason: error.reason)
        }
        for parameter in network.parameters {
            guard let tensor = header.tensors[parameter.name] else {
                throw RunError.cannotRead(path: path, reason: "it has no tensor '\(parameter.name)', a parameter of the network its config.yaml builds")
            }
            guard tensor.shape == parameter.shape else {
                throw RunError.cannotRead(path: path, reason: "tensor '\(parameter.name)' has shape \(tensor.shape), but the network its config.yaml builds needs \(parameter.shape)")
            }
            try parameter.load(try values(path: path, tensor: parameter.name, count: parameter.count))
        }
        // batch_norm's running statistics and counter, which evaluation mode computes with.
        for buffer in network.buffers {
            guard let tensor = header.tensors[buffer.name], tensor.shape == buffer.shape else {
                throw RunError.cannotRead(path: path, reason: "it has no tensor '\(buffer.name)' of shape \(buffer.shape), a "
                                          + "buffer of the network its config.yaml builds")
            }
            try buffer.load(try self.buffer(path: path, tensor: buffer.name, like: buffer))
        }
    }
}
