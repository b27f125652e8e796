import Foundation
import Testing
@testable import SproutRuns

/// A file-system failure reaches the user as the system's sentence, never as Foundation's error dump.
@Suite struct FileSystemErrorTests {
    /// What FileManager throws on Linux for a read-only file system: a Cocoa error around the POSIX one.
    @Test func theSystemsReasonIsFoundUnderFoundationsError() {
        let readOnly = NSError(domain: NSCocoaErrorDomain, code: 642,
                               userInfo: [NSUnderlyingErrorKey: NSError(domain: NSPOSIXErrorDomain, code: Int(EROFS))])
        #expect(RunError.reason(readOnly) == "Read-only file system")
        #expect(RunError.reason(NSError(domain: NSPOSIXErrorDomain, code: Int(ENOSPC))) == "No space left on device")
    }

    /// A folder below a regular file: the path and "Not a directory", from FileManager's real error.
    @Test func aFolderBelowAFileCannotBeCreated() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("sprout-file-\(UUID())").path
        try "x".write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let lockFolder = NSTemporaryDirectory() + "sprout-lock-\(UUID())"
        defer { try? FileManager.default.removeItem(atPath: lockFolder) }
        #expect(throws: Never.self) { try RunLock(directory: lockFolder).release() }
        do {
            _ = try RunLock(directory: file + "/runs/x")
            Issue.record("a run directory was created below a regular file")
        } catch {
            #expect("\(error)" == "cannot create \(file)/runs/x: Not a directory")
        }
    }
}
