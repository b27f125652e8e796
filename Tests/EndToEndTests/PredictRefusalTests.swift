import Foundation
import Testing

/// Every bad input to `sprout predict` refused: exit 1, one line on stderr naming the problem, and no output file
/// (nor a temporary one) left behind. Expected messages written by hand from the files each test makes.
@Suite struct PredictRefusalTests {
    /// Runs `sprout predict` with -o into the scratch folder; checks exit 1, nothing on stdout, no output file.
    static func refused(_ run: String, _ data: String, in scratch: TemporaryDirectory,
                        extra: [String] = []) throws -> String {
        let outputs = scratch.url.appendingPathComponent("outputs")
        try FileManager.default.createDirectory(at: outputs, withIntermediateDirectories: true)
        let result = try SproutBinary.run(["predict", run, data, "-o", outputs.appendingPathComponent("p.csv").path] + extra)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: outputs.path).isEmpty)
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        return result.stderr.trimmingCharacters(in: .newlines)
    }

    /// The wine run of PredictTests, copied out of the store into a folder of the test's own.
    static func trainedRun(_ scratch: TemporaryDirectory) throws -> URL {
        let run = try ExperimentRuns.run(PredictTests.wine, in: scratch).one("name: wine").directory
        let copy = scratch.url.appendingPathComponent("copy")
        try FileManager.default.copyItem(at: run.resolvingSymlinksInPath(), to: copy)
        return copy
    }

    @Test func badDataFiles() throws {
        let scratch = try TemporaryDirectory()
        let run = try Self.trainedRun(scratch).path
        let rows = try PredictTests.wineCSV()  // target, proline, ..., alcohol (alcohol last)
        func file(_ name: String, _ rows: [[String]]) throws -> String { try scratch.write(name, PredictTests.text(rows)) }

        let missing = try file("missing.csv", rows.map { Array($0.dropLast()) })
        #expect(try Self.refused(run, missing, in: scratch) == "error: \(missing): no column 'alcohol', one of the "
                + "model's 13 features (the header must name them all; their order does not matter)")
        var renamed = rows
        renamed[0][13] = "alcool"
        let wrong = try file("renamed.csv", renamed)
        #expect(try Self.refused(run, wrong, in: scratch).hasPrefix("error: \(wrong): no column 'alcohol',"))
        let extra = try file("extra.csv", rows.enumerated().map { $0.element + [$0.offset == 0 ? "colour" : "1"] })
        #expect(try Self.refused(run, extra, in: scratch) == "error: \(extra): column 'colour' is neither one of the "
                + "model's features nor a column of its training data; remove it, or pass --ignore-extra-columns")
        let accepted = try SproutBinary.run(["predict", run, extra, "--ignore-extra-columns"])
        #expect(accepted.status == 0 && accepted.stdout.split(separator: "\n").count == 179)

        var cells = rows
        cells[16][13] = "abc"  // line 17: the header is line 1
        let text = try file("text.csv", cells)
        #expect(try Self.refused(run, text, in: scratch) == "error: \(text):17: column 'alcohol': 'abc' is not a number")
        cells[16][13] = ""
        let empty = try file("empty.csv", cells)
        #expect(try Self.refused(run, empty, in: scratch)
                == "error: \(empty):17: column 'alcohol': the cell is empty; predict needs every feature")
        var short = rows
        short[5].removeLast()
        let fields = try file("short.csv", short)
        #expect(try Self.refused(run, fields, in: scratch) == "error: \(fields):6: 13 fields, but the header has 14")
        let nothing = try scratch.write("nothing.csv", "")
        #expect(try Self.refused(run, nothing, in: scratch) == "error: \(nothing) is empty: it has no header line")
    }

    @Test func badRunDirectories() throws {
        let scratch = try TemporaryDirectory()
        let run = try Self.trainedRun(scratch)
        let data = try scratch.write("wine.csv", PredictTests.text(try PredictTests.wineCSV()))
        let manager = FileManager.default
        func variant(_ name: String, _ change: (URL) throws -> Void) throws -> String {
            let copy = scratch.url.appendingPathComponent(name)
            try manager.copyItem(at: run, to: copy)
            try change(copy)
            return copy.path
        }
        let noCheckpoint = try variant("no-checkpoint") { try manager.removeItem(at: $0.appendingPathComponent("final.safetensors")) }
        #expect(try Self.refused(noCheckpoint, data, in: scratch) == "error: cannot use the run \(noCheckpoint): it has no "
                + "final.safetensors (the run completed without writing one, or log.checkpoints.final was off)")
        let noModel = try variant("no-model") { try manager.removeItem(at: $0.appendingPathComponent("model.json")) }
        #expect(try Self.refused(noModel, data, in: scratch).hasPrefix("error: cannot use the run \(noModel): it has no "
                + "model.json: Sprout 0.3.1 trained it, before runs recorded their model; train it again"))
        let running = try variant("running") { folder in
            let path = folder.appendingPathComponent("run.json").path
            let record = try String(contentsOfFile: path, encoding: .utf8)
            try record.replacingOccurrences(of: "\"status\" : \"completed\"", with: "\"status\" : \"running\"")
                .write(toFile: path, atomically: true, encoding: .utf8)
        }
        #expect(try Self.refused(running, data, in: scratch).hasPrefix("error: cannot use the run \(running): its run.json "
                + "says it is still running"))
        let future = try variant("future") { folder in
            let path = folder.appendingPathComponent("model.json").path
            let model = try String(contentsOfFile: path, encoding: .utf8)
            try model.replacingOccurrences(of: "\"format_version\" : 1", with: "\"format_version\" : 2")
                .write(toFile: path, atomically: true, encoding: .utf8)
        }
        #expect(try Self.refused(future, data, in: scratch) == "error: cannot use the run \(future): its model.json has "
                + "format_version 2, written by Sprout 0.3.1; this Sprout (0.3.1) reads format_version 1: use a Sprout that "
                + "reads it, or train the run again with this one")
        let truncated = try variant("truncated") { folder in
            let handle = try FileHandle(forWritingTo: folder.appendingPathComponent("final.safetensors"))
            let size = try handle.seekToEnd()
            try handle.truncate(atOffset: size - 10)
            try handle.close()
        }
        #expect(try Self.refused(truncated, data, in: scratch).hasPrefix("error: cannot use the run \(truncated): its "
                + "final.safetensors is damaged: its tensor 'out.bias' has data_offsets"))
    }
}
