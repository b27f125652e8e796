import Foundation

extension ModelDescription {
    /// The file's name in a run directory.
    package static let fileName = "model.json"
    /// The most bytes read: a description is a few kilobytes (feature and class names make it grow).
    package static let maxBytes = 64 * 1024 * 1024

    /// Pretty-printed JSON with sorted keys; Doubles in their shortest round-trip form (JSONEncoder's), so
    /// `float(text)` in Python and `Double(text)` give back the very value Sprout computed with.
    package func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self) + Data("\n".utf8)
    }

    /// Writes `<directory>/model.json` atomically, not fsync'd (made durable with the run's other files as it ends).
    package func write(to path: String) throws {
        let data: Data
        do { data = try json() } catch { throw RunError.cannotWrite(path: path, reason: "\(error)") }
        try AtomicFile.write(data, to: path, durable: false)
    }

    /// Reads and checks a model.json: what it is (`format`), that this Sprout reads its `format_version`. Every
    /// failure is one sentence ending a message that names the run (`RunError.unusableRun`).
    package static func read(path: String, run: String) throws -> ModelDescription {
        func failure(_ reason: String) -> RunError { .unusableRun(path: run, reason: reason) }
        let data: Data
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            if let size = (attributes[.size] as? NSNumber)?.intValue, size > maxBytes {
                throw failure("its \(fileName) holds \(size) bytes, more than the \(maxBytes / (1024 * 1024)) MiB a model description may have")
            }
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch let error as RunError {
            throw error
        } catch {
            throw failure("its \(fileName) cannot be read: \(RunError.reason(error))")
        }
        struct Header: Decodable {
            var format: String?
            var format_version: Int?
            var sprout_version: String?
        }
        guard let header = try? JSONDecoder().decode(Header.self, from: data) else {
            throw failure("its \(fileName) is not a JSON object")
        }
        guard header.format == formatName, let version = header.format_version else {
            throw failure("its \(fileName) does not say \"format\": \"\(formatName)\" with a format_version")
        }
        guard version == currentFormatVersion else {
            let writer = header.sprout_version.map { "Sprout \($0)" } ?? "another Sprout"
            throw failure("its \(fileName) has format_version \(version), written by \(writer); this Sprout "
                          + "(\(SproutVersion.current)) reads format_version \(currentFormatVersion): use a Sprout that "
                          + "reads it, or train the run again with this one")
        }
        do {
            return try JSONDecoder().decode(ModelDescription.self, from: data)
        } catch {
            throw failure("its \(fileName) is not a complete model description (\(Self.decodingProblem(error)))")
        }
    }

    /// "key network.nodes[2].width is missing" rather than Foundation's dump.
    static func decodingProblem(_ error: Error) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().drop { $0 == "." }.description
        }
        switch error as? DecodingError {
        case .keyNotFound(let key, let context)?: return "\(path(context.codingPath + [key])) is missing"
        case .typeMismatch(_, let context)?, .valueNotFound(_, let context)?:
            return "\(path(context.codingPath)) has the wrong type"
        case .dataCorrupted(let context)?: return "\(path(context.codingPath)) cannot be read"
        default: return "it cannot be decoded"
        }
    }
}
