import Foundation
import SproutConfig

/// What the batch hands a worker on its stdin, as JSON: the run as the plan decided it, so that the worker neither
/// parses, validates nor fingerprints the config again (that read each data file twice more per run). The spec is
/// the plan's own value (`ExperimentSpec` is `Codable`), the fingerprint the one the plan computed; `stamps` let
/// the worker check cheaply that no input changed since (`FileStamp`).
package struct WorkerOrder: Codable, Sendable {
    /// The config file as given to `sprout run`.
    package var config: String
    package var directory: String
    /// The run directory relative to the output folder.
    package var name: String
    package var spec: ExperimentSpec
    package var fingerprint: RunFingerprint
    package var stamps: [FileStamp]

    package init(_ run: PlannedRun, fingerprint: RunFingerprint) {
        config = run.config
        directory = run.directory
        name = run.name
        spec = run.spec
        self.fingerprint = fingerprint
        stamps = run.stamps
    }

    package func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf",
                                                                      nan: "nan")
        return try encoder.encode(self)
    }

    package static func read(_ data: Data) throws -> WorkerOrder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf",
                                                                        nan: "nan")
        return try decoder.decode(WorkerOrder.self, from: data)
    }

    /// The inputs that changed since the plan stamped them.
    package var changedInputs: [String] { stamps.filter { !$0.isCurrent }.map(\.path) }
}
