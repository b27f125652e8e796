import Foundation
import SproutConfig
import SproutData
import Testing
@testable import SproutRun

/// The data fingerprint: FNV-1a-64 itself against the algorithm's published test vectors, and what changes the
/// fingerprint of an experiment's data and what does not.
@Suite struct DataFingerprintTests {
    /// The FNV reference's vectors for FNV-1a 64 (also recomputed with a three-line Python loop).
    @Test func fnv1a64Vectors() {
        for (text, hex) in [("", "cbf29ce484222325"), ("a", "af63dc4c8601ec8c"), ("foobar", "85944171f73967e8")] {
            var hash = FNV1a64()
            hash.add(text)
            #expect(hash.hex == hex)
        }
    }

    static func load(_ yaml: String, in folder: URL, name: String = "c.yaml") throws -> ExperimentSpec {
        let path = folder.appendingPathComponent(name).path
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        let loaded = ConfigLoader.load(path: path)
        return try #require(loaded.spec, "\(loaded.diagnostics)")
    }

    static func config(_ data: String, seed: Int = 1) -> String {
        """
        seed: \(seed)
        data: \(data)
        model: {layers: [{type: dense, units: 2}]}
        train: {loss: cross_entropy, optimizer: {type: sgd, lr: 0.1}, epochs: 1}

        """
    }

    @Test func generatorsDependOnParametersAndSeed() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sprout-fp-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let a = try DataFingerprint.of(Self.load(Self.config("{source: moons, noise: 0.1}"), in: folder))
        let same = try DataFingerprint.of(Self.load(Self.config("{source: moons, noise: 0.1, validation: 0.2, normalize: minmax}"), in: folder))
        let noise = try DataFingerprint.of(Self.load(Self.config("{source: moons, noise: 0.2}"), in: folder))
        let seed = try DataFingerprint.of(Self.load(Self.config("{source: moons, noise: 0.1}", seed: 2), in: folder))
        #expect(a.count == 16 && a.allSatisfy(\.isHexDigit))
        #expect(a == same)  // the split and the scaling are settings, not data
        #expect(a != noise && a != seed)
        // The canonical text is documented: the fingerprint is its FNV-1a-64.
        var hash = FNV1a64()
        hash.add("train: moons samples=200 noise=0.1 seed=1\n")
        #expect(a == hash.hex)
    }

    @Test func filesDependOnTheirBytesNotTheirPathOrTheSeed() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sprout-fp-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let csv = "a,y\n1,0\n2,1\n"
        try csv.write(to: folder.appendingPathComponent("d.csv"), atomically: true, encoding: .utf8)
        try csv.write(to: folder.appendingPathComponent("copy.csv"), atomically: true, encoding: .utf8)
        let a = try DataFingerprint.of(Self.load(Self.config("{source: csv, path: d.csv, target: y}"), in: folder))
        let moved = try DataFingerprint.of(Self.load(Self.config("{source: csv, path: copy.csv, target: y}", seed: 5), in: folder))
        #expect(a == moved)
        var bytes = FNV1a64()
        bytes.add(csv)
        var expected = FNV1a64()
        expected.add("train: csv bytes=\(bytes.hex) target=\"y\" features=* delimiter=44 missing=error\n")
        #expect(a == expected.hex)
        try "a,y\n1,0\n3,1\n".write(to: folder.appendingPathComponent("d.csv"), atomically: true, encoding: .utf8)
        let edited = try DataFingerprint.of(Self.load(Self.config("{source: csv, path: d.csv, target: y}"), in: folder))
        #expect(edited != a)
    }
}
