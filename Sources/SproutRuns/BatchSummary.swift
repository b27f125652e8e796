import Foundation

/// `<out>/summary.csv`: one row per run directory below the output folder, and one per config of the batch that
/// could not run (invalid or refused), rewritten atomically as runs start and end (`BatchRunner`: at most ten times
/// a second), so that it is current even if the batch is killed. A sweep's own `<out>/<folder>/<name>/summary.csv` has one row per combination with a
/// column per swept setting.
///
/// Rows are kept for run directories that earlier batches wrote (found once, at the start, by their run.json), so
/// that running a subset of the configs does not drop the others' rows; `note` tells them apart.
///
/// `status`: `completed`, `diverged`, `failed`, `interrupted` (run.json's) for a run that ended; `running` while it
/// trains; `killed` when its process died without recording an end; `not-run` for a run of this batch that did not
/// start (the batch stopped, or the run was already being trained elsewhere); `invalid` and `refused` for configs;
/// `unreadable` for a run directory whose run.json is not a run record.
public final class BatchSummary {
    public static let columns = ["config", "run_dir", "status", "epochs", "epochs_completed", "train_loss",
                                 "train_accuracy", "val_loss", "val_accuracy", "seconds", "fingerprint", "note"]

    struct Row {
        var config: String
        var runDirectory: String
        var status: SummaryStatus
        var note: String
        var recorded: RunRecord?
        /// The row shows what another process did (an earlier batch, or one running beside this one), so it is read
        /// again from run.json before each write (`refresh` at the end also finds new run directories).
        var elsewhere = false
    }

    private let out: String
    private var rows: [String: Row] = [:]  // keyed by run directory (by config for configs without runs)
    private var sweeps: [String: [PlannedRun]] = [:]  // `<folder>/<name>` -> its planned runs, in sweep order

    public init(plan: BatchPlan) {
        out = plan.out
        refresh()
        for result in plan.loaded where result.hasErrors {
            rows["config:" + result.path] = Row(config: result.path, runDirectory: "", status: .invalid,
                                                note: "the config has errors", recorded: nil)
        }
        for (config, reason) in plan.refused {
            rows["config:" + config] = Row(config: config, runDirectory: "", status: .refused, note: reason, recorded: nil)
        }
        for run in plan.runs {
            rows[run.name] = Row(config: run.config, runDirectory: run.name, status: .notRun, note: run.state.description,
                                 recorded: nil)
            if run.spec.variant != nil {
                sweeps[String(run.name.dropLast(run.spec.variant?.count ?? 0).dropLast()), default: []].append(run)
            }
        }
    }

    /// A run of this batch starts (`running`: its metrics are not known yet, the previous run's are not shown), ends,
    /// or is not run because it is current: its row shows run.json. `elsewhere`: another process is training it,
    /// so its row follows that process's run.json from now on.
    package func record(_ run: PlannedRun, status: SummaryStatus? = nil, note: String, elsewhere: Bool = false) {
        let recorded = status == .running ? nil : try? RunRecord.read(directory: run.directory)
        rows[run.name] = Row(config: run.config, runDirectory: run.name,
                             status: status ?? recorded.map(SummaryStatus.init(recorded:)) ?? .notRun, note: note,
                             recorded: recorded, elsewhere: elsewhere)
    }

    /// Every run directory below the output folder that this batch has not trained, as its run.json says now: an
    /// earlier batch's runs, and those a batch beside this one trained, so that whichever batch writes summary.csv
    /// last, it lists every run as its record says. One walk of the folder: at the start and at the end of a batch.
    package func refresh() {
        for directory in RunDirectories.find(under: out) ?? [] where !directory.isEmpty {
            if let row = rows[directory], !row.elsewhere { continue }
            rows[directory] = Self.readRow(out: out, directory: directory, old: rows[directory])
        }
    }

    /// The row of a run another process trains or trained, from its run.json now.
    private static func readRow(out: String, directory: String, old: Row?) -> Row {
        let recorded = try? RunRecord.read(directory: (out as NSString).appendingPathComponent(directory))
        let status = recorded.map(SummaryStatus.init(recorded:)) ?? (old == nil ? .unreadable : old?.status ?? .notRun)
        let note = old?.status == status ? old?.note ?? "" : (old == nil ? "not in this batch" : "trained by another process")
        return Row(config: recorded?.config ?? old?.config ?? "", runDirectory: directory, status: status, note: note,
                   recorded: recorded, elsewhere: true)
    }

