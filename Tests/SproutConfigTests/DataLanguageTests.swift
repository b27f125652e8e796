import SproutConfig
import SproutTestSupport
import Testing

@Suite struct DataLanguageTests {
    func config(_ data: String) -> MarkedText {
        MarkedText("""
            data: \(data)
            model: {layers: [{type: dense, units: 2}]}
            train: {loss: cross_entropy, optimizer: {type: sgd, lr: 0.1}, epochs: 1}
            """)
    }

    @Test func defaults() throws {
        let spec = try #require(try decode(config("{source: spirals}")).spec)
        // The benchmark's W1 data by default (shared/bench/README.md): 2000 points, 1.5 turns, noise 0.02.
        #expect(spec.data.source == .spirals(samples: 2000, turns: 1.5, noise: 0.02))
        #expect(spec.data.validation == .none)
        #expect(spec.data.normalize == .none)
        #expect(spec.data.shuffle == true)
    }

    @Test func digitsNeedTenOutputs() throws {
        let input = config("{source: digits}").text.replacingOccurrences(of: "[{type: dense, units: 2}]",
                                                                         with: "[1️⃣{type: dense, units: 2}]")
        let marked = MarkedText(input)
        #expect(try decode(marked).headlines == [
            "\(marked.at(1)): error: the output node 'dense1' has 2 units, but cross_entropy over this data needs 10 (one per class) [output-width-mismatch]",
        ])
    }

    @Test(arguments: [
        ("{source: xor, samples: 4, validation: 1️⃣0.1}", "validation 0.1 of 4 examples leaves no example to validate on [empty-split]"),
        ("{source: xor, samples: 4, validation: 1️⃣0.9}", "validation 0.9 of 4 examples leaves no example to train on [empty-split]"),
        ("{source: xor, validation: 1️⃣1}", "'validation' must be at least 0 and less than 1, found 1 [out-of-range]"),
        ("{source: xor, normalize: 1️⃣zscore}", "unknown normalize 'zscore' [unknown-choice]"),
        ("{source: xor, shuffle: 1️⃣no}", "'shuffle' must be true or false, found a string [type-mismatch]"),
        ("{source: xor, 1️⃣turns: 2}", "data source 'xor' has no parameter 'turns' [unknown-key]"),
    ])
    func mistakes(data: String, message: String) throws {
        let input = config(data)
        #expect(try decode(input).headlines == ["\(input.at(1)): error: \(message)"])
    }

    @Test func earlyStoppingOnValidationNeedsValidationData() throws {
        let input = MarkedText("""
            data: {source: xor}
            model: {layers: [{type: dense, units: 2}]}
            train: {loss: cross_entropy, optimizer: {type: sgd, lr: 0.1}, epochs: 5, early_stopping: {metric: 1️⃣val_loss}}
            """)
        let (_, headlines, all) = try decode(input)
        #expect(headlines == ["\(input.at(1)): error: early stopping on val_loss needs validation data, but data.validation is 0 [no-validation-data]"])
        #expect(all.first?.help == ["hold some examples out, e.g. data.validation: 0.2, or stop on a train_ metric"])
        let split = MarkedText(input.text.replacingOccurrences(of: "{source: xor}", with: "{source: xor, validation: 0.2}"))
        #expect(try decode(split).headlines == [])
    }
}
