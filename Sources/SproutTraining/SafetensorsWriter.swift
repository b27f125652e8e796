import Foundation
import SproutRuns
import SproutNN
import SproutYAML

/// One tensor of a checkpoint: its PyTorch state_dict name ("hidden.weight"), shape ([out, in] row-major; a bias
/// [out]) and values: float32 (parameters, running statistics) or int64 (batch_norm's `num_batches_tracked`, a
/// scalar of shape [] as PyTorch stores it).
struct CheckpointTensor {
    let name: String
    let shape: [Int]
    let data: NetworkBuffer.Values

    init(name: String, shape: [Int], values: [Float]) {
        self.init(name: name, shape: shape, data: .float32(values))
    }

    init(name: String, shape: [Int], data: NetworkBuffer.Values) {
        self.name = name
        self.shape = shape
        self.data = data
    }

    /// The float32 values; empty for an I64 tensor.
    var values: [Float] {
        if case .float32(let values) = data { return values }
        return []
    }

    /// Bytes per element: 4 for F32, 8 for I64.
    var elementSize: Int {
        if case .int64 = data { return 8 }
        return 4
    }
}

/// Writes checkpoints in the safetensors format (https://github.com/huggingface/safetensors), the one Python's
/// `safetensors.numpy.load_file` / `safetensors.torch.load_file` read and Sprout's safetensors initializer reads back
/// (`SafetensorsHeader`, `SafetensorsLoader`):
///
///     bytes 0..<8      N, the header's length, an unsigned 64-bit little-endian integer
///     bytes 8..<8+N    the header: UTF-8 JSON, padded with spaces (0x20) so that 8 + N is a multiple of 8
///     bytes 8+N...     the data section: each tensor's values, little-endian, one tensor after another
///
/// The header is one JSON object: `"__metadata__"` (a map of strings to strings) first, then one entry per tensor
/// in the order given, `{"dtype":"F32","shape":[out,in],"data_offsets":[begin,end]}`, where `begin..<end` are byte
/// offsets relative to the start of the data section (not of the file). The tensors are laid out contiguously from
/// offset 0 in the order given, so the last `end` is the data section's size: the reference reader requires exactly
/// that (no gaps, nothing after the last tensor). The space padding is what the reference writer does ("force
/// alignment to 8 bytes"), so that a reader that maps the file can view the data in place; F32 needs 4 of those 8.
///
/// The same tensors and metadata always give the same bytes: metadata keys are written sorted, tensors in the given
/// order, and the JSON has no optional whitespace.
enum SafetensorsWriter {
    /// Writes a safetensors file with every tensor little-endian (F32, or I64 for integer tensors), in the order given, and `metadata` as the
    /// header's `"__metadata__"` string map (written even when empty, as `{}`).
    ///
    /// Atomic (`AtomicFile`): written to a temporary file in the same directory, fsync'd (unless not `durable`: the
    /// caller syncs it later), then renamed over `path`, so a reader never sees a half-written file and a previous
    /// file survives a failure.
    ///
    /// Every failure throws `RunError.cannotWrite(path:reason:)`, and the tensors are checked before any file is
    /// created, so a rejected call leaves the disk untouched. Rejected, besides I/O failures:
    /// - two tensors with the same name (a JSON object with a repeated key keeps one of them, silently), and the name
    ///   `__metadata__`, which the format reserves;
    /// - an empty shape `[]` for an F32 tensor: the format allows it (a scalar) but Sprout's float tensors are all
    ///   `[out, in]` or `[out]`, and a scalar written where `[1]` was meant would not load into the PyTorch module (a
    ///   shape mismatch). An I64 tensor may be a scalar: PyTorch's `num_batches_tracked` is one;
    /// - a negative dimension, and a shape whose element count (the product of its dimensions, so 0 when one of them
    ///   is 0: an empty tensor, which the format allows) differs from the number of values or overflows `Int`.
    ///
    /// Values are written bit for bit (`Float.bitPattern`): -0.0, subnormals, infinities and NaN payloads survive.
    static func write(_ tensors: [CheckpointTensor], metadata: [String: String], to path: String,
                      durable: Bool = true) throws {
        if let problem = problem(in: tensors) { throw RunError.cannotWrite(path: path, reason: problem) }
        let header = headerBytes(tensors, metadata: metadata)
        var length = UInt64(header.count).littleEndian
        try AtomicFile.write(to: path, durable: durable) { emit in
            try withUnsafeBytes(of: &length) { try emit($0) }
            try header.withUnsafeBytes { try emit($0) }
            for tensor in tensors {
                switch tensor.data {
                case .float32(let values): try littleEndianBytes(of: values, emit)
                case .int64(let values): try littleEndianBytes(of: values, emit)
                }
            }
        }
    }

