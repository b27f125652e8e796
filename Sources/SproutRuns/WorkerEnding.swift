import Foundation

/// How a batch's worker process ended: its exit status, or the signal that killed it. The worker's own exit
/// statuses: 0 it recorded how its run ended in run.json; 1 it failed before or while training (the message on
/// stderr); `busy` the run directory was locked by another process (nothing written); 128 + N stopped by signal N.
package enum WorkerEnding: Equatable, Sendable {
    case exited(Int32)
    case killed(Int32)

    /// EX_TEMPFAIL: the run directory is locked by another process; the worker wrote nothing.
    package static let busy: Int32 = 75

    /// What run.json is told when the worker ended without recording how its run ended.
    package var deathReason: String {
        switch self {
        case .killed(let signal): return "the worker process was killed by \(Self.signalName(signal))"
        case .exited(let status): return "the worker process exited with status \(status) without recording how the run ended"
        }
    }

    /// "SIGKILL", "SIGILL (a trap)", "SIGINT", ... (or "signal N").
    package static func signalName(_ signal: Int32) -> String {
        switch signal {
        case SIGKILL: return "SIGKILL"
        case SIGSEGV: return "SIGSEGV"
        case SIGILL: return "SIGILL (a trap)"
        case SIGTRAP: return "SIGTRAP (a trap)"
        case SIGABRT: return "SIGABRT"
        case SIGBUS: return "SIGBUS"
        default: return StopRequest.name(signal)
        }
    }
}
