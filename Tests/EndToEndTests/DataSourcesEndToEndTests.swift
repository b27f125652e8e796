import Foundation
import Testing

/// The bundled datasets and the teacher generator through the built binary: the shipped configs reach the accuracy
/// their comments promise on held-out examples, and a teacher run learns its linear rule.
@Suite struct DataSourcesEndToEndTests {
    /// The shipped config `name`, its last logged validation accuracy at least `floor`. The held-out fraction is
    /// 0.2, so the validation set is round(0.2 × examples): digits 359, iris 30, wine 36, breast_cancer 114.
    @Test(arguments: [("digits", 0.95, 359), ("iris", 0.90, 30), ("wine", 0.90, 36), ("breast-cancer", 0.93, 114)])
    func shippedConfigReachesItsAccuracy(name: String, floor: Double, held: Int) throws {
        let scratch = try TemporaryDirectory()
        let config = SproutBinary.packageRoot.appendingPathComponent("configs/\(name).yaml").path
        let runs = scratch.url.appendingPathComponent("runs").path
        let result = try SproutBinary.run(["run", config, "--out", runs, "--quiet"], timeout: 120)
        #expect(result.status == 0, "\(result.stderr)")
        let table = try MetricsTable(path: runs + "/\(name)/metrics.csv")
        let accuracy = table.column("val_accuracy")
        #expect((accuracy.last ?? 0) >= floor, "\(name): \(accuracy)")
        // Every accuracy is a whole number of correct examples out of the held-out count.
        for value in accuracy { #expect(abs(value * Double(held) - (value * Double(held)).rounded()) < 1e-9) }
    }

    /// A linear model on a linear teacher's labels: the rule is exactly representable, so held-out accuracy goes
    /// far above the 1/3 of guessing among three classes.
    @Test func teacherIsLearnable() throws {
        let scratch = try TemporaryDirectory()
        let file = try scratch.write("teacher.yaml", """
            name: teacher
            data: {source: teacher, samples: 600, features: 8, classes: 3, validation: 0.25}
            model: {layers: [{name: out, type: dense, units: 3}]}
            train: {loss: cross_entropy, optimizer: {type: adam, lr: 0.01}, epochs: 40, batch_size: 32}
            log: {every: 40}

            """)
        let runs = scratch.url.appendingPathComponent("runs").path
        let result = try SproutBinary.run(["run", file, "--out", runs, "--quiet"], timeout: 120)
        #expect(result.status == 0, "\(result.stderr)")
        let accuracy = try MetricsTable(path: runs + "/teacher/metrics.csv").column("val_accuracy")
        #expect(accuracy.count == 2)
        #expect((accuracy.first ?? 1) < 0.8)
        #expect((accuracy.last ?? 0) >= 0.9, "\(accuracy)")
    }

    /// `sprout show` writes the teacher's parameters back with their defaults filled in.
    @Test func showWritesTheTeachersDefaults() throws {
        let scratch = try TemporaryDirectory()
        let file = try scratch.write("t.yaml", """
            data: {source: teacher}
            model: {layers: [{type: dense, units: 10}]}
            train: {loss: cross_entropy, optimizer: {type: sgd, lr: 0.1}, epochs: 1}

            """)
        let result = try SproutBinary.run(["show", file])
        #expect(result.status == 0, "\(result.stderr)")
        // The defaults of ExperimentSchema.dataSources: 1000 samples, 16 features, 10 classes.
        #expect(result.stdout.contains("  source: teacher\n  samples: 1000\n  features: 16\n  classes: 10\n"), "\(result.stdout)")
    }
}