    /// The first thing that makes `tensors` unwritable, as the end of a sentence "cannot write <path>: ...".
    static func problem(in tensors: [CheckpointTensor]) -> String? {
        var seen: Set<String> = []
        var totalBytes = 0
        for tensor in tensors {
            let shown = "tensor " + quoted(tensor.name)
            if tensor.name == "__metadata__" { return "\(shown) has the name the format reserves for metadata" }
            guard seen.insert(tensor.name).inserted else { return "\(shown) appears twice" }
            guard !tensor.shape.isEmpty || tensor.elementSize == 8 else {
                return "\(shown) has an empty shape []; a parameter has at least one dimension"
            }
            guard tensor.shape.allSatisfy({ $0 >= 0 }) else { return "\(shown) has a negative dimension in \(tensor.shape)" }
            var elements = 1
            for dimension in tensor.shape {
                let (product, overflow) = elements.multipliedReportingOverflow(by: dimension)
                guard !overflow else { return "\(shown) has shape \(tensor.shape), too many elements to count" }
                elements = product
            }
            guard elements == tensor.data.count else {
                return "\(shown) has shape \(tensor.shape), \(elements) elements, but \(tensor.data.count) values"
            }
            let (total, overflow) = totalBytes.addingReportingOverflow(tensor.elementSize * elements)
            guard !overflow else { return "the tensors are too large for one file" }
            totalBytes = total
        }
        return nil
    }

    /// The JSON header, padded with spaces to make `8 + count` a multiple of 8.
    static func headerBytes(_ tensors: [CheckpointTensor], metadata: [String: String]) -> [UInt8] {
        let metadataEntries = metadata.keys.sorted().map { key in quoted(key) + ":" + quoted(metadata[key] ?? "") }
        var entries = ["\"__metadata__\":{" + metadataEntries.joined(separator: ",") + "}"]
        var offset = 0
        for tensor in tensors {
            let end = offset + tensor.elementSize * tensor.data.count
            let shape = tensor.shape.map(String.init).joined(separator: ",")
            entries.append(quoted(tensor.name) + ":{\"dtype\":\"\(tensor.data.dtype)\",\"shape\":[\(shape)],"
                           + "\"data_offsets\":[\(offset),\(end)]}")
            offset = end
        }
        var bytes = Array(("{" + entries.joined(separator: ",") + "}").utf8)
        // 8 + N ≡ 0 (mod 8) ⇔ N ≡ 0 (mod 8).
        bytes += [UInt8](repeating: 0x20, count: (8 - bytes.count % 8) % 8)
        return bytes
    }

    /// A JSON string literal: SproutYAML's escaper, shared with run.json, `sprout parse` and `sprout schema`.
    static func quoted(_ string: String) -> String { JSONString.quoted(string) }

    /// Hands `values` to `emit` as IEEE 754 binary32 little-endian bytes: the array's own memory on a little-endian
    /// machine (every platform Swift runs Linux on), byte-swapped copies in 64 KiB chunks otherwise.
    static func littleEndianBytes(of values: [Float], _ emit: (UnsafeRawBufferPointer) throws -> Void) throws {
        #if _endian(little)
        try values.withUnsafeBytes { try emit($0) }
        #else
        var chunk = [UInt32](repeating: 0, count: 16_384)
        var start = 0
        while start < values.count {
            let count = min(chunk.count, values.count - start)
            for index in 0..<count { chunk[index] = values[start + index].bitPattern.littleEndian }
            try chunk.withUnsafeBytes { try emit(UnsafeRawBufferPointer(rebasing: $0[0..<(4 * count)])) }
            start += count
        }
        #endif
    }

    /// Hands `values` to `emit` as two's-complement 64-bit little-endian bytes (I64), as `littleEndianBytes(of:)`
    /// does for floats.
    static func littleEndianBytes(of values: [Int64], _ emit: (UnsafeRawBufferPointer) throws -> Void) throws {
        let ordered = values.map(\.littleEndian)
        try ordered.withUnsafeBytes { try emit($0) }
    }
}
