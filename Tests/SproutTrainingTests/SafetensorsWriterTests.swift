import Foundation
import Testing
import SproutConfig
@testable import SproutRuns
@testable import SproutTraining

/// `SafetensorsWriter` against the format as published (byte for byte on a small file), against Sprout's own readers
/// (`SafetensorsHeader.read`, `SafetensorsLoader.values`), and against Python's safetensors package: with
/// SPROUT_SAFETENSORS_CHECK_DIR set (as `make test` does), `checkFilesForPython` also leaves its files there with
/// manifests written from this file's literals, and Tests/Checkpoints/check_safetensors.py loads them.
@Suite struct SafetensorsWriterTests {
    /// A fraction, a negative, a tiny normal, -0, a large value, an integer.
    static let weight: [Float] = [0.5, -1.25, 3e-8, -0.0, 1e30, 7]
    static let bias: [Float] = [0.25, -3, 7e-3]
    /// Values a conversion through Double or text could lose: the smallest subnormal, the largest subnormal, ±∞,
    /// a quiet NaN with payload 1, a signalling-pattern NaN, the largest finite value.
    static let specialBits: [UInt32] = [0x0000_0001, 0x007F_FFFF, 0xFF80_0000, 0x7F80_0000, 0x7FC0_0001, 0x7FA0_0000, 0x7F7F_FFFF]
    static var special: [Float] { specialBits.map(Float.init(bitPattern:)) }

