import Foundation

/// Failures of a run that are not config mistakes: the filesystem, the numbers.
public enum RunError: Error, CustomStringConvertible, Sendable {
    case cannotWrite(path: String, reason: String)
    /// A folder (the output folder, a run directory) that cannot be created.
    case cannotCreate(path: String, reason: String)
    case cannotBuild(String)
    /// An input file (a safetensors initializer's) that could be checked but not read as it must be.
    case cannotRead(path: String, reason: String)
    /// Valid in the language, not yet in the engine: each entry one feature.
    case unsupported([String])
    /// `sprout bench`: the loss stopped being finite, so the timing would not describe a real training run.
    case benchmarkDiverged(name: String, epoch: Int, loss: Double)
    /// A stop was requested (SIGINT, SIGTERM) where no run directory records it (`sprout bench`).
    case interrupted(signal: Int32)
    /// The config or files it reads (`inputs`, as planned) changed between the batch's plan and the run's start.
    case changedSincePlanned(inputs: [String])
    /// Another process holds the run directory's lock: it is training this run now.
    case busy(directory: String)
    /// A run's training state (resume.safetensors) that cannot be gone on from.
    case cannotResume(path: String, reason: String)
    /// A run directory that cannot be used for predictions: incomplete, from another format, a damaged checkpoint.
    case unusableRun(path: String, reason: String)

    public var description: String {
        switch self {
        case .cannotWrite(let path, let reason): return "cannot write \(path): \(reason)"
        case .cannotCreate(let path, let reason): return "cannot create \(path): \(reason)"
        case .cannotBuild(let reason): return "cannot build the network: \(reason)"
        case .cannotRead(let path, let reason): return "cannot read \(path): \(reason)"
        case .unsupported(let features):
            return "the engine cannot train this config yet: " + features.joined(separator: "; ")
        case .benchmarkDiverged(let name, let epoch, let loss):
            return "\(name) diverged in epoch \(epoch) (loss \(loss)); a benchmark needs a run that trains"
        case .interrupted(let signal): return "interrupted by \(StopRequest.name(signal))"
        case .changedSincePlanned(let inputs):
            return "\(inputs.joined(separator: ", ")) changed after the batch planned this run; run the batch again"
        case .cannotResume(let path, let reason):
            return "cannot resume from \(path): \(reason); rerun with --restart to train from scratch"
        case .unusableRun(let path, let reason): return "cannot use the run \(path): \(reason)"
        case .busy(let directory): return "another process is training \(directory) now (or restoring or collecting its runs)"
        }
    }

    /// The operating system's words for a Foundation error ("Permission denied"), not "NSCocoaErrorDomain error 512".
    package static func reason(_ error: Error) -> String {
        let nsError = error as NSError
        if nsError.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(nsError.code))) }
        // swift-corelibs-foundation keeps the POSIX cause as an `Error` (not always bridged to NSError) under the key.
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? any Error {
            let cause = underlying as NSError
            if cause.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(cause.code))) }
        }
        if let posix = error as? POSIXError { return String(cString: strerror(posix.code.rawValue)) }
        return nsError.localizedDescription
    }
}
