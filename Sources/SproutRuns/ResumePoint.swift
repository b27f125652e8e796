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

    /// What a run directory holds to resume from.
    package enum Found: Sendable, Equatable {
        /// No resume.safetensors.
        case none
        case point(ResumePoint)
        /// A resume.safetensors that is not a readable training state of this format: why.
        case unreadable(String)
    }

    /// The directory's resume point, if it has one, read from the file's header.
    package static func read(directory: String) -> Found {
        let path = (directory as NSString).appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: path) else { return .none }
        let header: SafetensorsHeader
        switch SafetensorsHeader.read(path: path) {
        case .success(let read): header = read
        case .failure(let error): return .unreadable(error.reason)
        }
        guard header.metadata["format"] == format else { return .unreadable("it is not a Sprout training state") }
        guard header.metadata["format_version"] == formatVersion else {
            return .unreadable("it is a training state of format \(header.metadata["format_version"] ?? "?"), this Sprout "
                               + "reads \(formatVersion)")
        }
        guard let fingerprint = header.metadata["fingerprint"], let text = header.metadata["position"],
              let position = try? JSONDecoder().decode(Position.self, from: Data(text.utf8)) else {
            return .unreadable("its metadata lacks the fingerprint or the position")
        }
        return .point(ResumePoint(fingerprint: fingerprint, epochsCompleted: position.epochsCompleted, steps: position.steps))
    }

    /// The two keys of the state's `position` this reads.
    private struct Position: Decodable {
        var epochsCompleted: Int
        var steps: Int
        enum CodingKeys: String, CodingKey { case epochsCompleted = "epochs_completed", steps }
    }
}
