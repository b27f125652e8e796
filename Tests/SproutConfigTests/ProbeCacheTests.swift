import Foundation
import Testing
@testable import SproutConfig

/// A sweep decodes its config once per combination; the probe cache makes that one read of each data file, and
/// reads an edited file again.
@Suite struct ProbeCacheTests {
    @Test func probesOncePerFileVersion() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sprout-cache-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("d.csv").path
        try "a,y\n1,0\n".write(toFile: path, atomically: false, encoding: .utf8)
        var probes = 0
        func probe() -> Result<DataSourceSpec, CSVProbe.Problem> {
            probes += 1
            return .success(.xor(samples: probes, noise: 0))
        }
        #expect(try ProbeCache.value(paths: [path], options: "o", probe: probe).get() == .xor(samples: 1, noise: 0))
        #expect(try ProbeCache.value(paths: [path], options: "o", probe: probe).get() == .xor(samples: 1, noise: 0))
        #expect(probes == 1)
        // Other options: another probe.
        _ = ProbeCache.value(paths: [path], options: "p", probe: probe)
        #expect(probes == 2)
        // The file grows: its stamp changes, so it is probed again.
        try "a,y\n1,0\n2,1\n".write(toFile: path, atomically: false, encoding: .utf8)
        #expect(try ProbeCache.value(paths: [path], options: "o", probe: probe).get() == .xor(samples: 3, noise: 0))
        // A file that is not there is never cached: its probe reports why, each time.
        _ = ProbeCache.value(paths: [path + ".none"], options: "o", probe: probe)
        _ = ProbeCache.value(paths: [path + ".none"], options: "o", probe: probe)
        #expect(probes == 5)
    }

    /// Failures are not cached: a file fixed after a failed validation is read again.
    @Test func failuresAreNotKept() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sprout-cache-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("d.csv").path
        try "a,y\n".write(toFile: path, atomically: false, encoding: .utf8)
        var probes = 0
        func failing() -> Result<DataSourceSpec, CSVProbe.Problem> {
            probes += 1
            return .failure(CSVProbe.Problem(message: "no rows"))
        }
        _ = ProbeCache.value(paths: [path], options: "o", probe: failing)
        _ = ProbeCache.value(paths: [path], options: "o", probe: failing)
        #expect(probes == 2)
    }
}
