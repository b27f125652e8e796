import Foundation
import SproutConfig
import SproutNN
import SproutRuns

/// Fills a network from a safetensors checkpoint: every parameter (F32) and buffer (F32, or I64 for
/// `num_batches_tracked`) by its state_dict name, each checked against the network (present, dtype, shape) and the
/// file (`SafetensorsHeader.read` bounds every tensor's bytes by the file's size, so a truncated file is found before
/// anything is read). Tensors the network does not have are ignored. Failures are `RunError.unusableRun` naming the
/// run.
struct CheckpointReader {
    let path: String
    let run: String
    let header: SafetensorsHeader

    init(path: String, run: String) throws {
        self.path = path
        self.run = run
        switch SafetensorsHeader.read(path: path) {
        case .success(let header): self.header = header
        case .failure(let error): throw RunError.unusableRun(path: run, reason: "its final.safetensors is damaged: \(error.reason)")
        }
    }

    private func failure(_ reason: String) -> RunError { .unusableRun(path: run, reason: "its final.safetensors \(reason)") }

    func load(into network: Network) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw failure("cannot be opened") }
        defer { try? handle.close() }
        for parameter in network.parameters {
            let bytes = try read(parameter.name, dtype: "F32", shape: parameter.shape, from: handle)
            try parameter.load(SafetensorsLoader.decodeLittleEndianF32(bytes))
        }
        for buffer in network.buffers {
            let bytes = try read(buffer.name, dtype: buffer.dtype, shape: buffer.shape, from: handle)
            try buffer.load(SafetensorsLoader.decode(bytes, dtype: buffer.dtype))
        }
    }

    /// The bytes of tensor `name`, after checking its entry against what the network needs.
    private func read(_ name: String, dtype: String, shape: [Int], from handle: FileHandle) throws -> Data {
        guard let tensor = header.tensors[name] else {
            throw failure("has no tensor '\(name)', which the network needs")
        }
        guard tensor.dtype == dtype else { throw failure("has tensor '\(name)' as \(tensor.dtype), not \(dtype)") }
        guard tensor.shape == shape else {
            throw failure("has tensor '\(name)' of shape \(tensor.shape), but the network needs \(shape)")
        }
        let count = tensor.end - tensor.begin
        do {
            try handle.seek(toOffset: UInt64(header.dataStart + tensor.begin))
            let bytes = try handle.read(upToCount: count) ?? Data()
            guard bytes.count == count else { throw failure("ends inside tensor '\(name)'") }
            return bytes
        } catch let error as RunError {
            throw error
        } catch {
            throw failure("cannot be read: \(RunError.reason(error))")
        }
    }
}
