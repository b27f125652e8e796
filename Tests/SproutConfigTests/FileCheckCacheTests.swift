import Foundation
import Testing
@testable import SproutConfig

/// A sweep decodes its config once per combination; the file-check cache makes that one read of each data file, and
/// reads an edited file again.
@Suite struct FileCheckCacheTests {
    @Test func checksOncePerFileVersion() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sprout-cache-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("d.csv").path
        try "a,y\n1,0\n".write(toFile: path, atomically: false, encoding: .utf8)
        var checks = 0
        func check() -> Result<DataSourceSpec, CSVFileCheck.Problem> {
            checks += 1
            return .success(.xor(samples: checks, noise: 0))
        }
        #expect(try FileCheckCache.value(paths: [path], options: "o", check: check).get() == .xor(samples: 1, noise: 0))
        #expect(try FileCheckCache.value(paths: [path], options: "o", check: check).get() == .xor(samples: 1, noise: 0))
        #expect(checks == 1)
        // Other options: another check.
        _ = FileCheckCache.value(paths: [path], options: "p", check: check)
        #expect(checks == 2)
        // The file grows: its stamp changes, so it is checked again.
        try "a,y\n1,0\n2,1\n".write(toFile: path, atomically: false, encoding: .utf8)
        #expect(try FileCheckCache.value(paths: [path], options: "o", check: check).get() == .xor(samples: 3, noise: 0))
        // A file that is not there is never cached: its check reports why, each time.
        _ = FileCheckCache.value(paths: [path + ".none"], options: "o", check: check)
        _ = FileCheckCache.value(paths: [path + ".none"], options: "o", check: check)
        #expect(checks == 5)
    }

    /// Failures are not cached: a file fixed after a failed validation is read again.
    @Test func failuresAreNotKept() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sprout-cache-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("d.csv").path
        try "a,y\n".write(toFile: path, atomically: false, encoding: .utf8)
        var checks = 0
        func failing() -> Result<DataSourceSpec, CSVFileCheck.Problem> {
            checks += 1
            return .failure(CSVFileCheck.Problem(message: "no rows"))
        }
        _ = FileCheckCache.value(paths: [path], options: "o", check: failing)
        _ = FileCheckCache.value(paths: [path], options: "o", check: failing)
        #expect(checks == 2)
    }
}
