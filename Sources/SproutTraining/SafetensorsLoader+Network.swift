import SproutConfig
import SproutNN
import SproutRuns

extension SafetensorsLoader {
    /// Every parameter of `network` from the checkpoint at `path` (final.safetensors): each tensor there under the
    /// parameter's state_dict name, F32, of exactly the parameter's shape (`[out, in]`, `[out]`), and whole (the
    /// header's offsets and the bytes read checked by `values`). Throws `RunError.cannotRead` naming the tensor.
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
    }
}
