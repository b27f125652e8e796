import Foundation

/// One `sprout run --slurm`: a folder `<out>/.slurm/<id>/` that the array's tasks read on the shared file system.
///
/// - `submission.json` (this value): the array's job id once sbatch answered, the folder the command ran in (the
///   tasks work there, so the configs' and data's relative paths mean what they meant), and the runs, task i
///   training `tasks[i]`;
/// - `job.sh`, the job script (`SlurmJobScript`); `orders/<i>.json`, task i's `WorkerOrder` (the run as planned:
///   spec, fingerprint, inputs' stamps), so that no task parses, validates or fingerprints a config again, and an
///   edit after the submission refuses the run instead of training inputs its fingerprint does not describe;
/// - `job_id`, the array's id once sbatch answered;
/// - `logs/<job>_<i>.out`, each task's output (Slurm writes it); `ended`, a line per task that ended, so that the
///   last one to end brings summary.csv and the report up to date (`SlurmSubmission+Finish`).
///
/// Hidden (a dot folder), like the store: `ls runs/` shows runs, and summary.csv's walk skips it.
package struct SlurmSubmission: Codable, Sendable, Equatable {
    package struct Task: Codable, Sendable, Equatable {
        /// The run directory relative to the output folder (`xor`, `sweep/lr=0.1`).
        package var name: String
        package var config: String
        /// `<out>/<name>`.
        package var directory: String
        /// The fingerprint's digest the run was submitted with.
        package var digest: String

        package init(name: String, config: String, directory: String, digest: String) {
            self.name = name
            self.config = config
            self.directory = directory
            self.digest = digest
        }
    }

    package var id: String
    /// The array's job id; nil until sbatch has answered.
    package var jobID: String?
    package var created: Date
    /// The folder `sprout run --slurm` ran in: each task changes to it before it trains.
    package var workingDirectory: String
    package var out: String
    /// `--restart` or `--force`: a task goes on from a training state only when it was saved after the submission.
    package var fromScratch: Bool
    package var tasks: [Task]
    /// `--time` as given (nil: the partition's limit), and the seconds before it that SIGUSR1 comes (0: none).
    package var timeLimit: String?
    package var signalLead = 0

    package static let folderName = ".slurm"

    enum CodingKeys: String, CodingKey {
        case id, jobID = "job_id", created, workingDirectory = "working_directory", out, fromScratch = "from_scratch", tasks
        case timeLimit = "time_limit", signalLead = "signal_lead"
    }

    package init(id: String, created: Date, workingDirectory: String, out: String, fromScratch: Bool, tasks: [Task]) {
        self.id = id
        self.created = created
        self.workingDirectory = workingDirectory
        self.out = out
        self.fromScratch = fromScratch
        self.tasks = tasks
    }

    /// `<out>/.slurm`.
    package static func root(out: String) -> String { (out as NSString).appendingPathComponent(folderName) }

    /// `<out>/.slurm/<id>`.
    package var folder: String { (Self.root(out: out) as NSString).appendingPathComponent(id) }

    package func path(_ relative: String) -> String { (folder as NSString).appendingPathComponent(relative) }

    /// Task `index`'s order file.
    package func orderPath(_ index: Int) -> String { path("orders/\(index).json") }

    /// The Slurm id of task `index` (`12_3`); nil before the job id is known.
    package func taskID(_ index: Int) -> String? { jobID.map { "\($0)_\(index)" } }

    /// A new submission's id: its time and a random suffix (`20261204-061502-3fa9c1`), so that folders sort by time and
    /// two submissions in one second do not meet.
    package static func newID(at date: Date) -> String {
        let stamp = UTCTimestamp.string(date).prefix(19).replacingOccurrences(of: "-", with: "")
            .replacingOccurrences(of: ":", with: "").replacingOccurrences(of: "T", with: "-")
        return stamp + "-" + String(format: "%06x", UInt32.random(in: 0..<0x100_0000))
    }

    /// Writes `submission.json` atomically and durably (the tasks read it from other machines).
    package func write() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(UTCTimestamp.string(date))
        }
        let file = path("submission.json")
        let data: Data
        do { data = try encoder.encode(self) + Data("\n".utf8) } catch {
            throw RunError.cannotWrite(path: file, reason: "\(error)")
        }
        try AtomicFile.write(data, to: file)
    }

    /// The file that holds the array's job id once sbatch answered: submission.json itself is written once, before
    /// sbatch, and never replaced under a task that reads it.
    package var jobIDFile: String { path("job_id") }

    /// Records the job id sbatch answered (`jobIDFile`).
    package func recordJobID(_ id: String) throws {
        try AtomicFile.write(id + "\n", to: jobIDFile)
    }

    /// The submission in `folder`; throws `RunError.cannotRead` with the reason.
    package static func read(folder: String) throws -> SlurmSubmission {
        let file = (folder as NSString).appendingPathComponent("submission.json")
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: file)) } catch {
            throw RunError.cannotRead(path: file, reason: RunError.reason(error))
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            guard let date = RunRecord.date(text) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a time"))
            }
            return date
        }
        var submission: SlurmSubmission
        do { submission = try decoder.decode(SlurmSubmission.self, from: data) } catch {
            throw RunError.cannotRead(path: file, reason: "it is not a Sprout submission record")
        }
        if submission.jobID == nil, let id = try? String(contentsOfFile: submission.jobIDFile, encoding: .utf8) {
            let trimmed = id.trimmingCharacters(in: .whitespacesAndNewlines)
            submission.jobID = trimmed.isEmpty ? nil : trimmed
        }
        return submission
    }

    /// Every submission below `out` with a job id (one whose sbatch failed has none and is not a submission),
    /// oldest first; those that cannot be read are left out, with the reason in `problems`.
    package static func all(out: String, problems: inout [String]) -> [SlurmSubmission] {
        let root = root(out: out)
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
        return names.compactMap { name -> SlurmSubmission? in
            let folder = (root as NSString).appendingPathComponent(name)
            // A folder being prepared (or left by a submitter killed before it wrote its record) is no submission.
            guard FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent("submission.json")) else {
                return nil
            }
            do {
                let submission = try read(folder: folder)
                return submission.jobID == nil ? nil : submission
            } catch {
                problems.append("\(error)")
                return nil
            }
        }.sorted { ($0.created, $0.id) < ($1.created, $1.id) }
    }
}