    static func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sprout-safetensors-writer-\(UUID())")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func header(_ path: String) throws -> SafetensorsHeader {
        switch SafetensorsHeader.read(path: path) {
        case .success(let header): return header
        case .failure(let error): throw RunError.cannotRead(path: path, reason: error.reason)
        }
    }

    /// A header entry as "F32 [3, 2] 0..<24" (dtype, shape, data_offsets).
    static func entry(_ tensor: SafetensorsHeader.Tensor?) -> String? {
        tensor.map { "\($0.dtype) \($0.shape) \($0.begin)..<\($0.end)" }
    }

    /// The header's JSON object, parsed by Foundation (the `__metadata__` map included, which SafetensorsHeader skips).
    static func headerObject(_ path: String) throws -> [String: Any] {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let length = Int(bytes.prefix(8).reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
        let object = try JSONSerialization.jsonObject(with: bytes.subdata(in: 8..<(8 + length)))
        return try #require(object as? [String: Any])
    }

    /// The whole file for one tensor `b` = [1.0] and metadata {epoch: 0}, written out by hand from the format's
    /// description: the 83-byte JSON gets 5 spaces, N = 88 (8 + 88 = 96 ≡ 0 mod 8), then 1.0 = 0x3F800000 little-endian.
    @Test func smallFileIsByteForByteTheFormat() throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("one.safetensors").path
        try SafetensorsWriter.write([CheckpointTensor(name: "b", shape: [1], values: [1])], metadata: ["epoch": "0"], to: path)
        let json = #"{"__metadata__":{"epoch":"0"},"b":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"# + "     "
        let expected: [UInt8] = [88, 0, 0, 0, 0, 0, 0, 0] + Array(json.utf8) + [0x00, 0x00, 0x80, 0x3F]
        #expect(expected.count == 100)
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: path))) == expected)
    }

    @Test func sproutReadersReadWhatIsWrittenBitForBit() throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("w.safetensors").path
        try SafetensorsWriter.write([
            CheckpointTensor(name: "hidden.weight", shape: [3, 2], values: Self.weight),
            CheckpointTensor(name: "hidden.bias", shape: [3], values: Self.bias),
            CheckpointTensor(name: "special", shape: [7], values: Self.special),
        ], metadata: ["epoch": "3"], to: path)

        let header = try Self.header(path)
        #expect(Self.entry(header.tensors["hidden.weight"]) == "F32 [3, 2] 0..<24")
        #expect(Self.entry(header.tensors["hidden.bias"]) == "F32 [3] 24..<36")
        #expect(Self.entry(header.tensors["special"]) == "F32 [7] 36..<64")
        #expect(header.tensors.count == 3)
        #expect(header.dataStart % 8 == 0)
        let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int
        #expect(size == header.dataStart + 64, "nothing after the last tensor")

        let weight = try SafetensorsLoader.values(path: path, tensor: "hidden.weight", count: 6)
        let bias = try SafetensorsLoader.values(path: path, tensor: "hidden.bias", count: 3)
        let special = try SafetensorsLoader.values(path: path, tensor: "special", count: 7)
        #expect(weight.map(\.bitPattern) == Self.weight.map(\.bitPattern))
        #expect(weight[3].sign == .minus, "-0.0 keeps its sign")
        #expect(bias.map(\.bitPattern) == Self.bias.map(\.bitPattern))
        #expect(special.map(\.bitPattern) == Self.specialBits)
    }

    /// For every header length modulo 8 (tensor names of 1 to 8 characters), the data starts at a multiple of 8, the
    /// padding is spaces only, and the JSON still parses.
    @Test func headerIsPaddedWithSpacesToEightBytes() throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        var remainders: Set<Int> = []
        for length in 1...8 {
            let path = folder.appendingPathComponent("p\(length).safetensors").path
            let name = String(repeating: "x", count: length)
            try SafetensorsWriter.write([CheckpointTensor(name: name, shape: [2], values: [1, 2])], metadata: [:], to: path)
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
            let n = Int(bytes[0..<8].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
            #expect((8 + n) % 8 == 0)
            #expect(bytes.count == 8 + n + 8)
            let json = bytes[8..<(8 + n)]
            let closing = try #require(json.lastIndex(of: UInt8(ascii: "}")))
            let padding = json[(closing + 1)...]
            #expect(padding.allSatisfy { $0 == 0x20 } && padding.count < 8)
            remainders.insert((closing - 8 + 1) % 8)
            #expect(try Self.header(path).tensors[name]?.shape == [2])
        }
        #expect(remainders.count == 8, "the unpadded lengths cover every remainder, so every padding was exercised")
    }

    @Test func namesAndMetadataAreEscaped() throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("e.safetensors").path
        let name = "odd \"name\" \\ é\t\u{01}"
        let metadata = ["quote\"key": "line\nbreak \\ \"q\" \u{1F} ünï", "empty": ""]
        try SafetensorsWriter.write([CheckpointTensor(name: name, shape: [1, 1], values: [2])], metadata: metadata, to: path)
        let object = try Self.headerObject(path)
        #expect(object["__metadata__"] as? [String: String] == metadata)
        #expect(try Self.header(path).tensors[name]?.shape == [1, 1])
        #expect(try SafetensorsLoader.values(path: path, tensor: name, count: 1) == [2])
    }

    @Test func emptyTensorTakesNoBytes() throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("z.safetensors").path
        try SafetensorsWriter.write([
            CheckpointTensor(name: "a", shape: [2], values: [1, 2]),
            CheckpointTensor(name: "none", shape: [0, 4], values: []),
            CheckpointTensor(name: "c", shape: [1], values: [3]),
        ], metadata: [:], to: path)
        let header = try Self.header(path)
        #expect(Self.entry(header.tensors["none"]) == "F32 [0, 4] 8..<8")
        #expect(Self.entry(header.tensors["c"]) == "F32 [1] 8..<12")
    }

    /// Each mistake is refused with `cannotWrite` naming the file, before anything is written: the file that was
    /// there is byte-identical afterwards and no temporary file is left.
    @Test(arguments: [
        ([CheckpointTensor(name: "a", shape: [2], values: [1, 2]), CheckpointTensor(name: "a", shape: [1], values: [3])],
         "tensor \"a\" appears twice"),
        ([CheckpointTensor(name: "__metadata__", shape: [1], values: [1])], "reserves for metadata"),
        ([CheckpointTensor(name: "s", shape: [], values: [1])], "empty shape []"),
        ([CheckpointTensor(name: "n", shape: [2, -1], values: [])], "negative dimension in [2, -1]"),
        ([CheckpointTensor(name: "w", shape: [3, 2], values: [1, 2, 3, 4, 5])], "shape [3, 2], 6 elements, but 5 values"),
        ([CheckpointTensor(name: "big", shape: [Int.max, 2], values: [])], "too many elements"),
    ])
    func mistakesAreRefusedBeforeWriting(tensors: [CheckpointTensor], reason: String) throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("keep.safetensors").path
        try SafetensorsWriter.write([CheckpointTensor(name: "old", shape: [1], values: [9])], metadata: [:], to: path)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        do {
            try SafetensorsWriter.write(tensors, metadata: [:], to: path)
            Issue.record("expected a refusal containing \(reason)")
        } catch RunError.cannotWrite(let failedPath, let message) {
            #expect(failedPath == path)
            #expect(message.contains(reason), "\(message)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["keep.safetensors"])
    }

    @Test func rewritingReplacesTheFileAndLeavesNoTemporary() throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("final.safetensors").path
        try SafetensorsWriter.write([CheckpointTensor(name: "w", shape: [2], values: [1, 2])], metadata: [:], to: path)
        try SafetensorsWriter.write([CheckpointTensor(name: "w", shape: [3], values: [4, 5, 6])], metadata: [:], to: path)
        #expect(try SafetensorsLoader.values(path: path, tensor: "w", count: 3) == [4, 5, 6])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["final.safetensors"])
    }

    @Test func ioFailuresAreCannotWrite() throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let tensors = [CheckpointTensor(name: "w", shape: [1], values: [1])]
        let missing = folder.appendingPathComponent("no/such/dir/final.safetensors").path
        #expect(throws: RunError.self) { try SafetensorsWriter.write(tensors, metadata: [:], to: missing) }
        do { try SafetensorsWriter.write(tensors, metadata: [:], to: missing) } catch RunError.cannotWrite(let path, let reason) {
            #expect(path == missing)
            #expect(reason == "No such file or directory")
        }
        // The target is a directory: writing the temporary works, the rename fails; the temporary is removed.
        let directory = folder.appendingPathComponent("taken.safetensors")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: false)
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("inside"), withIntermediateDirectories: false)
        #expect(throws: RunError.self) { try SafetensorsWriter.write(tensors, metadata: [:], to: directory.path) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["taken.safetensors"])
    }

    /// A failure in the middle of writing (here: the second chunk throws) leaves the previous file whole and removes
    /// the half-written temporary.
    @Test func failureHalfwayLeavesThePreviousFile() throws {
        struct Interrupted: Error {}
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("run.json").path
        try AtomicFile.write(Data("previous".utf8), to: path)
        #expect(throws: Interrupted.self) {
            try AtomicFile.write(to: path) { emit in
                try Data("half of the new".utf8).withUnsafeBytes { try emit($0) }
                throw Interrupted()
            }
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "previous")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["run.json"])
    }

    /// The files Tests/Checkpoints/check_safetensors.py loads with Python's safetensors in `make test`, each with a
    /// manifest written here from the literals above (not read back from the file). Without the variable they go to
    /// a scratch folder and are read back by Sprout's reader only.
    @Test func checkFilesForPython() throws {
        let environment = ProcessInfo.processInfo.environment["SPROUT_SAFETENSORS_CHECK_DIR"]
        let folder = try environment.map { URL(fileURLWithPath: $0) } ?? Self.scratch()
        defer { if environment == nil { try? FileManager.default.removeItem(at: folder) } }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        func write(_ name: String, _ tensors: [CheckpointTensor], _ metadata: [String: String], manifest: String) throws {
            let path = folder.appendingPathComponent(name).path
            try SafetensorsWriter.write(tensors, metadata: metadata, to: path)
            try manifest.write(toFile: path + ".expected.json", atomically: true, encoding: .utf8)
            for tensor in tensors where tensor.elementSize == 4 {
                let read = try SafetensorsLoader.values(path: path, tensor: tensor.name, count: tensor.values.count)
                #expect(read.map(\.bitPattern) == tensor.values.map(\.bitPattern))
            }
        }
        try write("dense.safetensors", [
            CheckpointTensor(name: "hidden.weight", shape: [3, 2], values: Self.weight),
            CheckpointTensor(name: "hidden.bias", shape: [3], values: Self.bias),
            CheckpointTensor(name: "out.weight", shape: [1, 3], values: [1, 2, 3]),
            CheckpointTensor(name: "out.bias", shape: [1], values: [-0.5]),
        ], ["epoch": "0", "fingerprint": "sha256:0123abcd"], manifest: #"""
            {"tensors": {
              "hidden.weight": {"shape": [3, 2], "values": [0.5, -1.25, 3e-8, -0.0, 1e30, 7],
                                "bits": [1056964608, 3214934016, 855693657, 2147483648, 1900671690, 1088421888]},
              "hidden.bias": {"shape": [3], "values": [0.25, -3, 7e-3]},
              "out.weight": {"shape": [1, 3], "first": [1, 2], "sum": 6},
              "out.bias": {"shape": [1], "values": [-0.5]}},
             "metadata": {"epoch": "0", "fingerprint": "sha256:0123abcd"}}
            """#)
        try write("special.safetensors", [
            CheckpointTensor(name: "special", shape: [7], values: Self.special),
            CheckpointTensor(name: "odd \"name\" \\ é", shape: [1, 1], values: [2]),
            CheckpointTensor(name: "empty", shape: [0, 4], values: []),
        ], ["note": "line\nbreak \\ \"quoted\" ünï", "empty": ""], manifest: #"""
            {"tensors": {
              "special": {"shape": [7], "bits": [1, 8388607, 4286578688, 2139095040, 2143289345, 2141192192, 2139095039]},
              "odd \"name\" \\ é": {"shape": [1, 1], "values": [2]},
              "empty": {"shape": [0, 4], "values": []}},
             "metadata": {"note": "line\nbreak \\ \"quoted\" ünï", "empty": ""}}
            """#)
        // batch_norm's buffers as PyTorch's state_dict holds them: running statistics F32, the counter an I64 scalar
        // (shape []); another I64 with values float64 could not hold exactly.
        try write("buffers.safetensors", [
            CheckpointTensor(name: "bn.running_mean", shape: [2], values: [0.5, -2]),
            CheckpointTensor(name: "bn.running_var", shape: [2], values: [1.5, 0.25]),
            CheckpointTensor(name: "bn.num_batches_tracked", shape: [], data: .int64([3])),
            CheckpointTensor(name: "wide", shape: [2], data: .int64([-1, 4_294_967_297])),
        ], [:], manifest: #"""
            {"tensors": {
              "bn.running_mean": {"shape": [2], "values": [0.5, -2]},
              "bn.running_var": {"shape": [2], "values": [1.5, 0.25]},
              "bn.num_batches_tracked": {"shape": [], "dtype": "I64", "values": [3]},
              "wide": {"shape": [2], "dtype": "I64", "values": [-1, 4294967297]}},
             "metadata": {}}
            """#)
    }

    /// An I64 tensor's bytes: two's complement little-endian, 8 per value, and a scalar's shape [] in the header.
    @Test func int64ScalarIsWrittenAsTheFormatSays() throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("n.safetensors").path
        try SafetensorsWriter.write([CheckpointTensor(name: "n", shape: [], data: .int64([-2]))], metadata: [:], to: path)
        let json = #"{"__metadata__":{},"n":{"dtype":"I64","shape":[],"data_offsets":[0,8]}}"#
        let padded = json + String(repeating: " ", count: (8 - json.utf8.count % 8) % 8)
        let expected: [UInt8] = [UInt8(padded.utf8.count), 0, 0, 0, 0, 0, 0, 0] + Array(padded.utf8)
            + [0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: path))) == expected)
        #expect(Self.entry(try Self.header(path).tensors["n"]) == "I64 [] 0..<8")
    }
}
