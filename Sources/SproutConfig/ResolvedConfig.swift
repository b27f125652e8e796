import SproutDataFiles
import SproutYAML

/// Writes an `ExperimentSpec` back as YAML with every default filled in: what `sprout show` prints and what a run
/// directory's config.yaml will hold. The text is a config Sprout accepts and that describes the same experiment
/// (reading it back and writing it again gives the same text).
///
/// Every layer is written as a flow mapping with its name, its inputs (except the first node's, which reads the
/// data), and for dense layers its own resolved initializers. Strings are double-quoted with JSON escapes, which
/// YAML reads the same way; numbers use Swift's shortest round-trip form, which the YAML 1.2 core schema reads back
/// to the same Double.
public enum ResolvedConfig {
    /// A run's config.yaml begins with the command-line overrides it was read with, as a comment (the values above
    /// already hold them): `# overrides: train.optimizer.lr=0.01`. Empty without overrides.
    public static func header(_ spec: ExperimentSpec) -> String {
        spec.overrides.isEmpty ? "" : "# overrides: " + spec.overrides.joined(separator: " ") + "\n"
    }

    public static func yaml(_ spec: ExperimentSpec) -> String {
        var lines: [String] = []
        lines.append("name: \(name(spec.name))")
        if !spec.description.isEmpty { lines.append("description: \(quote(spec.description))") }
        lines.append("seed: \(spec.seed)")
        lines += ["data:"] + dataLines(spec.data)
        lines += ["model:"] + modelLines(spec.model)
        lines += ["train:"] + trainLines(spec.train)
        lines += ["log:"] + logLines(spec.log)
        return lines.joined(separator: "\n") + "\n"
    }

    /// The `data:` section's lines, indented by two spaces.
    static func dataLines(_ data: DataSpec) -> [String] {
        let validation: [String]
        switch data.validation {
        case .none: validation = ["  validation: \(number(0))"]
        case .fraction(let fraction): validation = ["  validation: \(number(fraction))"]
        case .source(let other): validation = ["  validation:"] + sourceLines(other, indent: "    ")
        }
        return sourceLines(data.source, indent: "  ") + validation + testLines(data.test)
            + ["  normalize: \(data.normalize.rawValue)", "  shuffle: \(data.shuffle)"] + shapeLines(data)
    }

    /// `shape` for images, and for an idx source whatever its shape (its own is an image, so flat features read
    /// from it must be written: `shape: [64]`); other flat features need none, so the resolved text (and the
    /// fingerprint) of every config written before images existed stays what it was.
    static func shapeLines(_ data: DataSpec) -> [String] {
        let shape = data.exampleShape
        var idx = false
        if case .idx = data.source { idx = true }
        guard shape.isImage || idx else { return [] }
        return ["  shape: [" + shape.dimensions.map(String.init).joined(separator: ", ") + "]"]
    }

    /// `test` only when there is a test split or source: absent means none, as for `clip_grad_norm`, so that the
    /// resolved text (and the fingerprint) of every config without one stays what it was before `data.test` existed.
    static func testLines(_ test: Validation) -> [String] {
        switch test {
        case .none: return []
        case .fraction(let fraction): return ["  test: \(number(fraction))"]
        case .source(let other): return ["  test:"] + sourceLines(other, indent: "    ")
        }
    }

    /// A source's `source:` and parameter lines; a file's path is written resolved (absolute), so the text means
    /// the same file wherever it is saved.
    static func sourceLines(_ source: DataSourceSpec, indent: String) -> [String] {
        let lines: [String]
        switch source {
        case .xor(let samples, let noise):
            lines = ["source: xor", "samples: \(samples)", "noise: \(number(noise))"]
        case .spirals(let samples, let turns, let noise):
            lines = ["source: spirals", "samples: \(samples)", "turns: \(number(turns))", "noise: \(number(noise))"]
        case .teacher(let samples, let features, let classes):
            lines = ["source: teacher", "samples: \(samples)", "features: \(features)", "classes: \(classes)"]
        case .moons(let samples, let noise):
            lines = ["source: moons", "samples: \(samples)", "noise: \(number(noise))"]
        case .circles(let samples, let factor, let noise):
            lines = ["source: circles", "samples: \(samples)", "factor: \(number(factor))", "noise: \(number(noise))"]
        case .blobs(let samples, let centers, let features, let std):
            lines = ["source: blobs", "samples: \(samples)", "centers: \(centers)", "features: \(features)",
                     "std: \(number(std))"]
        case .parity(let samples, let bits):
            lines = ["source: parity", "samples: \(samples)", "bits: \(bits)"]
        case .teacherRegression(let samples, let features, let hidden, let outputs, let noise):
            lines = ["source: teacher_regression", "samples: \(samples)", "features: \(features)", "hidden: \(hidden)",
                     "outputs: \(outputs)", "noise: \(number(noise))"]
        case .sine(let samples, let low, let high, let noise):
            lines = ["source: sine", "samples: \(samples)", "low: \(number(low))", "high: \(number(high))",
                     "noise: \(number(noise))"]
        case .bundled(let dataset):
            lines = ["source: \(dataset.rawValue)"]
        case .csv(let file):
            lines = ["source: csv", "path: \(quote(file.path))", "target: \(quote(file.target))"]
                + (file.features.map { ["features: [" + $0.map(quote).joined(separator: ", ") + "]"] } ?? [])
                + ["delimiter: \(quote(String(decoding: [file.delimiter], as: UTF8.self)))", "header: \(file.header)"]
                + missingLines(file.missing)
        case .idx(let file):
            lines = ["source: idx", "images: \(quote(file.images))", "labels: \(quote(file.labels))",
                     "scale: \(number(file.scale))"]
        }
        return lines.map { indent + $0 }
    }

    /// `missing`, and `fill_value` only with `fill` (elsewhere it would do nothing, and is warned about).
    static func missingLines(_ policy: MissingValuePolicy) -> [String] {
        switch policy {
        case .error: return ["missing: error"]
        case .drop: return ["missing: drop"]
        case .fill(let value): return ["missing: fill", "fill_value: \(number(value))"]
        }
    }

    /// The `log` section's lines as `yaml` writes them (the fingerprint hashes it apart from the rest).
    public static func logSection(_ log: LogSpec) -> String { (["log:"] + logLines(log)).joined(separator: "\n") + "\n" }

    static func logLines(_ log: LogSpec) -> [String] {
        let c = log.checkpoints
        return ["  every: \(log.every)", "  layers: \(log.layers)",
                "  checkpoints: {init: \(c.initial), final: \(c.final), every: \(c.every), best: \(c.best.rawValue), resume_every: \(number(c.resumeEvery))}"]
    }

    /// Shortest round-trip form; always with a `.` or an exponent so it reads back as a float.
    static func number(_ value: Double) -> String { "\(value)" }

    /// A name as a plain scalar when the core schema reads it back as the same string (a letter first, then
    /// letters, digits, `_`, `-`; not true, false or null), else double-quoted.
    static func name(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        func isLetter(_ c: Unicode.Scalar) -> Bool { ("a"..."z").contains(c) || ("A"..."Z").contains(c) }
        let plain = scalars.first.map(isLetter) == true
            && scalars.allSatisfy { isLetter($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" }
            && !["true", "false", "null"].contains(text.lowercased())
        return plain ? text : quote(text)
    }

    /// A double-quoted YAML string: JSON's escapes are YAML's too.
    static func quote(_ text: String) -> String { JSONString.quoted(text) }
}
