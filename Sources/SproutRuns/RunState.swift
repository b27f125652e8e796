import Foundation
import SproutConfig

/// Where a planned run stands, from its run directory's run.json and the fingerprint of the config as it is now:
/// what `sprout status` prints and what the batch runner uses to decide what to train.
public enum RunState: Sendable, Equatable {
    /// No run.json.
    case neverRun
    /// Completed with the same fingerprint. `logChanged`: the `log` settings differ (they do not change training,
    /// so the run stays current; `--force` rewrites its logs).
    case upToDate(logChanged: Bool)
    /// Diverged with the same fingerprint: a result (training is deterministic, a rerun diverges again), reported
    /// as a problem but not rerun without `--force`.
    case diverged
    /// Completed or diverged from other inputs; the reasons say which (config, a data file, Sprout's version).
    case stale([String])
    case failed(String)
    case interrupted
    /// run.json says running and its process is alive: another `sprout` is training it now.
    case running(pid: Int32)
    /// run.json says running but its process is gone: killed without a chance to record it.
    case killed
    /// run.json exists and is not a run record.
    case unreadable(String)
    /// Not up to date, but the store holds a run that completed (or diverged) from the same inputs, its files intact:
    /// `sprout run` points the run's path back at it instead of training (`RunStore.cachedEntry`).
    case restorable(entry: String, started: Date)
    /// Stopped (interrupted, failed or killed) from the same inputs after saving its training state
    /// (resume.safetensors in the store's entry `entry`): `sprout run` goes on from there, `epoch` whole epochs and
    /// `step` steps in (`RunStore.resumableEntry`); `--restart` trains from scratch instead.
    case resumable(entry: String, epoch: Int, step: Int)

    /// Whether the batch runner trains it (without `--force`).
    public var needsRun: Bool {
        switch self {
        case .upToDate, .diverged, .running, .restorable: return false
        case .neverRun, .stale, .failed, .interrupted, .killed, .unreadable, .resumable: return true
        }
    }

    /// A state without its details, in the order `sprout status` counts them.
    public enum Kind: String, Sendable, CaseIterable {
        case upToDate = "up-to-date", restorable, resumable, stale, diverged, failed, interrupted, killed, running
        case neverRun = "never-run", unreadable
    }

    public var kind: Kind {
        switch self {
        case .neverRun: return .neverRun
        case .upToDate: return .upToDate
        case .diverged: return .diverged
        case .stale: return .stale
        case .failed: return .failed
        case .interrupted: return .interrupted
        case .running: return .running
        case .killed: return .killed
        case .unreadable: return .unreadable
        case .restorable: return .restorable
        case .resumable: return .resumable
        }
    }

    /// One word for tables: `up-to-date`, `restorable`, `resumable`, `diverged`, `stale`, `failed`, `interrupted`, `running`, `killed`,
    /// `never-run`, `unreadable`.
    public var word: String { kind.rawValue }

    /// The word and what explains it: `stale: config changed`, `running (pid 123)`.
    public var description: String {
        switch self {
        case .upToDate(let logChanged):
            return logChanged ? "up to date (only log settings changed; --force reruns with them)" : "up to date"
        case .stale(let reasons): return "stale: " + reasons.joined(separator: "; ")
        case .failed(let message): return "failed: " + message
        case .running(let pid): return "running (pid \(pid))"
        case .killed: return "killed (run.json says running, its process is gone)"
        case .unreadable(let message): return "unreadable: " + message
        case .restorable(let entry, let started):
            return "restorable: the store holds a run of these inputs (\(entry), trained \(RunRecord.timestamp(started))); "
                + "`sprout run` brings it back without training"
        case .resumable(let entry, let epoch, let step):
            return "resumable: stopped after epoch \(epoch) (step \(step)) with its training state saved (\(entry)); "
                + "`sprout run` goes on from there, --restart trains from scratch"
        case .neverRun: return "never run"
        case .diverged, .interrupted: return word
        }
    }

    /// The state of the run in `directory`, whose config now has `fingerprint`. A changed config is "config changed"
    /// here; `describeConfigChange` names its keys.
    public static func of(directory: String, fingerprint: RunFingerprint) -> RunState {
        let recorded: RunRecord?
        do { recorded = try RunRecord.read(directory: directory) } catch { return .unreadable("\(error)") }
        guard let recorded else { return .neverRun }
        switch recorded.status {
        case .running:
            return recorded.processMayBeLive ? .running(pid: recorded.pid) : .killed
        case .failed:
            return .failed(recorded.error ?? "no message recorded")
        case .interrupted:
            return .interrupted
        case .completed, .diverged:
            let changes = recorded.changes(comparedWith: fingerprint)
                + (recorded.outputs?.problems(in: directory, ended: recorded.ended) ?? [])
            guard changes.isEmpty else { return .stale(changes) }
            if recorded.status == .diverged { return .diverged }
            return .upToDate(logChanged: recorded.onlyLogChanged(comparedWith: fingerprint))
        }
    }

    /// This state of a directory that holds the run of `owner`, another config with this name but another file name,
    /// which the config named by its file takes back (`BatchPlan+Names`): whatever that run's outcome, it is not this
    /// config's, so it is stale for it (and trained, or restored from an entry of its own). Even a run of the same
    /// inputs: up to date, its run.json would go on naming `owner`, and `owner` would go on claiming the directory.
    package func takenBack(from owner: String) -> RunState {
        let reason = "it holds the run of \(owner), which has this name but another file name"
        switch self {
        case .upToDate, .diverged, .failed, .interrupted, .killed: return .stale([reason])
        case .stale(let reasons): return .stale([reason] + reasons)
        case .neverRun, .running, .unreadable, .restorable, .resumable: return self
        }
    }

    /// `changes` with "config changed" replaced by the keys and values that changed (`train.optimizer.lr 0.1 ->
    /// 0.05`), from the run's config.yaml (the resolved config it trained) and the config's resolved text now; kept
    /// as it is when config.yaml cannot be read or shows no difference.
    package static func describeConfigChange(_ changes: [String], directory: String, spec: ExperimentSpec) -> [String] {
        guard let index = changes.firstIndex(of: RunRecord.configChanged),
              let recorded = try? String(contentsOfFile: (directory as NSString).appendingPathComponent("config.yaml"), encoding: .utf8),
              let keys = ConfigChanges.between(recorded, ResolvedConfig.yaml(spec)), !keys.isEmpty else { return changes }
        var described = changes
        described.replaceSubrange(index...index, with: keys.map(\.description))
        return described
    }

    /// Whether `pid` is a live process running a `sprout` binary (a recycled pid of another program is not).
    static func processIsSprout(_ pid: Int32) -> Bool {
        guard pid > 0, kill(pid, 0) == 0 || errno == EPERM,
              let cmdline = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
        let program = cmdline.split(separator: 0, maxSplits: 1).first.map { String(decoding: $0, as: UTF8.self) } ?? ""
        return (program as NSString).lastPathComponent == "sprout"
    }
}
