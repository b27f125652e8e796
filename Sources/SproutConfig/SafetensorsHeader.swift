import Foundation

/// The header of a safetensors file (https://github.com/huggingface/safetensors): 8 bytes, the header's length N as
/// a little-endian unsigned integer, then N bytes of JSON mapping each tensor name to
/// `{"dtype": "F32", "shape": [out, in], "data_offsets": [begin, end]}` (offsets into the data after the header),
/// plus an optional `"__metadata__"` object of strings.
///
/// Only the header is read, never the data. Nothing in the file is trusted: the length is bounded, every entry is
/// type-checked, and each tensor's offsets must lie inside the file and span exactly shape × dtype size bytes.
public struct SafetensorsHeader: Sendable, Hashable, Codable {
    public struct Tensor: Sendable, Hashable, Codable {
        public var dtype: String
        public var shape: [Int]
        /// `data_offsets`: the tensor's bytes are `begin..<end` of the data section (checked to lie inside it).
        public var begin: Int
        public var end: Int
    }

    /// Tensors by name.
    public var tensors: [String: Tensor]
    /// Where the data section starts in the file: after the 8-byte length and the header.
    public var dataStart: Int = 0
    /// `__metadata__`'s strings (empty when the file has none; entries that are not strings are left out).
    public var metadata: [String: String] = [:]

    /// 100 MB, the limit of the reference implementation (safetensors' MAX_HEADER_SIZE).
    public static let maxHeaderBytes: UInt64 = 100_000_000

    /// Bytes per element of the dtypes the format defines; an unknown dtype is reported as such.
    static let dtypeSizes: [String: Int] = [
        "BOOL": 1, "U8": 1, "I8": 1, "F8_E5M2": 1, "F8_E4M3": 1, "I16": 2, "U16": 2, "F16": 2, "BF16": 2,
        "I32": 4, "U32": 4, "F32": 4, "I64": 8, "U64": 8, "F64": 8,
    ]

    /// Reads the header of the file at `path`; the error is a sentence ending a message that names the file.
    public static func read(path: String) -> Result<SafetensorsHeader, HeaderError> {
        guard let handle = FileHandle(forReadingAtPath: path) else { return .failure(.init("it cannot be opened")) }
        defer { try? handle.close() }
        guard let fileSize = try? handle.seekToEnd(), (try? handle.seek(toOffset: 0)) != nil else {
            return .failure(.init("it cannot be read"))
        }
        guard fileSize >= 8, let prefix = try? handle.read(upToCount: 8), prefix.count == 8 else {
            return .failure(.init("it is \(fileSize) bytes long, shorter than the 8-byte header length"))
        }
        let length = prefix.reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard length <= maxHeaderBytes else {
            return .failure(.init("its header length \(length) is over the format's limit of \(maxHeaderBytes) bytes"))
        }
        guard length <= fileSize - 8 else {
            return .failure(.init("its header length \(length) is more than the \(fileSize - 8) bytes after it"))
        }
        guard let bytes = try? handle.read(upToCount: Int(length)), bytes.count == Int(length) else {
            return .failure(.init("its header cannot be read"))
        }
        return parse(bytes, dataBytes: Int(fileSize - 8 - length)).map { header in
            var located = header
            located.dataStart = 8 + Int(length)
            return located
        }
    }

    /// The JSON header, checked entry by entry against `dataBytes`, the size of the data section.
    static func parse(_ bytes: Data, dataBytes: Int) -> Result<SafetensorsHeader, HeaderError> {
        guard let object = try? JSONSerialization.jsonObject(with: bytes),
              let entries = object as? [String: Any] else {
            return .failure(.init("its header is not a JSON object"))
        }
        var tensors: [String: Tensor] = [:]
        for (name, value) in entries where name != "__metadata__" {
            let shown = "tensor '\(Suggestions.display(name))'"
            guard let entry = value as? [String: Any], let dtype = entry["dtype"] as? String,
                  let shape = integers(entry["shape"]), let offsets = integers(entry["data_offsets"]),
                  offsets.count == 2 else {
                return .failure(.init("its \(shown) lacks a dtype, a shape or two data_offsets"))
            }
            guard let size = dtypeSizes[dtype] else {
                return .failure(.init("its \(shown) has an unknown dtype '\(Suggestions.display(dtype))'"))
            }
            var expected: Int? = size
            for d in shape { expected = expected.flatMap { e in d >= 0 ? e.multipliedReportingOverflow(by: d) : nil }
                .flatMap { $0.overflow ? nil : $0.partialValue } }
            guard let expected, offsets[0] >= 0, offsets[0] <= offsets[1], offsets[1] <= dataBytes,
                  offsets[1] - offsets[0] == expected else {
                return .failure(.init("its \(shown) has data_offsets \(offsets) that do not fit its shape \(shape) and dtype in the \(dataBytes) data bytes"))
            }
            tensors[name] = Tensor(dtype: dtype, shape: shape, begin: offsets[0], end: offsets[1])
        }
        let metadata = (entries["__metadata__"] as? [String: Any] ?? [:]).compactMapValues { $0 as? String }
        return .success(SafetensorsHeader(tensors: tensors, metadata: metadata))
    }

    /// A JSON array of whole numbers (JSONSerialization gives NSNumbers; fractions are refused).
    static func integers(_ value: Any?) -> [Int]? {
        guard let array = value as? [Any] else { return nil }
        var result: [Int] = []
        for item in array {
            guard let number = item as? NSNumber, abs(number.doubleValue) < 1e15,
                  let int = Int(exactly: number.doubleValue) else { return nil }
            result.append(int)
        }
        return result
    }

    public struct HeaderError: Error, Sendable, Hashable {
        public var reason: String
        init(_ reason: String) { self.reason = reason }
    }
}
