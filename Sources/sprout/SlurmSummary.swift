import Foundation
import SproutRuns

/// summary.csv and report.html of an output folder with Slurm submissions, rebuilt from every run.json as it stands,
/// by the last task of an array, by `sprout status`, and by the submitter, each under one lock (`RunLock` on
/// `<out>/.slurm`), so that two writers on two machines never interleave a stale view with a fresh one: each reads
/// the records and writes the files while holding it.
enum SlurmSummary {
    /// Runs `body` holding the output folder's Slurm lock (waiting up to five minutes for another writer).
    static func locked<T>(out: String, _ body: () throws -> T) throws -> T {
        let lock = try RunLock(directory: SlurmSubmission.root(out: out), patience: 300)
        defer { lock.release() }
        return try body()
    }

    /// The last task's rebuild: summary.csv (every run below the output folder, the submission's runs with a note on
    /// what their task did) and report.html. The sweeps' own summaries are left to `sprout status`, which has the
    /// whole plan: an array may hold only some of a sweep's runs.
    static func rebuild(after submission: SlurmSubmission, jobID: String) throws {
        try locked(out: submission.out) {
            let endings = submission.endings()
            var runs: [(run: PlannedRun, index: Int)] = []
            for index in submission.tasks.indices {
                guard let data = FileManager.default.contents(atPath: submission.orderPath(index)),
                      let order = try? WorkerOrder.read(data) else { continue }
                runs.append((PlannedRun(order), index))
            }
            let summary = BatchSummary(plan: BatchPlan(out: submission.out, runs: runs.map(\.run)))
            for (run, index) in runs {
                summary.record(run, note: note(run, index: index, jobID: jobID, ending: endings[index]))
            }
            summary.refresh()
            try summary.write(sweepsOf: [])
            _ = RunCommand.writeHTMLReport(out: submission.out)
        }
    }

    /// What task `index` did to its run, for summary.csv's note.
    private static func note(_ run: PlannedRun, index: Int, jobID: String, ending: SlurmSubmission.Ending?) -> String {
        let id = "\(jobID)_\(index)"
        if let slurm = (try? RunRecord.read(directory: run.directory))?.slurm, slurm.jobID == jobID, slurm.task == index {
            return "trained by Slurm job \(id)"
        }
        guard let ending else { return "Slurm job \(id) recorded no end" }
        if !ending.message.isEmpty { return "Slurm job \(id) could not train it: \(ending.message)" }
        return ending.status == 0 ? "Slurm job \(id) found it current already" : "Slurm job \(id) ended with status \(ending.status)"
    }

    /// `sprout status`'s rewrite: summary.csv and the sweeps' summaries from the whole plan, each run's note what
    /// Slurm says of it; report.html only when summary.csv changed (or there is none), since a status in a loop
    /// must not rewrite a page of every run each time. Failures are warnings: status itself has done its work.
    static func refresh(_ plan: BatchPlan, view: SlurmView, note: (PlannedRun) -> String) {
        do {
            try locked(out: plan.out) {
                let file = (plan.out as NSString).appendingPathComponent("summary.csv")
                let before = try? Data(contentsOf: URL(fileURLWithPath: file))
                let summary = BatchSummary(plan: plan)
                for run in plan.runs { summary.record(run, note: note(run)) }
                try summary.write()
                let after = try? Data(contentsOf: URL(fileURLWithPath: file))
                let report = (plan.out as NSString).appendingPathComponent("report.html")
                if before != after || !FileManager.default.fileExists(atPath: report) {
                    _ = RunCommand.writeHTMLReport(out: plan.out)
                }
            }
        } catch {
            DiagnosticOutput.printError("warning: summary.csv not brought up to date: \(error)")
        }
    }
}
