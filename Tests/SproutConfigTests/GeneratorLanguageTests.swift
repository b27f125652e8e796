import SproutConfig
import SproutTestSupport
import Testing

/// The generated sources in the language: defaults (from `ExperimentSchema.dataSources`), the facts the rules size
/// the network by, the loss rules for regression sources, and sine's range rule.
@Suite struct GeneratorLanguageTests {
    func config(_ data: String, units: Int = 2, loss: String = "cross_entropy") -> MarkedText {
        MarkedText("""
            data: \(data)
            model: {layers: [{name: out, type: dense, units: \(units)}]}
            train: {loss: \(loss), optimizer: {type: sgd, lr: 0.1}, epochs: 1}
            """)
    }

    @Test func defaults() throws {
        let cases: [(String, Int, String, DataSourceSpec)] = [
            ("moons", 2, "cross_entropy", .moons(samples: 200, noise: 0.1)),
            ("circles", 2, "cross_entropy", .circles(samples: 200, factor: 0.8, noise: 0.05)),
            ("blobs", 3, "cross_entropy", .blobs(samples: 300, centers: 3, features: 2, std: 1)),
            ("parity", 2, "cross_entropy", .parity(samples: 256, bits: 4)),
            ("teacher_regression", 1, "mse", .teacherRegression(samples: 1000, features: 8, hidden: 16, outputs: 1, noise: 0.1)),
            ("sine", 1, "mse", .sine(samples: 200, low: -Double.pi, high: Double.pi, noise: 0.1)),
        ]
        for (name, units, loss, expected) in cases {
            let (spec, headlines, _) = try decode(config("{source: \(name)}", units: units, loss: loss))
            #expect(headlines == [], "\(name)")
            #expect(spec?.data.source == expected)
        }
    }

    /// Features, classes (nil: regression) and examples of each source.
    @Test func facts() {
        let cases: [(DataSourceSpec, Int, Int?, Int?, Int)] = [
            (.moons(samples: 201, noise: 0), 2, 2, nil, 201),
            (.circles(samples: 7, factor: 0.5, noise: 0), 2, 2, nil, 7),
            (.blobs(samples: 10, centers: 4, features: 5, std: 1), 5, 4, nil, 10),
            (.parity(samples: 9, bits: 12), 12, 2, nil, 9),
            (.teacherRegression(samples: 11, features: 3, hidden: 4, outputs: 6, noise: 0), 3, nil, 6, 11),
            (.sine(samples: 12, low: 0, high: 1, noise: 0), 1, nil, 1, 12),
        ]
        for (source, features, classes, outputs, examples) in cases {
            #expect(source.featureCount == features && source.targetClasses == classes)
            #expect(source.regressionOutputs == outputs && source.exampleCount == examples)
        }
    }

    @Test func regressionSourcesTakeRegressionLosses() throws {
        for loss in ["mse", "mae", "{type: huber, delta: 0.5}"] {
            #expect(try decode(config("{source: sine}", units: 1, loss: loss)).headlines == [])
        }
        let entropy = config("{source: sine}", loss: "1️⃣cross_entropy")
        #expect(try decode(entropy).headlines == [
            "\(entropy.at(1)): error: loss 'cross_entropy' needs at least 2 classes, but data source 'sine' gives regression targets [loss-data-mismatch]",
        ])
        // teacher_regression with 3 outputs: mse needs 3 output units.
        let wide = MarkedText("""
            data: {source: teacher_regression, outputs: 3}
            model: {layers: [1️⃣{name: out, type: dense, units: 1}]}
            train: {loss: mse, optimizer: {type: sgd, lr: 0.1}, epochs: 1}
            """)
        let (_, headlines, all) = try decode(wide)
        #expect(headlines == ["\(wide.at(1)): error: the output node 'out' has 1 units, but mse over this data needs 3 (one per target) [output-width-mismatch]"])
        #expect(all.first?.help == ["make the last dense layer 3 units wide"])
        let classes = config("{source: moons}", units: 1, loss: "1️⃣mae")
        #expect(try decode(classes).headlines == [
            "\(classes.at(1)): error: loss 'mae' needs a regression target, but data source 'moons' gives class labels [loss-data-mismatch]",
        ])
    }

    @Test(arguments: [
        ("{source: sine, low: 2, high: 1️⃣2}", "sine's 'high' (2.0) must be greater than 'low' (2.0) [empty-range]"),
        ("{source: sine, low: 1️⃣4}", "sine's 'high' (3.141592653589793) must be greater than 'low' (4.0) [empty-range]"),
        ("{source: circles, factor: 1️⃣1}", "'factor' must be greater than 0 and less than 1, found 1 [out-of-range]"),
        ("{source: parity, bits: 1️⃣65}", "'bits' must be between 2 and 64, found 65 [out-of-range]"),
        ("{source: blobs, centers: 1️⃣1}", "'centers' must be between 2 and 1000, found 1 [out-of-range]"),
        ("{source: moons, noise: 1️⃣-0.1}", "'noise' must be at least 0, found -0.1 [out-of-range]"),
        ("{source: teacher_regression, outputs: 1️⃣0}", "'outputs' must be between 1 and 100, found 0 [out-of-range]"),
        ("{source: moons, 1️⃣factor: 0.5}", "data source 'moons' has no parameter 'factor' [unknown-key]"),
        ("{source: xor, validation: 1️⃣{source: sine}}",
         "the validation source 'sine' is not a file: generated or bundled data would repeat the training examples [validation-not-file]"),
    ])
    func mistakes(data: String, message: String) throws {
        let units = data.contains("sine") && !data.contains("xor") ? 1 : 2
        let input = config(data, units: units, loss: units == 1 ? "mse" : "cross_entropy")
        #expect(try decode(input).headlines == ["\(input.at(1)): error: \(message)"])
    }

    /// `sprout show`'s text of every new source reads back to the same spec.
    @Test(arguments: ["{source: moons, samples: 10, noise: 0.25}", "{source: circles, factor: 0.3}",
                      "{source: blobs, centers: 4, features: 3, std: 0.5}", "{source: parity, bits: 9}",
                      "{source: teacher_regression, outputs: 2}", "{source: sine, low: -1, high: 2.5, noise: 0}"])
    func resolvedConfigRoundTrips(data: String) throws {
        let regression = data.contains("regression") || data.contains("sine")
        let units = data.contains("outputs: 2") ? 2 : (regression ? 1 : (data.contains("centers: 4") ? 4 : 2))
        let spec = try #require(try decode(config(data, units: units, loss: regression ? "mse" : "cross_entropy")).spec)
        let text = ResolvedConfig.yaml(spec)
        let again = try decode(MarkedText(text))
        #expect(again.headlines == [])
        #expect(again.spec?.data == spec.data)
        #expect(again.spec.map(ResolvedConfig.yaml) == text)
    }
}
