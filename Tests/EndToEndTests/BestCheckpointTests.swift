import Foundation
import Testing

/// best.safetensors follows a metric (early stopping's by default), and `restore_best` ends a run with the best
/// epoch's weights. The best epoch is found here from metrics.csv by the rule (the first epoch whose value beats every
/// earlier one; min_delta 0), and the weights compared with that epoch's own checkpoint (`log.checkpoints.every: 1`).
@Suite struct BestCheckpointTests {
    /// Digits with a learning rate at which the validation loss bottoms out early and then rises (the network
    /// overfits): early stopping on val_loss with patience 10, every epoch checkpointed.
    static func config(_ name: String, restoreBest: Bool, best: String = "auto") -> String {
        """
        name: \(name)
        seed: 7
        data: {source: digits, validation: 0.2, normalize: standardize}
        model:
          layers:
            - {name: hidden, type: dense, units: 64}
            - relu
            - {name: out, type: dense, units: 10}
        train:
          loss: cross_entropy
          epochs: 60
          batch_size: 16
          optimizer: {type: sgd, lr: 0.1, momentum: 0.9}
          early_stopping: {metric: val_loss, patience: 10, restore_best: \(restoreBest)}
        log: {checkpoints: {every: 1, best: \(best)}}

        """
    }

    static func train(_ text: String, name: String, in scratch: TemporaryDirectory) throws -> String {
        let config = try scratch.write("\(name).yaml", text)
        let runs = scratch.url.appendingPathComponent("runs").path
        let result = try SproutBinary.run(["run", config, "--out", runs, "--quiet"], timeout: 600)
        #expect(result.status == 0, "\(result.stderr)")
        return runs + "/\(name)"
    }

    /// The epoch of the best value of `column` in metrics.csv: the first strictly below (`lower`) or above every
    /// value before it, over every logged row.
    static func bestEpoch(_ run: String, column: String, lower: Bool) throws -> (epoch: Int, value: Double) {
        let table = try MetricsTable(path: run + "/metrics.csv")
        let epochs = table.column("epoch"), values = table.column(column)
        var best: (Int, Double)?
        for (epoch, value) in zip(epochs, values) where !value.isNaN {
            if best == nil || (lower ? value < best!.1 : value > best!.1) { best = (Int(epoch), value) }
        }
        return try #require(best)
    }

    /// A safetensors file's data section (the tensors' bytes, without the header and its metadata).
    static func tensorBytes(_ path: String) throws -> Data {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let length = data.prefix(8).reversed().reduce(0) { $0 << 8 | Int($1) }
        return data.subdata(in: (8 + length)..<data.count)
    }

