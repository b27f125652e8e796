import Foundation
@testable import SproutRuns
import Testing

/// The run's space reserve: its size, its blocks really taken, removed once whoever ends the run, and a dead
/// worker's removed by the batch only while no process holds the directory's lock. (A full disk end to end:
/// DiskFullTests.)
@Suite struct SpaceReserveTests {
    private static func directory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sprout-reserve-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// 64 KiB plus twice the record, in whole 4 KiB blocks.
    @Test func sizeIsTheFloorPlusTwiceTheRecordInBlocks() {
        #expect(SpaceReserve.bytes(forRecord: 0) == 65_536)
        #expect(SpaceReserve.bytes(forRecord: 1) == 65_536 + 4096)
        #expect(SpaceReserve.bytes(forRecord: 2048) == 65_536 + 4096)
        #expect(SpaceReserve.bytes(forRecord: 2049) == 65_536 + 8192)
    }

    @Test func allocatedUntilReleasedOnce() throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let reserve = try SpaceReserve(directory: directory, bytes: 81_920)
        var status = stat()
        #expect(stat(directory + "/.reserve", &status) == 0)
        #expect(status.st_size == 81_920)
        // Blocks on disk (512-byte units), not a sparse file's hole.
        #expect(Int(status.st_blocks) * 512 >= 81_920)
        reserve.release()
        #expect(!FileManager.default.fileExists(atPath: directory + "/.reserve"))
        // Released once: a file of that name made afterwards is not the reserve's to remove.
        _ = FileManager.default.createFile(atPath: directory + "/.reserve", contents: nil)
        reserve.release()
        #expect(FileManager.default.fileExists(atPath: directory + "/.reserve"))
    }

    @Test func goneWithItsOwner() throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        do { _ = try SpaceReserve(directory: directory, bytes: 4096) }
        #expect(!FileManager.default.fileExists(atPath: directory + "/.reserve"))
    }

    @Test func aLeftoverIsRemovedOnlyWhenNoOneHoldsTheLock() throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        _ = FileManager.default.createFile(atPath: directory + "/.reserve", contents: Data(count: 4096))
        // The run name's lock is in another folder (the store's name folder), as in a batch.
        let lockDirectory = directory + "/name"
        let holder = try RunLock(directory: lockDirectory)
        SpaceReserve.removeLeftover(in: directory, lockDirectory: lockDirectory)
        #expect(FileManager.default.fileExists(atPath: directory + "/.reserve"))
        holder.release()
        SpaceReserve.removeLeftover(in: directory, lockDirectory: lockDirectory)
        #expect(!FileManager.default.fileExists(atPath: directory + "/.reserve"))
    }

    /// No reserve, no lock file: a worker that failed before its run started left its directory untouched.
    @Test func nothingToRemoveTouchesNothing() throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        SpaceReserve.removeLeftover(in: directory, lockDirectory: directory)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty)
        SpaceReserve.removeLeftover(in: directory + "/never-created", lockDirectory: directory + "/never-created")
        #expect(!FileManager.default.fileExists(atPath: directory + "/never-created"))
    }
}
