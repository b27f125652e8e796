/// A data file the engine cannot load: which file, and why (a sentence naming the line and column when it is
/// about the contents). The validator probes the same files with the same readers, so this is what `sprout run`
/// reports for a file that changed after `sprout validate` accepted it.
public struct DataFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "cannot load \(path): \(reason)" }
}
