import Foundation

/// run.json's records of a run's resumes and best checkpoint (`resumes`, `best`).
extension RunRecord {
    /// One time the run was resumed from its training state (`resume.safetensors`): where the state had got to
    /// (`epoch`: whole epochs done; `step`: optimizer steps done, which tells a resume mid-epoch from one at an epoch's
    /// end) and when training went on.
    package struct Resume: Codable, Sendable, Equatable {
        package var epoch: Int
        package var step: Int
        package var time: Date

        package init(epoch: Int, step: Int, time: Date) {
            self.epoch = epoch
            self.step = step
            self.time = time
        }

        enum CodingKeys: String, CodingKey { case epoch, step, time }

        /// `time` as run.json writes every time (`UTCTimestamp`), whatever the decoder's date strategy.
        package init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            epoch = try c.decode(Int.self, forKey: .epoch)
            step = try c.decode(Int.self, forKey: .step)
            time = try c.decodeIfPresent(String.self, forKey: .time).flatMap(RunRecord.date) ?? Date(timeIntervalSince1970: 0)
        }

        package func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(epoch, forKey: .epoch)
            try c.encode(step, forKey: .step)
            try c.encode(RunRecord.timestamp(time), forKey: .time)
        }
    }

    /// The best checkpoint so far.
    package struct Best: Codable, Sendable, Equatable {
        package var epoch: Int
        package var metric: String
        package var value: Double

        package init(epoch: Int, metric: String, value: Double) {
            self.epoch = epoch
            self.metric = metric
            self.value = value
        }
    }
}
