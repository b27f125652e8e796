import SproutDiagnostics
import SproutYAML

/// `expect_warnings: [symmetric-init, ...]`: warnings a config says are the point of its experiment (the symmetry
/// experiments start identical units on purpose). A warning of a listed rule id is acknowledged: not printed, and
/// not counted by `validate --strict`; any other warning still is. Only warnings can be listed (a rule has one
/// severity, so an acknowledgement never hides an error): an error's id, or an id that is no rule, is an error. A
/// listed id that matches no warning of the config (in any of a sweep's runs) is itself a warning,
/// `unmatched-expectation`, so a stale acknowledgement does not outlive the warning it was for.
enum Acknowledgements {
    /// `diagnostics` without the acknowledged warnings, plus the list's own problems; and how many were acknowledged.
    static func apply(_ node: Node?, to diagnostics: [Diagnostic]) -> (diagnostics: [Diagnostic], acknowledged: Int) {
        guard let node else { return (diagnostics, 0) }
        let collector = DiagnosticCollector()
        guard case .sequence(let items) = node.kind else {
            collector.report(.typeMismatch, "'expect_warnings' must be a list of rule ids, found \(node.kindDescription)",
                             at: node.location, help: ["write e.g. expect_warnings: [symmetric-init]"])
            return ((diagnostics + collector.sorted).sortedByLocation, 0)
        }
        let warnings = DiagnosticID.allCases.filter { $0.severity == .warning }
        var expected: [(id: DiagnosticID, at: Node)] = []
        for item in items {
            guard let text = collector.string(item, "expect_warnings") else { continue }
            guard let id = DiagnosticID(rawValue: text) else {
                collector.report(.unknownChoice, "'\(Suggestions.display(text))' is not a rule id", at: item.location,
                                 help: [Suggestions.help(for: text, among: warnings.map(\.rawValue), kind: "warnings")])
                continue
            }
            guard id.severity == .warning else {
                collector.report(.unknownChoice, "'\(text)' is an error's rule id: only warnings can be expected", at: item.location,
                                 help: ["an error stops the config; fix it instead"])
                continue
            }
            expected.append((id, item))
        }
        let ids = Set(expected.map(\.id))
        let kept = diagnostics.filter { $0.severity != .warning || !ids.contains($0.id) }
        let acknowledged = diagnostics.count - kept.count
        for (id, item) in expected where !diagnostics.contains(where: { $0.id == id }) {
            collector.report(.unmatchedExpectation, "expect_warnings lists '\(id.rawValue)', but the config gives no such warning",
                             at: item.location, help: ["remove it from expect_warnings"])
        }
        return ((kept + collector.sorted).sortedByLocation, acknowledged)
    }
}
