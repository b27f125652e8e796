import Foundation
import SproutConfig
import SproutTestSupport
import Testing

/// The safetensors initializer against hand-built files: the resolved path of a missing file, a missing tensor,
/// a wrong shape or dtype, and truncated or hostile headers.
@Suite struct SafetensorsTests {
    /// xor's 2 features into dense h (3 units) then out (2 units): h.weight is [3, 2], h.bias [3].
    static func config(_ initializer: String) -> MarkedText {
        MarkedText(modelConfig("""
                - {name: h, type: dense, units: 3, weight_init: 1️⃣\(initializer)}
                - {name: out, type: dense, units: 2}

            """))
    }

    /// Writes `bytes` as w.safetensors and the config beside it; returns the loader's headlines (path stripped).
    func load(_ input: MarkedText, bytes: [UInt8]?) throws -> (headlines: [String], help: [[String]], folder: URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sprout-st-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        if let bytes { try SafetensorsFile.write(bytes, to: folder.appendingPathComponent("w.safetensors")) }
        let path = folder.appendingPathComponent("c.yaml").path
        try input.text.write(toFile: path, atomically: true, encoding: .utf8)
        let result = ConfigLoader.load(path: path)
        return (result.diagnostics.map { String($0.headline.dropFirst(path.count + 1)) }, result.diagnostics.map(\.help),
                folder)
    }

    @Test func aMatchingTensorIsAccepted() throws {
        let input = Self.config("{type: safetensors, path: w.safetensors}")
        let (headlines, _, _) = try load(input, bytes: SafetensorsFile.bytes([("h.weight", "F32", [3, 2])]))
        #expect(headlines == [])
    }

    @Test func missingFileNamesTheResolvedPath() throws {
        let input = Self.config("{type: safetensors, path: 2️⃣sub/../none.safetensors}")
        let (headlines, _, folder) = try load(input, bytes: nil)
        let resolved = folder.appendingPathComponent("none.safetensors").standardizedFileURL.path
        #expect(headlines == ["\(input.at(2)): error: safetensors file '\(resolved)' does not exist [file-not-found]"])
    }

    @Test func missingTensorGetsADidYouMean() throws {
        let input = Self.config("{type: safetensors, path: w.safetensors, tensor: hidden.weigth}")
        let (headlines, help, _) = try load(input, bytes: SafetensorsFile.bytes([("hidden.weight", "F32", [3, 2])]))
        #expect(headlines == ["\(input.at(1)): error: w.safetensors has no tensor 'hidden.weigth' for h.weight [missing-tensor]"])
        #expect(help == [["did you mean 'hidden.weight'?"]])
    }

    @Test func wrongShapeAndDtype() throws {
        let input = Self.config("{type: safetensors, path: w.safetensors}")
        let (headlines, _, _) = try load(input, bytes: SafetensorsFile.bytes([("h.weight", "F64", [2, 3])], bytesPerElement: 8))
        #expect(headlines == [
            "\(input.at(1)): error: tensor 'h.weight' in w.safetensors has shape [2, 3], but h.weight is [3, 2] [tensor-shape-mismatch]",
            "\(input.at(1)): error: tensor 'h.weight' in w.safetensors is F64, but Sprout reads only F32 [unsupported-dtype]",
        ])
    }

    /// Hostile files: shorter than the length prefix, a length past the file, a length over 100 MB, a header that
    /// is not JSON, and offsets pointing outside the data (6 floats = 24 bytes claimed, 8 present).
    @Test(arguments: [
        ([UInt8]([1, 2, 3]), "it is 3 bytes long, shorter than the 8-byte header length"),
        (SafetensorsFile.lengthPrefix(50) + Array("{}".utf8), "its header length 50 is more than the 2 bytes after it"),
        (SafetensorsFile.lengthPrefix(UInt64.max) + [0], "its header length 18446744073709551615 is over the format's limit of 100000000 bytes"),
        (SafetensorsFile.raw(header: "[1, 2]", dataBytes: 0), "its header is not a JSON object"),
        (SafetensorsFile.raw(header: "{\"h.weight\":{\"dtype\":\"F32\",\"shape\":[3,2],\"data_offsets\":[0,24]}}", dataBytes: 8),
         "its tensor 'h.weight' has data_offsets [0, 24] that do not fit its shape [3, 2] and dtype in the 8 data bytes"),
    ])
    func hostileHeadersAreRefused(bytes: [UInt8], reason: String) throws {
        let input = Self.config("{type: safetensors, path: 2️⃣w.safetensors}")
        let (headlines, _, folder) = try load(input, bytes: bytes)
        let path = folder.appendingPathComponent("w.safetensors").standardizedFileURL.path
        #expect(headlines == ["\(input.at(2)): error: cannot read safetensors file '\(path)': \(reason) [invalid-safetensors]"])
    }
}
