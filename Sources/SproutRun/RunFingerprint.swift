import Foundation
import SproutConfig

/// A run's fingerprint: SHA-256 over the canonical resolved config (`ResolvedConfig.yaml`: every default filled in,
/// one spelling per setting, so two configs that describe the same run get the same text), Sprout's version, and
/// the bytes of every file the config reads (CSV and IDX data, safetensors initializers), each file's path and
/// size framed before its bytes so that no two different inputs concatenate alike. Generated and bundled data are
/// covered by the config text (generator, parameters, seed) and the version (the bundled copies ship with it).
///
/// The batch runner compares it with a finished run's run.json to decide whether the run is up to date; it is also
/// written into every checkpoint's metadata.
enum RunFingerprint {
    static func of(_ spec: ExperimentSpec) throws -> String {
        var hash = SHA256()
        hash.update("sprout \(SproutVersion.current)\n")
        hash.update(ResolvedConfig.yaml(spec))
        for path in referencedFiles(spec) {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw RunError.cannotRead(path: path, reason: "it cannot be read to fingerprint the run")
            }
            hash.update("\nfile \(path) \(data.count)\n")
            hash.update(data)
        }
        return hash.hexDigest()
    }

    /// Every file path in the spec, found by walking its values (so a new kind of file source is covered without a
    /// change here), sorted and without repeats.
    static func referencedFiles(_ spec: ExperimentSpec) -> [String] {
        var paths = Set<String>()
        func walk(_ value: Any) {
            switch value {
            case let csv as CSVSource: paths.insert(csv.path)
            case let idx as IDXSource: paths.formUnion([idx.images, idx.labels])
            case let file as SafetensorsSource: paths.insert(file.path)
            default: for child in Mirror(reflecting: value).children { walk(child.value) }
            }
        }
        walk(spec)
        return paths.sorted()
    }
}
