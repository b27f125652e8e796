import Foundation
import SproutTestSupport
import Testing

/// layers.csv and the safetensors checkpoints of real runs of the shipped xor pair, through the built binary.
@Suite struct CheckpointAndLayersTests {
    /// A safetensors file read by hand (8-byte length, JSON header, data): each tensor's shape and raw bytes.
    struct Tensors {
        var shapes: [String: [Int]] = [:]
        var bytes: [String: Data] = [:]
        var metadata: [String: String] = [:]

        init(path: String) throws {
            let file = try Data(contentsOf: URL(fileURLWithPath: path))
            let length = file.prefix(8).enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
            let header = try #require(try JSONSerialization.jsonObject(with: file.subdata(in: 8..<(8 + length)))
                as? [String: Any])
            for (name, entry) in header {
                if name == "__metadata__" {
                    metadata = entry as? [String: String] ?? [:]
                    continue
                }
                let tensor = try #require(entry as? [String: Any])
                let offsets = try #require(tensor["data_offsets"] as? [Int])
                shapes[name] = tensor["shape"] as? [Int]
                bytes[name] = file.subdata(in: (8 + length + offsets[0])..<(8 + length + offsets[1]))
            }
        }

        func floats(_ name: String) -> [Float] {
            guard let data = bytes[name] else { return [] }
            return stride(from: 0, to: data.count, by: 4).map { offset in
                Float(bitPattern: (0..<4).reduce(UInt32(0)) { $0 | UInt32(data[data.startIndex + offset + $1]) << (8 * $1) })
            }
        }
    }

    static func runShipped(_ name: String, into runs: String) throws -> SproutBinary.Result {
        let config = SproutBinary.packageRoot.appendingPathComponent("configs/\(name).yaml").path
        return try SproutBinary.run(["run", config, "--out", runs], timeout: 120)
    }

    static func column(_ table: MetricsTable, _ name: String, node: String) -> [String] {
        guard let n = table.header.firstIndex(of: "node"), let c = table.header.firstIndex(of: name) else { return [] }
        return table.rows.filter { $0[n] == node }.map { $0[c] }
    }

    /// The acceptance: the zero start keeps one distinct hidden unit in every logged row and its hidden
    /// weights never move (final = init); the Xavier start has all 8 from epoch 0 on.
    @Test func zeroStartKeepsOneUnitAndItsWeights() throws {
        let scratch = try TemporaryDirectory()
        let runs = scratch.url.appendingPathComponent("runs").path
        for name in ["xor-zeros", "xor"] {
            let result = try Self.runShipped(name, into: runs)
            #expect(result.status == 0, "\(result.stderr)")
        }
        let zeros = try MetricsTable(path: runs + "/xor-zeros/layers.csv")
        let random = try MetricsTable(path: runs + "/xor/layers.csv")
        // epoch 0 and every 10th epoch up to 100: 11 logged epochs, as in metrics.csv.
        #expect(Self.column(zeros, "distinct_units", node: "hidden") == Array(repeating: "1", count: 11))
        #expect(Self.column(random, "distinct_units", node: "hidden") == Array(repeating: "8", count: 11))
        // Zero weights: no gradient reaches the hidden layer (its output is tanh(0) = 0 and the output weights are
        // 0), so its weight norm and gradient norm are exactly 0 in every row.
        #expect(Self.column(zeros, "grad_norm", node: "hidden").allSatisfy { Double($0) == 0 })

        let start = try Tensors(path: runs + "/xor-zeros/init.safetensors")
        let end = try Tensors(path: runs + "/xor-zeros/final.safetensors")
        #expect(start.shapes == ["hidden.weight": [8, 2], "hidden.bias": [8], "out.weight": [2, 8], "out.bias": [2]])
        #expect(start.floats("hidden.weight") == Array(repeating: 0, count: 16))
        #expect(end.bytes["hidden.weight"] == start.bytes["hidden.weight"])
        #expect(end.bytes["out.weight"] == start.bytes["out.weight"])
        // Only the output bias learns (the class prior): it moved.
        #expect(end.bytes["out.bias"] != start.bytes["out.bias"])
        // Metadata: epoch and step of each end (200 examples in batches of 16: 13 steps an epoch, 100 epochs).
        #expect(start.metadata["epoch"] == "0" && start.metadata["step"] == "0")
        #expect(end.metadata["epoch"] == "100" && end.metadata["step"] == "1300")
        let record = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: runs + "/xor-zeros/run.json")))
        #expect(end.metadata["fingerprint"] == (record as? [String: Any])?["fingerprint"] as? String)

        // Leave both for Python's safetensors check (make test), with what must be in them, known without reading
        // them: zeros everywhere at the start; at the end the same zeros except the output bias (its two entries
        // would sum to 0 in exact arithmetic, since each softmax gradient row sums to 0, but 1300 float32 steps
        // leave about 1e-5 of its size: only its shape is checked).
        if let folder = ProcessInfo.processInfo.environment["SPROUT_SAFETENSORS_CHECK_DIR"], !folder.isEmpty {
            let zero = { (shape: [Int]) -> [String: Any] in ["shape": shape, "values": Array(repeating: 0.0, count: shape.reduce(1, *))] }
            let manifests: [(String, [String: Any], [String: String])] = [
                ("init", ["hidden.weight": zero([8, 2]), "hidden.bias": zero([8]), "out.weight": zero([2, 8]),
                          "out.bias": zero([2])], start.metadata),
                ("final", ["hidden.weight": zero([8, 2]), "hidden.bias": zero([8]), "out.weight": zero([2, 8]),
                           "out.bias": ["shape": [2]]], end.metadata),
            ]
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            for (name, tensors, metadata) in manifests {
                let target = folder + "/xor-zeros-\(name).safetensors"
                try? FileManager.default.removeItem(atPath: target)
                try FileManager.default.copyItem(atPath: runs + "/xor-zeros/\(name).safetensors", toPath: target)
                let manifest = try JSONSerialization.data(withJSONObject: ["tensors": tensors, "metadata": metadata])
                try manifest.write(to: URL(fileURLWithPath: target + ".expected.json"))
            }
        }
    }

    /// A run whose initializers read another run's final.safetensors starts at exactly those weights.
    @Test func startFromAnotherRunsFinalWeights() throws {
        let scratch = try TemporaryDirectory()
        let runs = scratch.url.appendingPathComponent("runs").path
        #expect(try Self.runShipped("xor", into: runs).status == 0)
        let final = runs + "/xor/final.safetensors"
        let config = try scratch.write("continued.yaml", """
            name: continued
            seed: 9
            data: {source: xor, samples: 200}
            model:
              init:
                weight: {type: safetensors, path: \(final)}
                bias: {type: safetensors, path: \(final)}
              layers: [{name: hidden, type: dense, units: 8}, tanh, {name: out, type: dense, units: 2}]
            train:
              loss: cross_entropy
              optimizer: {type: sgd, lr: 0.01}
              epochs: 1
              batch_size: 16

            """)
        let result = try SproutBinary.run(["run", config, "--out", runs])
        #expect(result.status == 0, "\(result.stderr)")
        let before = try Tensors(path: final)
        let start = try Tensors(path: runs + "/continued/init.safetensors")
        #expect(start.shapes == before.shapes)
        #expect(!start.bytes.isEmpty && start.bytes == before.bytes)
    }

    /// Same config and seed: byte-identical metrics.csv (apart from seconds) and layers.csv; and turning layers.csv
    /// off changes nothing in training. xor trains with the fused update (no clipping), spirals-deep (shortened)
    /// with clipping, dropout and layer norm.
    @Test(arguments: [("xor", "every: 10", "epochs: 100"), ("spirals-deep", "every: 5", "epochs: 60")])
    func logsAreDeterministicAndDiagnosticsDoNotDisturbTraining(name: String, logLine: String, epochsLine: String) throws {
        let scratch = try TemporaryDirectory()
        let text = try String(contentsOf: SproutBinary.packageRoot.appendingPathComponent("configs/\(name).yaml"),
                              encoding: .utf8).replacingOccurrences(of: epochsLine, with: "epochs: 20")
        #expect(text.contains("epochs: 20") && text.contains(logLine))
        let withLayers = try scratch.write("on/\(name).yaml", text)
        let withoutLayers = try scratch.write("off/\(name).yaml",
                                              text.replacingOccurrences(of: logLine, with: logLine + "\n  layers: false"))
        var tables: [MetricsTable] = []
        var layers: [String] = []
        for (folder, config) in [("a", withLayers), ("b", withLayers), ("c", withoutLayers)] {
            let runs = scratch.url.appendingPathComponent(folder).path
            let result = try SproutBinary.run(["run", config, "--out", runs], timeout: 120)
            #expect(result.status == 0, "\(result.stderr)")
            tables.append(try MetricsTable(path: runs + "/\(name)/metrics.csv"))
            layers.append((try? String(contentsOfFile: runs + "/\(name)/layers.csv", encoding: .utf8)) ?? "")
        }
        #expect(tables[0].withoutColumn("seconds") == tables[1].withoutColumn("seconds"))
        #expect(layers[0] == layers[1] && layers[0].split(separator: "\n").count >= 10)  // header + 3 logged epochs x 3 nodes or more
        #expect(tables[2].withoutColumn("seconds") == tables[0].withoutColumn("seconds"))
        #expect(layers[2].isEmpty)  // layers: false writes no layers.csv
    }
}
