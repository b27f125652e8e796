import Foundation
import Testing

/// `sprout run` on the shipped xor pair, through the built binary: the random start learns, the zero start stays
/// at chance, and a rerun writes the same log.
@Suite struct TrainXORTests {
    /// ln 2: the cross entropy of a two-class prediction of exactly 50/50, what a network of zeros outputs.
    static let ln2 = 0.6931471805599453

    /// The shipped configs, copied so that the test writes its runs/ into a scratch folder.
    func runConfig(_ name: String, in scratch: TemporaryDirectory) throws -> SproutBinary.Result {
        let config = SproutBinary.packageRoot.appendingPathComponent("configs/\(name).yaml")
        return try SproutBinary.run(["run", config.path, "--out", scratch.url.appendingPathComponent("runs").path],
                                    timeout: 120)
    }

    /// What `sprout validate` says of configs/<name>.yaml without its `expect_warnings` line: the warnings the
    /// config acknowledges, printed.
    func unacknowledgedWarnings(_ name: String, in scratch: TemporaryDirectory) throws -> String {
        let text = try String(contentsOf: SproutBinary.packageRoot.appendingPathComponent("configs/\(name).yaml"), encoding: .utf8)
        let bare = text.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("expect_warnings:") }.joined(separator: "\n")
        return try SproutBinary.run(["validate", try scratch.write("\(name)-bare.yaml", bare)]).stderr
    }

    func metrics(_ name: String, in scratch: TemporaryDirectory) throws -> MetricsTable {
        try MetricsTable(path: scratch.url.appendingPathComponent("runs/\(name)/metrics.csv").path)
    }

    @Test func randomStartLearnsXOR() throws {
        let scratch = try TemporaryDirectory()
        let result = try runConfig("xor", in: scratch)
        #expect(result.status == 0, "\(result.stderr)")
        let table = try metrics("xor", in: scratch)
        #expect(table.header == ["epoch", "step", "learning_rate", "train_loss", "train_accuracy", "val_loss",
                                 "val_accuracy", "grad_norm", "seconds"])
        // epochs 100, log every 10: epoch 0 and 10, 20, ..., 100.
        #expect(table.column("epoch") == [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100])
        // 200 samples in batches of 16 = 13 steps an epoch.
        #expect(table.column("step").last == 1300)
        let accuracy = table.column("train_accuracy")
        #expect((accuracy.last ?? 0) >= 0.95)
        #expect(accuracy.first ?? 1 < 0.95)
        let loss = table.column("train_loss")
        #expect((loss.last ?? 1) < (loss.first ?? 0) / 4)
        #expect(result.stdout.contains("[1/1] xor: completed in "))
        #expect(result.stdout.contains("-> \(scratch.url.appendingPathComponent("runs/xor").path)\n"))
    }

    @Test func zeroStartStaysAtChance() throws {
        let scratch = try TemporaryDirectory()
        let result = try runConfig("xor-zeros", in: scratch)
        #expect(result.status == 0, "\(result.stderr)")
        // The validator warns about the symmetric layer; the config expects that warning (expect_warnings), so the
        // run prints none.
        #expect(!result.stderr.contains("warning:"), "\(result.stderr)")
        #expect(try unacknowledgedWarnings("xor-zeros", in: scratch)
            .contains("warning: every unit of dense layer 'hidden' starts with the same weights"))
        let table = try metrics("xor-zeros", in: scratch)
        // The classes are balanced (100/100) and the network predicts one class for every point: exactly 50%.
        #expect(table.column("train_accuracy").allSatisfy { $0 == 0.5 })
        // Epoch 0: all logits zero, so the loss is ln 2 up to float32 rounding of the softmax.
        #expect(abs((table.column("train_loss").first ?? 0) - Self.ln2) < 1e-6)
        // Later epochs: only the output bias moves, which can only fit the 50/50 prior: never below ln 2.
        #expect(table.column("train_loss").allSatisfy { $0 >= Self.ln2 - 1e-6 })
    }

    /// Constant weights keep the units identical (xor-init-sweep's constant run stays at chance); a dropout's
    /// per-unit masks break the tie and the same network learns.
    @Test func dropoutBreaksTheSymmetryOfAConstantStart() throws {
        let scratch = try TemporaryDirectory()
        let result = try runConfig("xor-constant-dropout", in: scratch)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stderr.contains("warning:"), "\(result.stderr)")
        #expect(try unacknowledgedWarnings("xor-constant-dropout", in: scratch).contains("only the dropout of 'drop' can push them apart"))
        let accuracy = try metrics("xor-constant-dropout", in: scratch).column("train_accuracy")
        #expect(accuracy.first == 0.5)
        #expect((accuracy.last ?? 0) >= 0.95)
    }

    @Test func sameConfigSameLog() throws {
        let first = try TemporaryDirectory(), second = try TemporaryDirectory()
        #expect(try runConfig("xor", in: first).status == 0)
        #expect(try runConfig("xor", in: second).status == 0)
        let a = try metrics("xor", in: first), b = try metrics("xor", in: second)
        #expect(a.rows.count == b.rows.count)
        #expect(a.withoutColumn("seconds") == b.withoutColumn("seconds"))
    }
}

/// A metrics.csv read back (plain numbers only: no quoted fields appear in it).
struct MetricsTable {
    var header: [String]
    var rows: [[String]]

    init(path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        header = lines.first.map { $0.components(separatedBy: ",") } ?? []
        rows = lines.dropFirst().map { $0.components(separatedBy: ",") }
    }

    /// A numeric column; an empty cell reads as NaN.
    func column(_ name: String) -> [Double] {
        guard let index = header.firstIndex(of: name) else { return [] }
        return rows.map { Double($0[index]) ?? .nan }
    }

    func withoutColumn(_ name: String) -> [[String]] {
        guard let index = header.firstIndex(of: name) else { return rows }
        return rows.map { row in row.enumerated().filter { $0.offset != index }.map(\.element) }
    }
}
