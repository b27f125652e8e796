import Foundation
@testable import SproutRuns
import Testing

/// The run directory's lock: one holder at a time, free again when released (or when its process ends, which the
/// kernel does for flock; the batch's end-to-end tests kill workers and rerun).
@Suite struct RunLockTests {
    @Test func oneHolderAtATime() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sprout-lock-\(UUID().uuidString)/run").path
        defer { try? FileManager.default.removeItem(atPath: (directory as NSString).deletingLastPathComponent) }
        let first = try RunLock(directory: directory)
        #expect(FileManager.default.fileExists(atPath: directory + "/.lock"))
        #expect(throws: RunError.self) { _ = try RunLock(directory: directory) }
        do {
            _ = try RunLock(directory: directory)
        } catch RunError.busy(let busy) {
            #expect(busy == directory)
        }
        first.release()
        let again = try RunLock(directory: directory)
        again.release()
    }
}
