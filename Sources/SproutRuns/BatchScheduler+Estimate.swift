extension BatchScheduler {
    /// Seconds until the batch ends, at `time`: each running run's own estimate (its seconds per epoch so far times
    /// the epochs left), plus the queued runs at the mean duration of the finished ones (or, before any finished, of
    /// the running ones' projected durations), all over `jobs` workers. Nil until every running run has finished an
    /// epoch, or when nothing is known to estimate from.
    package func estimate() -> Double? {
        var remaining: [Double] = [], projected: [Double] = []
        for entry in running {
            guard let last = entry.last, last.epoch > 0 else { return nil }
            let perEpoch = last.elapsed / Double(last.epoch)
            remaining.append(perEpoch * Double(last.epochs - last.epoch))
            projected.append(perEpoch * Double(last.epochs))
        }
        let left = stopping ? 0 : queue.count
        let durations = finished.map(\.seconds).filter { $0 > 0 }
        let typical = durations.isEmpty ? (projected.isEmpty ? nil : projected.reduce(0, +) / Double(projected.count))
            : durations.reduce(0, +) / Double(durations.count)
        guard let typical else { return left == 0 ? remaining.max() : nil }
        return (remaining.reduce(0, +) + typical * Double(left)) / Double(jobs)
    }

    /// The live area on a terminal: a line per running run (its latest progress), then the total.
    package func liveLines() -> [String] {
        var lines = running.map { $0.last?.liveLine ?? "\($0.run.name)  starting" }
        var total = "\(finished.count) done, \(running.count) running, \(queue.count) left"
        if let eta = estimate() { total += ", ETA \(RunProgress.clock(eta))" }
        lines.append(total)
        return lines
    }
}
