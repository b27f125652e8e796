import SproutDiagnostics
import SproutYAML

/// Gathers every problem found while decoding a config, so that one pass reports them all
/// (the aggregator of swift-argument-parser's validators: rules add diagnostics instead of stopping).
public final class DiagnosticCollector {
    public private(set) var diagnostics: [Diagnostic] = []

    public init() {}

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    public func add(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }

    /// Adds a diagnostic of rule `id`, with the rule's severity.
    public func report(_ id: DiagnosticID, _ message: String, at location: SourceLocation,
                       notes: [Diagnostic.Note] = [], help: [String] = []) {
        diagnostics.append(Diagnostic(id, message, at: location, notes: notes, help: help))
    }

    /// Diagnostics in file order.
    public var sorted: [Diagnostic] { diagnostics.sortedByLocation }
}
