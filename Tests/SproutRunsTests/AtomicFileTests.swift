import Foundation
import Testing
@testable import SproutRuns

/// AtomicFile's replacement with and without the fsyncs: the same file, no temporary left behind; `sync` of files
/// written earlier, a missing one skipped.
@Suite struct AtomicFileTests {
    static func folder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sprout-atomic-\(UUID())").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Durable or not, the new contents replace the old whole, and the folder holds only the file.
    @Test(arguments: [true, false]) func aFileIsReplacedWhole(durable: Bool) throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/summary.csv"
        try AtomicFile.write("old\n", to: path, durable: durable)
        try AtomicFile.write("new\n", to: path, durable: durable)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["summary.csv"])
    }

    /// `sync` takes files written any way; one that is gone is skipped, a folder that is not there is an error naming
    /// the path.
    @Test func filesWrittenEarlierAreSynced() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try AtomicFile.write("a", to: folder + "/a", durable: false)
        try "b".write(toFile: folder + "/b", atomically: false, encoding: .utf8)
        #expect(throws: Never.self) { try AtomicFile.sync([folder + "/a", folder + "/b", folder + "/gone"]) }
        #expect(throws: RunError.self) { try AtomicFile.sync([folder + "/a/below-a-file"]) }
    }
}
