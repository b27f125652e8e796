import Foundation

/// Runs the built `sprout` binary the way a user does: a real process, real files, its exit status.
///
/// The binary is `$SPROUT_BINARY` (set by `make test`) or else `.build/debug/sprout` in the package.
struct SproutBinary {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        /// Wall-clock seconds the process took.
        var seconds: Double
    }

    static var path: String {
        if let path = ProcessInfo.processInfo.environment["SPROUT_BINARY"], !path.isEmpty { return path }
        return packageRoot.appendingPathComponent(".build/debug/sprout").path
    }

    /// The package's root folder, from this file's path (Tests/EndToEndTests/SproutBinary.swift).
    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    /// Runs `sprout args...` in `directory`, killing it after `timeout` seconds (a hang fails the test, it does not
    /// stall the suite). Output goes through files, so a large output cannot deadlock a pipe. `environment` is added
    /// to the test's own.
    static func run(_ arguments: [String], in directory: URL? = nil, timeout: Double = 60,
                    environment: [String: String] = [:], executable: String = path) throws -> Result {
        let scratch = try TemporaryDirectory()
        let out = scratch.url.appendingPathComponent("stdout"), err = scratch.url.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        if let directory { process.currentDirectoryURL = directory }
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        let started = Date()
        try process.run()
        let deadline = started.addingTimeInterval(timeout)
        while process.isRunning {
            if Date() > deadline {
                process.terminate()
                process.waitUntilExit()
                throw TimedOut(arguments: arguments, seconds: timeout)
            }
            Thread.sleep(forTimeInterval: 0.005)
        }
        process.waitUntilExit()
        let seconds = Date().timeIntervalSince(started)
        return Result(status: process.terminationStatus,
                      stdout: try String(contentsOf: out, encoding: .utf8),
                      stderr: try String(contentsOf: err, encoding: .utf8),
                      seconds: seconds)
    }

    /// Starts `sprout args...` in the background (output to `stdout` or discarded), for tests that signal it. Start
    /// it through `RunningBatch`, which ends it and its workers whatever the test's outcome.
    static func start(_ arguments: [String], stdout: String? = nil) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.standardOutput = try stdout.map { try FileHandle(forWritingTo: URL(fileURLWithPath: $0)) } ?? FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Polls `condition` every 20 ms until it holds or `seconds` pass; returns whether it held.
    @discardableResult
    static func waitUntil(seconds: Double, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return condition()
    }

    struct TimedOut: Error, CustomStringConvertible {
        var arguments: [String]
        var seconds: Double
        var description: String { "sprout \(arguments.joined(separator: " ")) did not finish in \(seconds) s" }
    }
}

/// A fresh directory under the system's temporary folder, removed when the value goes away.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("sprout-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// Writes `text` (or bytes) to a file in this directory and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try write(name, Data(text.utf8))
    }

    @discardableResult
    func write(_ name: String, _ data: Data) throws -> String {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: file)
        return file.path
    }
}
