import Foundation

/// Writes small safetensors files by hand, byte by byte, so the tests do not depend on the reader they check:
/// 8 bytes of little-endian header length, the JSON header, then zeroed data.
enum SafetensorsFile {
    /// A well-formed file: each tensor's data follows the previous one's, 4 bytes an F32 element
    /// (`bytesPerElement` for other dtypes).
    static func bytes(_ tensors: [(name: String, dtype: String, shape: [Int])], bytesPerElement: Int = 4) -> [UInt8] {
        var offset = 0
        let entries = tensors.map { tensor -> String in
            let size = tensor.shape.reduce(1, *) * bytesPerElement
            defer { offset += size }
            let shape = tensor.shape.map(String.init).joined(separator: ",")
            return "\"\(tensor.name)\":{\"dtype\":\"\(tensor.dtype)\",\"shape\":[\(shape)],\"data_offsets\":[\(offset),\(offset + size)]}"
        }
        return raw(header: "{" + entries.joined(separator: ",") + "}", dataBytes: offset)
    }

    /// Any header text with a correct length prefix, and `dataBytes` zero bytes after it.
    static func raw(header: String, dataBytes: Int) -> [UInt8] {
        let json = Array(header.utf8)
        return lengthPrefix(UInt64(json.count)) + json + [UInt8](repeating: 0, count: dataBytes)
    }

    static func lengthPrefix(_ length: UInt64) -> [UInt8] {
        (0..<8).map { UInt8((length >> (8 * UInt64($0))) & 0xFF) }
    }

    static func write(_ bytes: [UInt8], to url: URL) throws {
        try Data(bytes).write(to: url)
    }
}
