import SproutDiagnostics
import SproutYAML

/// Reads `schedule:` (absent: constant, with the schema's default warm-up), and checks it against the run's epochs:
/// a warm-up must end before the run does (error); a step schedule whose first decay falls after the last epoch
/// never decays (warning). `epochs` is `nil` when it was invalid; those checks are then skipped.
enum ScheduleDecoder {
    static func decode(_ node: Node?, epochs: Int?, at trainLocation: SourceLocation,
                       into diagnostics: DiagnosticCollector) -> ScheduleSpec? {
        let union = ExperimentSchema.schedule
        guard let node else {
            let empty = Node(.mapping([]), at: trainLocation)
            return SectionReader(empty, section: "schedule", fields: union.commonFields, into: diagnostics)?
                .integer("warmup_epochs").map { ScheduleSpec(kind: .constant, warmupEpochs: $0) }
        }
        guard let schedule = UnionReader(node, union, what: "schedule", into: diagnostics),
              let p = schedule.parameters else { return nil }
        let warmup = p.integer("warmup_epochs")
        let kind: ScheduleKind?
        switch schedule.variant.name {
        case "constant":
            kind = .constant
        case "step":
            let stepSize = p.integer("step_size")
            let gamma = p.number("gamma")
            guard let stepSize, let gamma else { return nil }
            // The rate of epoch e (0-based) is lr·gamma^⌊e/step_size⌋: the first decay is at e = step_size,
            // which exists only when step_size ≤ epochs − 1.
            if let epochs, stepSize >= epochs, let s = p["step_size"] {
                diagnostics.report(.scheduleNeverDecays, "step_size \(stepSize) is not less than epochs (\(epochs)): the learning rate never decays",
                                   at: s.location,
                                   help: ["the first decay comes after step_size epochs; use a smaller step_size, or schedule: constant"])
            }
            kind = .step(stepSize: stepSize, gamma: gamma)
        case "exponential":
            kind = p.number("gamma").map { .exponential(gamma: $0) }
        case "cosine":
            // t_max absent: the run's epochs, so the rate reaches min_lr at the end of the run.
            let tMax = p["t_max"] == nil ? epochs : p.integer("t_max")
            let minLR = p.number("min_lr")
            guard let tMax, let minLR else { return nil }
            kind = .cosine(tMax: tMax, minLR: minLR)
        default:
            return schedule.unhandled()
        }
        guard let kind, let warmup else { return nil }
        if let epochs, warmup >= epochs, let w = p["warmup_epochs"] {
            diagnostics.report(.warmupTooLong, "'warmup_epochs' must be less than epochs (\(epochs)), found \(warmup)", at: w.location,
                               help: ["the warm-up would take the whole run, which would never train at the full rate"])
            // The error already rejects the config; the spec lets the rules across sections still run.
        }
        return ScheduleSpec(kind: kind, warmupEpochs: warmup)
    }
}
