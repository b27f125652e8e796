import Foundation
import Testing

/// The shipped configs of the generators, the regression path and a CSV file, through the built binary: each runs
/// and shows what its header comment says.
@Suite struct ShippedDataConfigsTests {
    func run(_ name: String) throws -> (SproutBinary.Result, MetricsTable?, TemporaryDirectory) {
        let scratch = try TemporaryDirectory()
        let config = SproutBinary.packageRoot.appendingPathComponent("configs/\(name).yaml").path
        let runs = scratch.url.appendingPathComponent("runs").path
        let result = try SproutBinary.run(["run", config, "--out", runs, "--quiet"], timeout: 120)
        return (result, try? MetricsTable(path: runs + "/\(name)/metrics.csv"), scratch)
    }

    /// moons and circles hold out round(0.2 · 200) = 40 points, 20 a class (quotas 40 · 100/200, whole), and
    /// separate nearly all of them.
    @Test(arguments: ["moons", "circles"])
    func twoDimensionalClassesSeparate(name: String) throws {
        let (result, table, _) = try run(name)
        #expect(result.status == 0, "\(result.stderr)")
        let accuracy = try #require(table).column("val_accuracy")
        for value in accuracy { #expect(abs(value * 40 - (value * 40).rounded()) < 1e-9) }
        #expect((accuracy.first ?? 1) < 0.9 && (accuracy.last ?? 0) >= 0.95, "\(accuracy)")
    }

    @Test func parityIsLearnt() throws {
        let (result, table, _) = try run("parity")
        #expect(result.status == 0, "\(result.stderr)")
        let accuracy = try #require(table).column("train_accuracy")
        #expect((accuracy.first ?? 1) < 0.75 && accuracy.last == 1, "\(accuracy)")
    }

    /// The training mse falls from over 0.5 (sin's variance over a period is 1/2) to near the noise floor 0.01;
    /// no accuracy anywhere.
    @Test func sineRegressionFitsWithMSE() throws {
        let (result, table, _) = try run("sine-regression")
        #expect(result.status == 0, "\(result.stderr)")
        let metrics = try #require(table)
        let loss = metrics.column("train_loss"), validation = metrics.column("val_loss")
        #expect((loss.first ?? 0) > 0.5 && (loss.last ?? 1) < 0.015, "\(loss)")
        #expect((validation.last ?? 1) < 0.03, "\(validation)")
        #expect(metrics.rows.allSatisfy { $0[4] == "" && $0[6] == "" })
    }

    /// fruit.csv: 48 rows, lemon 4's width missing, so 47 kept (apple 16, lemon 15, orange 16, counted with
    /// Python's csv module). validation 0.25: round(11.75) = 12 held out; quotas 12·16/47 = 4.09, 12·15/47 =
    /// 3.83, 4.09: whole parts 4, 3, 4 and the one left to lemon's largest remainder: 4 of each, 35 train.
    @Test func csvExampleTrains() throws {
        let (result, table, scratch) = try run("csv-example")
        #expect(result.status == 0, "\(result.stderr)")
        // The text target's classes, in byte order (apple < lemon < orange), are recorded in run.json.
        let record = try RunDirectoryTests.json(scratch.url.appendingPathComponent("runs/csv-example/run.json").path)
        #expect(record["class_names"] as? [String] == ["apple", "lemon", "orange"], "\(record)")
        let metrics = try #require(table)
        for value in metrics.column("val_accuracy") { #expect(abs(value * 12 - (value * 12).rounded()) < 1e-9) }
        for value in metrics.column("train_accuracy") { #expect(abs(value * 35 - (value * 35).rounded()) < 1e-9) }
        // 35 training rows in batches of 8: 5 steps an epoch, 60 epochs.
        #expect(metrics.column("step").last == 300)
        #expect((metrics.column("val_accuracy").last ?? 0) >= 0.75)
    }
}
