import SproutConfig
import SproutDiagnostics
import SproutTestSupport
import SproutYAML

/// Decodes marked YAML text and returns the spec and the diagnostics' headlines (`L:C: error: message`, the file
/// name left out), for assertions that name every expected problem exactly.
func decode(_ input: MarkedText, name: String = "test") throws -> (spec: ExperimentSpec?, headlines: [String], all: [Diagnostic]) {
    let root = try YAMLDocument.parse(input.text, file: "t.yaml")
    let result = ExperimentDecoder.decode(root, defaultName: name)
    let headlines = result.diagnostics.map { d in
        String(d.headline.dropFirst("t.yaml:".count))
    }
    return (result.spec, headlines, result.diagnostics)
}

extension MarkedText {
    /// `L:C` of marker n, to build expected headlines.
    func at(_ n: Int) -> String { lineColumn(n) }
}

/// A valid config to which tests append or in which they replace parts.
let validXOR = """
    data: {source: xor, samples: 8}
    model:
      layers:
        - {name: hidden, type: dense, units: 4}
        - tanh
        - {name: out, type: dense, units: 2}
    train:
      loss: cross_entropy
      optimizer: {type: sgd, lr: 0.1}
      epochs: 2

    """