    static func metadata(_ path: String) throws -> [String: String] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let length = data.prefix(8).reversed().reduce(0) { $0 << 8 | Int($1) }
        let header = try #require(try JSONSerialization.jsonObject(with: data.subdata(in: 8..<(8 + length))) as? [String: Any])
        return try #require(header["__metadata__"] as? [String: String])
    }

    @Test func restoreBestEndsWithTheBestEpochsWeights() throws {
        let scratch = try TemporaryDirectory()
        let run = try Self.train(Self.config("restored", restoreBest: true), name: "restored", in: scratch)
        let (epoch, value) = try Self.bestEpoch(run, column: "val_loss", lower: true)
        let record = try RunDirectoryTests.json(run + "/run.json")
        let stopped = try #require(record["stopped_early_at"] as? Int, "\(record)")
        // Patience 10 without a better value after the best: the stop comes 10 epochs later.
        #expect(stopped == epoch + 10)
        #expect(record["restored_best"] as? Int == epoch)
        let best = try #require(record["best"] as? [String: Any])
        #expect(best["epoch"] as? Int == epoch)
        #expect(best["metric"] as? String == "val_loss")
        #expect(abs(((best["value"] as? Double) ?? .nan) - value) <= 1e-12 * value)
        // final = best, byte for byte; both are that epoch's own checkpoint's weights.
        let final = try Data(contentsOf: URL(fileURLWithPath: run + "/final.safetensors"))
        #expect(final == (try Data(contentsOf: URL(fileURLWithPath: run + "/best.safetensors"))))
        #expect(try Self.tensorBytes(run + "/final.safetensors") == (try Self.tensorBytes(run + "/epoch-\(epoch).safetensors")))
        #expect(try Self.tensorBytes(run + "/final.safetensors") != (try Self.tensorBytes(run + "/epoch-\(stopped).safetensors")))
        #expect(try Self.metadata(run + "/final.safetensors")["epoch"] == String(epoch))
    }

    @Test func withoutRestoreBestTheFinalWeightsAreTheLastEpochs() throws {
        let scratch = try TemporaryDirectory()
        let run = try Self.train(Self.config("kept", restoreBest: false), name: "kept", in: scratch)
        let (epoch, _) = try Self.bestEpoch(run, column: "val_loss", lower: true)
        let record = try RunDirectoryTests.json(run + "/run.json")
        let stopped = try #require(record["stopped_early_at"] as? Int)
        #expect(record["restored_best"] is NSNull)
        #expect(try Self.tensorBytes(run + "/final.safetensors") == (try Self.tensorBytes(run + "/epoch-\(stopped).safetensors")))
        #expect(try Self.tensorBytes(run + "/best.safetensors") == (try Self.tensorBytes(run + "/epoch-\(epoch).safetensors")))
        #expect(try Self.metadata(run + "/best.safetensors")["epoch"] == String(epoch))
    }

    /// `best:` naming another metric follows it by its own direction: here the highest validation accuracy.
    @Test func aNamedMetricIsFollowedByItsDirection() throws {
        let scratch = try TemporaryDirectory()
        let run = try Self.train(Self.config("accuracy", restoreBest: false, best: "val_accuracy"), name: "accuracy", in: scratch)
        let (epoch, value) = try Self.bestEpoch(run, column: "val_accuracy", lower: false)
        let record = try RunDirectoryTests.json(run + "/run.json")
        let best = try #require(record["best"] as? [String: Any])
        #expect(best["epoch"] as? Int == epoch)
        #expect(best["metric"] as? String == "val_accuracy")
        #expect(abs(((best["value"] as? Double) ?? .nan) - value) <= 1e-12)
        #expect(try Self.tensorBytes(run + "/best.safetensors") == (try Self.tensorBytes(run + "/epoch-\(epoch).safetensors")))
    }

    /// No early stopping and `best: auto`: no best file; `best: val_loss` without validation data is an error at its
    /// line and column.
    @Test func bestNeedsAMetricThatIsMeasured() throws {
        let scratch = try TemporaryDirectory()
        let plain = Self.config("plain", restoreBest: false).replacingOccurrences(
            of: "  early_stopping: {metric: val_loss, patience: 10, restore_best: false}\n", with: "")
            .replacingOccurrences(of: "epochs: 60", with: "epochs: 2")
        let run = try Self.train(plain, name: "plain", in: scratch)
        #expect(!FileManager.default.fileExists(atPath: run + "/best.safetensors"))
        #expect(try RunDirectoryTests.json(run + "/run.json")["best"] is NSNull)

        let invalid = plain.replacingOccurrences(of: "validation: 0.2", with: "validation: 0")
            .replacingOccurrences(of: "best: auto", with: "best: val_loss")
        let config = try scratch.write("invalid.yaml", invalid)
        let result = try SproutBinary.run(["validate", config])
        #expect(result.status == 1)
        // Line 14 (early_stopping's line removed) is `log: {checkpoints: {every: 1, best: val_loss}}`: the value
        // starts after 6 + 14 + 10 + 6 = 36 characters.
        #expect(result.stderr.contains("invalid.yaml:14:37: error: best checkpoints on val_loss need validation data"),
                "\(result.stderr)")
    }
}
