import Foundation
import Testing

/// `sprout evaluate` on runs it cannot evaluate: exit status 1, one line on stderr saying why, nothing on stdout.
@Suite struct EvaluateErrorsTests {
    static func xor(units: Int = 4, extra: String = "") -> String {
        """
        name: xor-eval
        data: {source: xor, samples: 40\(extra)}
        model: {layers: [{name: hidden, type: dense, units: \(units)}, tanh, {name: out, type: dense, units: 2}]}
        train: {loss: cross_entropy, optimizer: {type: sgd, lr: 0.1}, epochs: 1, batch_size: 8}

        """
    }

    /// `sprout evaluate` fails with exactly one line on stderr containing `words`.
    static func refuses(_ arguments: [String], saying words: String) throws {
        let result = try SproutBinary.run(["evaluate"] + arguments)
        #expect(result.status == 1, "\(arguments): \(result.stdout)")
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1 && result.stderr.hasPrefix("error: ") && result.stderr.contains(words),
                "\(arguments): \(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    /// run.json rewritten with `change` applied (as a dictionary).
    static func editRecord(_ run: ExperimentRun, _ change: (inout [String: Any]) -> Void) throws {
        let url = run.directory.appendingPathComponent("run.json")
        var record = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        change(&record)
        try JSONSerialization.data(withJSONObject: record).write(to: url)
    }

    @Test func notARun() throws {
        let scratch = try TemporaryDirectory()
        try Self.refuses([scratch.url.appendingPathComponent("missing").path], saying: "no such folder")
        try Self.refuses([scratch.url.path], saying: "it has no run.json")
    }

    /// A run that held nothing out says how to get a test split; --split train still works.
    @Test func nothingHeldOut() throws {
        let scratch = try TemporaryDirectory()
        let run = try #require(try ExperimentRuns.run(Self.xor(), in: scratch).first)
        try Self.refuses([run.directory.path], saying: "held no examples out (its data.test and data.validation are 0)")
        try Self.refuses([run.directory.path, "--split", "test"], saying: "has no test split")
        let train = try SproutBinary.run(["evaluate", run.directory.path, "--split", "train", "--format", "json"])
        #expect(train.status == 0 && train.stdout.contains("\"examples\" : 40"), "\(train.stdout)\(train.stderr)")
    }

    /// Running, no final weights, a changed or truncated checkpoint, a tensor of the wrong shape.
    @Test func unfinishedOrDamagedRuns() throws {
        let scratch = try TemporaryDirectory()
        let run = try #require(try ExperimentRuns.run(Self.xor(extra: ", test: 0.25"), in: scratch).first)
        let other = try TemporaryDirectory()
        let wider = try #require(try ExperimentRuns.run(Self.xor(units: 8), in: other).first)
        let final = run.directory.appendingPathComponent("final.safetensors")
        let weights = try Data(contentsOf: final)
        try Self.editRecord(run) { $0["status"] = "running" }
        try Self.refuses([run.directory.path], saying: "has not ended (its run.json says running)")
        try Self.editRecord(run) { $0["status"] = "completed" }
        try Data(weights.prefix(weights.count - 4)).write(to: final)
        try Self.refuses([run.directory.path], saying: "final.safetensors changed since the run wrote it")
        // Without run.json's record of the outputs (an older Sprout's), the checkpoint itself is checked.
        try Self.editRecord(run) { $0["outputs"] = NSNull() }
        try Self.refuses([run.directory.path], saying: "final.safetensors")
        try Data(contentsOf: wider.directory.appendingPathComponent("final.safetensors")).write(to: final)
        try Self.refuses([run.directory.path], saying: "its final.safetensors has tensor 'hidden.weight' of shape [8, 2], but the network needs [4, 2]")
        try FileManager.default.removeItem(at: final)
        try Self.refuses([run.directory.path], saying: "has no final.safetensors")
    }

    /// A data file changed since the run trained: its splits would not be the run's.
    @Test func changedDataFile() throws {
        let scratch = try TemporaryDirectory()
        let rows = (0..<20).map { i in "\(Double(i) / 10),\(Double(i % 3)),\(i % 2)" }
        let csv = try scratch.write("d.csv", (["a,b,y"] + rows).joined(separator: "\n") + "\n")
        let run = try #require(try ExperimentRuns.run("""
            data: {source: csv, path: d.csv, target: y, test: 0.25}
            model: {layers: [{type: dense, units: 2}]}
            train: {loss: cross_entropy, optimizer: {type: sgd, lr: 0.1}, epochs: 1}

            """, in: scratch).first)
        #expect(try SproutBinary.run(["evaluate", run.directory.path]).status == 0)
        try (["a,b,y"] + rows.reversed()).joined(separator: "\n").appending("\n").write(toFile: csv, atomically: true, encoding: .utf8)
        try Self.refuses([run.directory.path], saying: "d.csv changed since")
    }
}
