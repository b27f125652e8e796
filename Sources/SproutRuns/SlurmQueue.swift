/// Reading `scontrol -o show job <array job id>`: one line per job record, `Key=Value` fields separated by spaces.
/// An array's tasks that started have a record each (`ArrayTaskId=3`); those still pending share one
/// (`ArrayTaskId=4-7%2`: a range list with the throttle after `%`).
package enum SlurmQueue {
    /// Each task's state by its index, from scontrol's lines for the array `jobID`.
    package static func tasks(in output: String, jobID: String) -> [Int: SlurmTaskState] {
        var states: [Int: SlurmTaskState] = [:]
        for line in output.split(whereSeparator: \.isNewline) {
            let fields = Self.fields(of: line)
            guard fields["ArrayJobId"] == jobID || fields["JobId"] == jobID, let ids = fields["ArrayTaskId"] else { continue }
            let state = SlurmTaskState(fields: fields)
            for index in taskIndices(ids) { states[index] = state }
        }
        return states
    }

    /// Each started task's `Restarts` (how often Slurm requeued it) by its index, from scontrol's lines for `jobID`.
    package static func restarts(in output: String, jobID: String) -> [Int: Int] {
        var restarts: [Int: Int] = [:]
        for line in output.split(whereSeparator: \.isNewline) {
            let fields = Self.fields(of: line)
            guard fields["ArrayJobId"] == jobID || fields["JobId"] == jobID, let ids = fields["ArrayTaskId"],
                  let count = fields["Restarts"].flatMap({ Int($0) }) else { continue }
            for index in taskIndices(ids) { restarts[index] = count }
        }
        return restarts
    }

    /// `Key=Value` fields of one line, the first occurrence of each key (a later value such as `Command=` may hold a
    /// path with spaces, which splits into tokens that do not start a field we read: ours all come before it).
    package static func fields<S: StringProtocol>(of line: S) -> [String: String] {
        var fields: [String: String] = [:]
        for token in line.split(separator: " ") {
            guard let equals = token.firstIndex(of: "=") else { continue }
            let key = String(token[..<equals])
            if fields[key] == nil { fields[key] = String(token[token.index(after: equals)...]) }
        }
        return fields
    }

    /// The indices of an `ArrayTaskId` value: `3`, `4-7`, `1,3,5-6`, `0-15:4` (a step), `4-7%2` (a throttle).
    package static func taskIndices(_ text: String) -> [Int] {
        let list = text.split(separator: "%", maxSplits: 1).first ?? ""
        var indices: [Int] = []
        for part in list.split(separator: ",") {
            let stepParts = part.split(separator: ":", maxSplits: 1)
            let step = stepParts.count == 2 ? max(1, Int(stepParts[1]) ?? 1) : 1
            let bounds = stepParts[0].split(separator: "-", maxSplits: 1).compactMap { Int($0) }
            guard let low = bounds.first else { continue }
            let high = bounds.count == 2 ? bounds[1] : low
            // A record's range cannot be larger than Slurm's MaxArraySize (at most 4 000 001).
            guard high >= low, high - low <= 4_000_000 else { continue }
            indices.append(contentsOf: stride(from: low, through: high, by: step))
        }
        return indices
    }
}
