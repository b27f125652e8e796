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
        decode(try bytes(path: path, tensor: name, dtype: buffer.dtype, count: buffer.count, taker: "the buffer"),
               dtype: buffer.dtype)
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
        littleEndianWords(bytes, as: UInt32.self).map(Float.init(bitPattern:))
    }

    /// A tensor's bytes as a buffer's values: I64 (two's complement) or F32, little-endian.
    static func decode(_ bytes: Data, dtype: String) -> NetworkBuffer.Values {
        dtype == "I64" ? .int64(littleEndianWords(bytes, as: UInt64.self).map(Int64.init(bitPattern:)))
            : .float32(decodeLittleEndianF32(bytes))
    }

    /// Unsigned words stored little-endian, `T.bitWidth / 8` bytes each.
    static func littleEndianWords<T: FixedWidthInteger & UnsignedInteger>(_ bytes: Data, as: T.Type) -> [T] {
        let size = T.bitWidth / 8
        var values = [T](repeating: 0, count: bytes.count / size)
        bytes.withUnsafeBytes { raw in
            for index in values.indices {
                var bits: T = 0
                for byte in 0..<size { bits |= T(raw[size * index + byte]) << (8 * byte) }
                values[index] = bits
            }
        }
        return values
    }
}
