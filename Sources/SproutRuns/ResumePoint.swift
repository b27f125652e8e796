import Foundation
import SproutConfig

/// What a run directory's resume.safetensors says about itself, read from its header alone: the inputs it was saved
/// from (the run's fingerprint) and how far training had got. The batch's plan resumes a run that stopped from it
/// (`RunStore.resumableEntry`); the training state itself is read by the worker (SproutTraining's `ResumeFile`).
package struct ResumePoint: Sendable, Equatable {
    package static let fileName = "resume.safetensors"
    package static let format = "sprout-training-state"
    package static let formatVersion = "1"

    package var fingerprint: String
    /// Whole epochs done.
    package var epochsCompleted: Int
    /// Optimizer steps done.
    package var steps: Int

    /// The directory's resume point; nil when there is no readable training state of this format there.
    package static func read(directory: String) -> ResumePoint? {
        let path = (directory as NSString).appendingPathComponent(fileName)
        guard case .success(let header) = SafetensorsHeader.read(path: path), header.metadata["format"] == format,
              header.metadata["format_version"] == formatVersion, let fingerprint = header.metadata["fingerprint"],
              let text = header.metadata["position"],
              let position = try? JSONDecoder().decode(Position.self, from: Data(text.utf8)) else { return nil }
        return ResumePoint(fingerprint: fingerprint, epochsCompleted: position.epochsCompleted, steps: position.steps)
    }

    /// The two keys of the state's `position` this reads.
    private struct Position: Decodable {
        var epochsCompleted: Int
        var steps: Int
        enum CodingKeys: String, CodingKey { case epochsCompleted = "epochs_completed", steps }
    }
}
