extension BatchPlan {
    /// The plan's runs by what the batch does with them.
    package struct Partition: Sendable {
        /// Not up to date (or `--force`), or not fingerprinted (they fail with the reason when they start).
        package var toRun: [PlannedRun] = []
        /// Not up to date, but run before from the same inputs: restored from the store, not trained.
        package var toRestore: [PlannedRun] = []
        /// Up to date, or diverged from the same inputs: not run again.
        package var current: [PlannedRun] = []
        /// Another live process is training them now (run.json and its lock say so).
        package var busy: [PlannedRun] = []
    }

    package func partition(force: Bool) -> Partition {
        var partition = Partition()
        for run in runs {
            if case .running = run.state {
                partition.busy.append(run)
            } else if force || run.state.needsRun || run.problem != nil {
                partition.toRun.append(run)
            } else if case .restorable = run.state {
                partition.toRestore.append(run)
            } else {
                partition.current.append(run)
            }
        }
        return partition
    }
}
