import SproutDiagnostics
import SproutYAML

/// Gathers every problem found while decoding a config, so that one pass reports them all
/// (the aggregator of swift-argument-parser's validators: rules add diagnostics instead of stopping).
public final class DiagnosticCollector {
    public private(set) var diagnostics: [Diagnostic] = []

    public init() {}

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    public func add(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }

    public func error(_ message: String, at location: SourceLocation, help: [String] = []) {
        diagnostics.append(.error(message, at: location, help: help))
    }

    public func warning(_ message: String, at location: SourceLocation, help: [String] = []) {
        diagnostics.append(.warning(message, at: location, help: help))
    }

    /// Diagnostics in file order.
    public var sorted: [Diagnostic] { diagnostics.sortedByLocation }
}