    /// Writes summary.csv and the summaries of the sweeps `runs` belong to (all of them when nil). `durable: false`
    /// while the batch runs: the files are still replaced atomically, but not fsync'd (`AtomicFile`), since they are
    /// a view of the runs' records, rewritten at the batch's end (durably) and rebuilt by any later batch; fsyncing
    /// two files whenever a run started or ended was about a tenth of a batch of tiny runs (docs/performance.md).
    public func write(sweepsOf runs: [PlannedRun]? = nil, durable: Bool = true) throws {
        // Another process's runs in flux (training, or not yet started by it) are read again; settled ones only at
        // the end (`refresh`), so that a write costs the same however many old runs the folder holds.
        for (key, row) in rows where row.elsewhere && !row.runDirectory.isEmpty && [.running, .notRun].contains(row.status) {
            rows[key] = Self.readRow(out: out, directory: row.runDirectory, old: row)
        }
        let ordered = rows.values.sorted { ($0.runDirectory, $0.config) < ($1.runDirectory, $1.config) }
        var text = Self.line(Self.columns)
        for row in ordered {
            let r = row.recorded
            let epochs: [String] = [r.map { String($0.epochs) } ?? "", r.map { String($0.epochsCompleted) } ?? ""]
            text += Self.line([row.config, row.runDirectory, row.status.rawValue] + epochs + Self.outcome(r)
                              + [r?.digest ?? "", row.note])
        }
        try Self.createFolder(out)
        try AtomicFile.write(text, to: (out as NSString).appendingPathComponent("summary.csv"), durable: durable)
        let touched = runs.map { Set($0.map(\.name)) }
        for (sweep, members) in sweeps where touched.map({ !$0.isDisjoint(with: members.map(\.name)) }) ?? true {
            try writeSweep(sweep, members, durable: durable)
        }
    }

    /// `<out>/<sweep>/summary.csv`: variant, one column per swept path (the value as written, JSON for a mapping), then the outcome.
    private func writeSweep(_ sweep: String, _ members: [PlannedRun], durable: Bool) throws {
        let paths = members.first?.spec.sweepSettings.map(\.path) ?? []
        var text = Self.line(["variant"] + paths + ["status", "epochs_completed", "train_loss", "train_accuracy",
                                                    "val_loss", "val_accuracy", "seconds"])
        for run in members {
            let row = rows[run.name]
            let r = row?.recorded
            text += Self.line([run.spec.variant ?? ""] + run.spec.sweepSettings.map(\.value)
                              + [row?.status.rawValue ?? "", r.map { String($0.epochsCompleted) } ?? ""] + Self.outcome(r))
        }
        let directory = (out as NSString).appendingPathComponent(sweep)
        // A real folder, even where the config's plain run had its link before it became a sweep.
        try RunStore(out: out).makeRealFolder(sweep)
        try AtomicFile.write(text, to: (directory as NSString).appendingPathComponent("summary.csv"), durable: durable)
    }

    /// The folder and its parents, or `RunError.cannotCreate` with the system's reason ("Not a directory",
    /// "Read-only file system"), never Foundation's error dump.
    private static func createFolder(_ path: String) throws {
        do { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) } catch {
            throw RunError.cannotCreate(path: path, reason: RunError.reason(error))
        }
    }

    /// train_loss, train_accuracy, val_loss, val_accuracy, seconds: empty cells when not recorded.
    private static func outcome(_ record: RunRecord?) -> [String] {
        let final = record?.final
        return [final?.trainLoss, final?.trainAccuracy, final?.validationLoss, final?.validationAccuracy].map(number)
            + [record?.seconds.map { String(format: "%.3f", $0) } ?? ""]
    }

    private static func number(_ value: Double?) -> String { value.map(MetricsRow.format) ?? "" }
    private static func line(_ fields: [String]) -> String { fields.map(CSVWriter.escape).joined(separator: ",") + "\n" }
}
