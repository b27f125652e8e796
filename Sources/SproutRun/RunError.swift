/// Failures of a run that are not config mistakes: the filesystem, the numbers.
public enum RunError: Error, CustomStringConvertible, Sendable {
    case cannotWrite(path: String, reason: String)
    case cannotBuild(String)

    public var description: String {
        switch self {
        case .cannotWrite(let path, let reason): return "cannot write \(path): \(reason)"
        case .cannotBuild(let reason): return "cannot build the network: \(reason)"
        }
    }
}
