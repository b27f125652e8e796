import Foundation
import SproutConfig
import SproutNN
import SproutRuns

/// Reads one F32 tensor's values from a safetensors file for a safetensors initializer. The config layer checked
/// the header when the config was validated, but the file may have changed since and its offsets come from the
/// file: so the header is read and checked again here (`SafetensorsHeader.read` bounds every offset by the file's
/// size), the tensor must be F32 with exactly `count` elements spanning `4 · count` bytes, and the bytes actually
/// read must be that many. Every failure is a `RunError.cannotRead` naming the file and the tensor.
enum SafetensorsLoader {
    static func values(path: String, tensor name: String, count: Int) throws -> [Float] {
        decodeLittleEndianF32(try bytes(path: path, tensor: name, dtype: "F32", count: count))
    }

    /// A buffer's values (F32, or I64 for a counter) from the tensor of its name, checked like `values`.
    static func buffer(path: String, tensor name: String, like buffer: NetworkBuffer) throws -> NetworkBuffer.Values {
        let data = try bytes(path: path, tensor: name, dtype: buffer.dtype, count: buffer.count, taker: "the buffer")
        return buffer.dtype == "I64" ? .int64(CheckpointReader.decodeLittleEndianI64(data)) : .float32(decodeLittleEndianF32(data))
    }

    /// The bytes of tensor `name`, checked to be `dtype` with exactly `count` elements (what `taker` takes), read in
    /// full.
    static func bytes(path: String, tensor name: String, dtype: String, count: Int,
                      taker: String = "the parameter") throws -> Data {
        func failure(_ reason: String) -> RunError { .cannotRead(path: path, reason: reason) }
        let header: SafetensorsHeader
        switch SafetensorsHeader.read(path: path) {
        case .success(let read): header = read
        case .failure(let error): throw failure(error.reason)
        }
        guard let tensor = header.tensors[name] else { throw failure("it has no tensor '\(name)'") }
        guard tensor.dtype == dtype else { throw failure("tensor '\(name)' is \(tensor.dtype), not \(dtype)") }
        let size = dtype == "I64" ? 8 : 4
        let elements = tensor.shape.reduce(1) { $0 * $1 }
        guard elements == count, tensor.end - tensor.begin == size * count else {
            throw failure("tensor '\(name)' has shape \(tensor.shape) and \(tensor.end - tensor.begin) bytes, "
                          + "but \(taker) takes \(count) \(dtype) values (\(size * count) bytes)")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else { throw failure("it cannot be opened") }
        defer { try? handle.close() }
        let bytes: Data
        do {
            try handle.seek(toOffset: UInt64(header.dataStart + tensor.begin))
            bytes = try handle.read(upToCount: size * count) ?? Data()
        } catch {
            throw failure(RunError.reason(error))
        }
        guard bytes.count == size * count else {
            throw failure("tensor '\(name)' ends after \(bytes.count) of its \(size * count) bytes")
        }
        return bytes
    }

    /// IEEE 754 binary32 values stored little-endian, 4 bytes each, bit for bit.
    static func decodeLittleEndianF32(_ bytes: Data) -> [Float] {
        var values = [Float](repeating: 0, count: bytes.count / 4)
        bytes.withUnsafeBytes { raw in
            for index in values.indices {
                var bits: UInt32 = 0
                for byte in 0..<4 { bits |= UInt32(raw[4 * index + byte]) << (8 * UInt32(byte)) }
                values[index] = Float(bitPattern: bits)
            }
        }
        return values
    }
}
