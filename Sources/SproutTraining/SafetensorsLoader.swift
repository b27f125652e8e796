import Foundation
import SproutConfig
import SproutRuns

/// Reads one F32 tensor's values from a safetensors file for a safetensors initializer. The config layer checked
/// the header when the config was validated, but the file may have changed since and its offsets come from the
/// file: so the header is read and checked again here (`SafetensorsHeader.read` bounds every offset by the file's
/// size), the tensor must be F32 with exactly `count` elements spanning `4 · count` bytes, and the bytes actually
/// read must be that many. Every failure is a `RunError.cannotRead` naming the file and the tensor.
enum SafetensorsLoader {
    static func values(path: String, tensor name: String, count: Int) throws -> [Float] {
        func failure(_ reason: String) -> RunError { .cannotRead(path: path, reason: reason) }
        let header: SafetensorsHeader
        switch SafetensorsHeader.read(path: path) {
        case .success(let read): header = read
        case .failure(let error): throw failure(error.reason)
        }
        guard let tensor = header.tensors[name] else { throw failure("it has no tensor '\(name)'") }
        guard tensor.dtype == "F32" else { throw failure("tensor '\(name)' is \(tensor.dtype), not F32") }
        let elements = tensor.shape.reduce(1) { $0 * $1 }
        guard elements == count, tensor.end - tensor.begin == 4 * count else {
            throw failure("tensor '\(name)' has shape \(tensor.shape) and \(tensor.end - tensor.begin) bytes, "
                          + "but the parameter takes \(count) F32 values (\(4 * count) bytes)")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else { throw failure("it cannot be opened") }
        defer { try? handle.close() }
        let bytes: Data
        do {
            try handle.seek(toOffset: UInt64(header.dataStart + tensor.begin))
            bytes = try handle.read(upToCount: 4 * count) ?? Data()
        } catch {
            throw failure(RunError.reason(error))
        }
        guard bytes.count == 4 * count else {
            throw failure("tensor '\(name)' ends after \(bytes.count) of its \(4 * count) bytes")
        }
        return decodeLittleEndianF32(bytes)
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
