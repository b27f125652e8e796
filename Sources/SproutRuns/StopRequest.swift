import Foundation
internal import CStopSignal

/// SIGINT (Ctrl-C) and SIGTERM as a request to stop: the training loop finishes the step in progress, the run is
/// recorded as `interrupted` and every file is left well-formed; a second Ctrl-C kills at once. Only the `sprout`
/// command installs the handlers; without them (tests, a library user) nothing is ever requested.
public enum StopRequest {
    /// Installs the SIGINT and SIGTERM handlers (a C handler that only stores the signal number).
    public static func installHandlers() { sprout_install_stop_handlers() }

    /// Makes SIGUSR1 a stop request too: Slurm's warning that a task's time limit is near (`--signal=B:USR1@S`).
    public static func stopOnTimeLimitWarning() { sprout_install_stop_handler(SIGUSR1) }

    /// Makes the death of this process's parent a SIGTERM to it: a batch's worker stops (after its step, recorded as
    /// interrupted) when the batch process is killed, instead of training on unseen. False when it was not possible
    /// or the parent `expectedParent` is already gone.
    public static func stopWhenParentDies(expectedParent: Int32) -> Bool {
        sprout_stop_when_parent_dies(SIGTERM) == 0 && getppid() == expectedParent
    }

    /// A second Ctrl-C kills this process at once; with this, it kills the child `pid` (a batch's worker) first.
    public static func killOnSecondInterrupt(_ pid: Int32) { sprout_stop_kill_child_on_second_interrupt(pid) }

    /// Ctrl-Z stops the children remembered by `killOnSecondInterrupt` along with this process, and `fg`/`bg`
    /// (SIGCONT) continues them: the batch pauses as a whole, though its workers sit in process groups of their own.
    public static func forwardTerminalStops() { sprout_forward_terminal_stops() }

    /// The child `pid` has ended: a second Ctrl-C must not signal whatever process gets its number next.
    public static func forget(_ pid: Int32) { sprout_stop_forget_child(pid) }

    /// The signal that asked to stop, if one did.
    public static var signal: Int32? {
        let number = sprout_stop_signal()
        return number == 0 ? nil : number
    }

    /// "SIGINT", "SIGTERM" (or "signal N").
    public static func name(_ signal: Int32) -> String {
        switch signal {
        case 2: return "SIGINT"
        case 15: return "SIGTERM"
        case SIGUSR1: return "SIGUSR1"
        default: return "signal \(signal)"
        }
    }
}
