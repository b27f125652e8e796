import Foundation
import Testing
import SproutConfig
import SproutNN
@testable import SproutRuns
@testable import SproutTraining

/// The safetensors initializer end to end inside the process: a file written here byte by byte (8-byte
/// little-endian header length, JSON header, little-endian F32 data), a config naming its tensors, and the built
/// network's parameters compared bit for bit with the values written.
@Suite struct SafetensorsLoaderTests {
    /// Bit patterns a conversion could lose: a fraction, a tiny normal, the largest finite, -0, the smallest subnormal.
    static let weight: [Float] = [1.5, -0.1, 1e-30, .greatestFiniteMagnitude, -0.0, .leastNonzeroMagnitude]
    static let bias: [Float] = [0.25, -3, 7e-3]

    /// `tensors` laid out in order in the data section (so the second one's data_offsets do not start at 0).
    static func file(_ tensors: [(name: String, dtype: String, shape: [Int], values: [Float])]) -> Data {
        var entries: [String] = [], data: [UInt8] = [], offset = 0
        for tensor in tensors {
            let bytes = tensor.values.flatMap { value in (0..<4).map { UInt8((value.bitPattern >> (8 * $0)) & 0xFF) } }
            let shape = tensor.shape.map(String.init).joined(separator: ",")
            entries.append("\"\(tensor.name)\":{\"dtype\":\"\(tensor.dtype)\",\"shape\":[\(shape)],"
                           + "\"data_offsets\":[\(offset),\(offset + bytes.count)]}")
            data += bytes
            offset += bytes.count
        }
        let header = Array(("{" + entries.joined(separator: ",") + "}").utf8)
        let length = (0..<8).map { UInt8((UInt64(header.count) >> (8 * UInt64($0))) & 0xFF) }
        return Data(length + header + data)
    }

    static func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sprout-safetensors-\(UUID())")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func parametersEqualTheFileExactly() throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.file([("b", "F32", [3], Self.bias), ("hidden.weight", "F32", [3, 2], Self.weight)])
            .write(to: folder.appendingPathComponent("w.safetensors"))
        let config = """
            data: {source: xor}
            model:
              layers:
                - {name: hidden, type: dense, units: 3, weight_init: {type: safetensors, path: w.safetensors}, bias_init: {type: safetensors, path: w.safetensors, tensor: b}}
                - {name: out, type: dense, units: 2}
            train: {loss: cross_entropy, optimizer: {type: sgd, lr: 0.1}, epochs: 1}

            """
        let path = folder.appendingPathComponent("config.yaml").path
        try config.write(toFile: path, atomically: true, encoding: .utf8)
        let loaded = ConfigLoader.load(path: path)
        let spec = try #require(loaded.spec, "\(loaded.diagnostics)")
        let network = try NetworkBuilder.network(for: spec.model)
        network.initialize(seed: 3)
        let weight = try #require(network.parameters.first { $0.name == "hidden.weight" })
        let bias = try #require(network.parameters.first { $0.name == "hidden.bias" })
        #expect(weight.value.map(\.bitPattern) == Self.weight.map(\.bitPattern))
        #expect(bias.value.map(\.bitPattern) == Self.bias.map(\.bitPattern))
    }

    /// The file is checked again when read: it may have changed since the config was validated.
    @Test func aChangedFileIsAClearError() throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("w.safetensors").path
        func message(_ data: Data, tensor: String = "w", count: Int = 6) throws -> String {
            try data.write(to: URL(fileURLWithPath: path))
            do {
                _ = try SafetensorsLoader.values(path: path, tensor: tensor, count: count)
                return "no error"
            } catch {
                return "\(error)"
            }
        }
        let good = Self.file([("w", "F32", [3, 2], Self.weight)])
        try good.write(to: URL(fileURLWithPath: path))
        #expect(try SafetensorsLoader.values(path: path, tensor: "w", count: 6).map(\.bitPattern)
            == Self.weight.map(\.bitPattern))
        #expect(try message(good, count: 4)
            == "cannot read \(path): tensor 'w' has shape [3, 2] and 24 bytes, but the parameter takes 4 F32 values (16 bytes)")
        #expect(try message(good, tensor: "v") == "cannot read \(path): it has no tensor 'v'")
        #expect(try message(Self.file([("w", "I32", [3, 2], Self.weight)])) == "cannot read \(path): tensor 'w' is I32, not F32")
        // Cut short: the header's offsets now run past the end of the file.
        let cut = try message(good.prefix(good.count - 4))
        #expect(cut.hasPrefix("cannot read \(path): its tensor 'w' has data_offsets [0, 24]"), "\(cut)")
    }
}
