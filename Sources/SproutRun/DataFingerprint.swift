import Foundation
import SproutConfig
import SproutData
import SproutDataFiles

/// A content fingerprint of an experiment's data, for the batch runner's up-to-date check: 16 hex digits of
/// FNV-1a-64 (`FNV1a64`, and why not SHA-256) over a canonical text of what decides the examples:
///
/// - a generator: its name, every parameter (numbers in Swift's shortest round-trip form) and the seed;
/// - a bundled dataset: its name (the data is compiled into this Sprout);
/// - a csv file: the FNV-1a-64 of its bytes and the options that shape what is read (target, features, delimiter,
///   missing-value policy), not its path, so a moved or renamed file keeps its fingerprint and an edited one
///   changes it;
/// - idx files: each file's bytes' FNV-1a-64 and the scale;
/// - a validation source: the same, after the training source's.
///
/// The split fraction, the scaling and the shuffling are not part of it: they are settings of the config, which
/// the up-to-date check compares anyway. Files are read whole once each.
public enum DataFingerprint {
    /// The fingerprint of `spec`'s data (its seed counts only for generated data).
    public static func of(_ spec: ExperimentSpec) throws -> String {
        try of(spec.data, seed: spec.seed)
    }

    public static func of(_ data: DataSpec, seed: UInt64) throws -> String {
        var text = "train: " + (try description(of: data.source, seed: seed)) + "\n"
        if case .source(let other) = data.validation {
            text += "validation: " + (try description(of: other, seed: seed)) + "\n"
        }
        var hash = FNV1a64()
        hash.add(text)
        return hash.hex
    }

    /// The canonical one-line text of a source, its files' hashes included.
    static func description(of source: DataSourceSpec, seed: UInt64) throws -> String {
        func n(_ value: Double) -> String { "\(value)" }
        switch source {
        case .xor(let samples, let noise):
            return "xor samples=\(samples) noise=\(n(noise)) seed=\(seed)"
        case .spirals(let samples, let turns, let noise):
            return "spirals samples=\(samples) turns=\(n(turns)) noise=\(n(noise)) seed=\(seed)"
        case .teacher(let samples, let features, let classes):
            return "teacher samples=\(samples) features=\(features) classes=\(classes) seed=\(seed)"
        case .moons(let samples, let noise):
            return "moons samples=\(samples) noise=\(n(noise)) seed=\(seed)"
        case .circles(let samples, let factor, let noise):
            return "circles samples=\(samples) factor=\(n(factor)) noise=\(n(noise)) seed=\(seed)"
        case .blobs(let samples, let centers, let features, let std):
            return "blobs samples=\(samples) centers=\(centers) features=\(features) std=\(n(std)) seed=\(seed)"
        case .parity(let samples, let bits):
            return "parity samples=\(samples) bits=\(bits) seed=\(seed)"
        case .teacherRegression(let samples, let features, let hidden, let outputs, let noise):
            return "teacher_regression samples=\(samples) features=\(features) hidden=\(hidden) outputs=\(outputs) "
                + "noise=\(n(noise)) seed=\(seed)"
        case .sine(let samples, let low, let high, let noise):
            return "sine samples=\(samples) low=\(n(low)) high=\(n(high)) noise=\(n(noise)) seed=\(seed)"
        case .bundled(let dataset):
            return "bundled \(dataset.rawValue)"
        case .csv(let file):
            let missing: String
            switch file.missing {
            case .error: missing = "error"
            case .drop: missing = "drop"
            case .fill(let value): missing = "fill \(n(value))"
            }
            let features = file.features.map { $0.map(quoted).joined(separator: ",") } ?? "*"
            return "csv bytes=\(try hash(of: file.path)) target=\(quoted(file.target)) features=\(features) "
                + "delimiter=\(file.delimiter) missing=\(missing)"
        case .idx(let file):
            return "idx images=\(try hash(of: file.images)) labels=\(try hash(of: file.labels)) scale=\(n(file.scale))"
        }
    }

    /// FNV-1a-64 of a file's bytes, in hex.
    static func hash(of path: String) throws -> String {
        let bytes: [UInt8]
        do {
            bytes = try RawFile.read(path)
        } catch {
            throw RunError.cannotRead(path: path, reason: error.reason)
        }
        var hash = FNV1a64()
        hash.add(bytes)
        return hash.hex
    }

    /// A name in the canonical text, quoted so that separators inside it cannot run into the next field.
    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
