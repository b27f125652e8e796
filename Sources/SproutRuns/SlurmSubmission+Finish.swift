import Foundation

extension SlurmSubmission {
    /// Task `index` has ended (whatever became of its run): leaves `ended/<index>`, then, under the submission's lock
    /// (`RunLock` on its folder: tasks on several nodes end at once), calls `lastOne` when every task has left its
    /// mark. Each call of `lastOne` rebuilds summary.csv and the report from every run.json below the output folder
    /// (not from what one task knows), so whichever task ends last, and any task that ends together with it, writes a
    /// whole and true summary; the lock keeps two of them from writing at once. A task killed outright leaves no mark:
    /// then `sprout status` brings the summary up to date.
    package func taskEnded(_ index: Int, lastOne: () throws -> Void) throws {
        let marks = path("ended")
        do { try FileManager.default.createDirectory(atPath: marks, withIntermediateDirectories: true) } catch {
            throw RunError.cannotCreate(path: marks, reason: RunError.reason(error))
        }
        try AtomicFile.write(Data(), to: (marks as NSString).appendingPathComponent(String(index)))
        let lock = try RunLock(directory: folder, patience: 300)
        defer { lock.release() }
        let ended = Set((try? FileManager.default.contentsOfDirectory(atPath: marks)) ?? [])
        guard tasks.indices.allSatisfy({ ended.contains(String($0)) }) else { return }
        try lastOne()
    }
}
