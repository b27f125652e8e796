extension ReportPage {
    /// A run's small notes, on one line under its facts: the best checkpoint (`best epoch 7 (val_loss = 0.0812)`),
    /// the epoch final.safetensors holds when early stopping restored the best (`final weights = epoch 7
    /// (restore_best)`) and how often it was resumed (`resumed 2 times`). Empty when none applies.
    static func notes(_ run: ReportData.Run) -> String {
        var notes: [String] = []
        if let best = run.best {
            notes.append("best epoch \(best.epoch) (\(best.metric) = \(shown(best.value, format: "%.4g")))")
        }
        if let restored = run.restoredBest { notes.append("final weights = epoch \(restored) (restore_best)") }
        if run.resumes > 0 { notes.append("resumed \(run.resumes) time\(run.resumes == 1 ? "" : "s")") }
        guard !notes.isEmpty else { return "" }
        return "<p class=\"notes\">\(notes.map(ReportEscape.html).joined(separator: " · "))</p>\n"
    }
}
