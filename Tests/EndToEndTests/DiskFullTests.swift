import Foundation
import Testing

/// A disk that fills while a run trains: the run ends `failed`, saying "No space left on device" with the file's
/// path, its CSVs end at a complete row, summary.csv and `sprout status` say failed (not running, not killed), no
/// reserve or temporary file is left behind, and once there is room again a rerun trains it to the end.
///
/// The disk is a small tmpfs mounted in a private mount namespace (`unshare --mount --propagation private`), so it
/// exists for the script's processes only and vanishes with them, whatever the test's outcome: nothing is mounted
/// on the machine, and parallel tests never see it. As root (our CI) that needs nothing else; another user gets a
/// user namespace mapping them to root in it (`unshare --user --map-root-user`, which may mount a tmpfs), so the
/// test runs either way and is never skipped. Since the files vanish with the namespace, the script copies the runs
/// folder out (`cp -a`, hidden files included) into the test's own temporary folder, once with the disk full and
/// once after the rerun on the same disk remounted larger.
@Suite struct DiskFullTests {
    /// Five tanh layers of 24 units, every epoch logged with layers.csv: about 0.7 KB of logs an epoch, 350 KB for
    /// the 500 epochs, while the run's start (run.json, config.yaml, the CSV headers, init.safetensors, Sprout's
    /// space reserve, summary.csv) takes about 100 KiB of the 192 KiB disk; so the disk fills a hundred-odd epochs
    /// in. 128 samples keep a debug build under a few seconds.
    static let wide = """
        name: wide
        seed: 1
        data: {source: spirals, samples: 128}
        model:
          layers:
            - {name: h1, type: dense, units: 24}
            - tanh
            - {name: h2, type: dense, units: 24}
            - tanh
            - {name: h3, type: dense, units: 24}
            - tanh
            - {name: out, type: dense, units: 2}
        train:
          loss: cross_entropy
          optimizer: {type: sgd, lr: 0.1}
          epochs: 500
          batch_size: 32
        log: {every: 1, layers: true}

        """

    /// Mounts the small disk at $1, runs config $3 with sprout $2 into $1/runs, saves the exit status, the output,
    /// `sprout status` and a copy of the runs into $4/full; then remounts the disk at 4 MiB and does the same into
    /// $4/roomy. Each sprout command is bounded by `timeout` (a batch stopped by it interrupts its worker). The remount
    /// names its type and source (`mount -t tmpfs -o remount,... tmpfs DIR`): in a user namespace, the short form
    /// `mount -o remount,... DIR` is refused.
    static let script = """
        disk=$1 sprout=$2 config=$3 saved=$4
        mount -t tmpfs -o size=192k tmpfs "$disk" || { echo "cannot mount a tmpfs on $disk" >&2; exit 90; }
        for pass in full roomy; do
            if [ $pass = roomy ]; then
                mount -t tmpfs -o remount,size=4m tmpfs "$disk" || { echo "cannot remount $disk" >&2; exit 91; }
            fi
            timeout 240 "$sprout" run "$config" --out "$disk/runs" --quiet >"$saved/$pass.out" 2>"$saved/$pass.err"
            echo $? >"$saved/$pass.status"
            timeout 60 "$sprout" status "$config" --out "$disk/runs" >"$saved/$pass.state" 2>&1
            cp -a "$disk/runs" "$saved/$pass"
        done
        """

    @Test func aFullDiskFailsTheRunCleanlyAndARerunWithRoomCompletesIt() throws {
        let scratch = try TemporaryDirectory()
        let (disk, saved) = try Self.runScript(Self.script, in: scratch)
        func text(_ name: String) -> String {
            (try? String(contentsOfFile: saved + "/" + name, encoding: .utf8)) ?? ""
        }

        // The disk filled: the run failed, saying why, in one sentence with the file's path.
        let output = text("full.out"), errors = text("full.err")
        #expect(text("full.status") == "1\n", "\(output)\(errors)")
        let directory = saved + "/full/wide"
        let record = try RunDirectoryTests.json(directory + "/run.json")
        #expect(record["status"] as? String == "failed", "run.json: \(record)")
        let message = record["error"] as? String ?? ""
        #expect(message.lowercased().hasSuffix(": no space left on device"), "error: \(message)")
        // The file's own path: the run's entry in the store (runs/wide points at it).
        #expect(message.hasPrefix("cannot write \(disk)/runs/.store/wide/"), "error: \(message)")
        #expect(output.contains("wide: failed") && output.lowercased().contains("no space left on device"), "\(output)")
        // The batch's summary.csv found room after the worker's reserve was released.
        #expect(!errors.contains("summary.csv"), "\(errors)")

        // Every CSV ends at a complete row, and training had got going before the disk filled.
        for name in ["metrics.csv", "layers.csv"] { try RunDirectoryTests.expectWellFormedCSV(directory + "/" + name) }
        let metrics = try MetricsTable(path: directory + "/metrics.csv")
        #expect(metrics.rows.count > 10 && metrics.rows.count < 501, "\(metrics.rows.count) metrics rows")
        // run.json's final metrics are metrics.csv's last row (written before layers.csv's rows of that epoch).
        let final = record["final"] as? [String: Any]
        #expect(final?["epoch"] as? Int == metrics.rows.last.flatMap { Int($0[0]) }, "\(record)")
        #expect(try MetricsTable(path: directory + "/layers.csv").rows.count > 10)

        // summary.csv and `sprout status` say failed; no hidden file is left in the run, the name's lock beside it.
        let rows = try BatchRunTests.summary(saved + "/full/summary.csv")
        #expect(rows.first { $0["run_dir"] == "wide" }?["status"] == "failed", "\(rows)")
        let state = text("full.state")
        #expect(state.contains("wide  failed: cannot write") && !state.contains("killed"), "\(state)")
        let hidden = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasPrefix(".") }
        #expect(hidden == [], "left behind: \(hidden)")
        let store = try FileManager.default.contentsOfDirectory(atPath: saved + "/full/.store/wide").filter { $0.hasPrefix(".") }
        #expect(store == [".lock"], "left behind: \(store)")

        // With room again, the same run trains to the end and nothing temporary is left.
        #expect(text("roomy.status") == "0\n", "\(text("roomy.out"))\(text("roomy.err"))")
        let rerun = try RunDirectoryTests.json(saved + "/roomy/wide/run.json")
        #expect(rerun["status"] as? String == "completed" && rerun["epochs_completed"] as? Int == 500, "\(rerun)")
        #expect(text("roomy.state").contains("wide  up to date"), "\(text("roomy.state"))")
        for name in ["metrics.csv", "layers.csv"] {
            try RunDirectoryTests.expectWellFormedCSV(saved + "/roomy/wide/" + name)
        }
        let left = try FileManager.default.contentsOfDirectory(atPath: saved + "/roomy/wide")
            .filter { $0.hasPrefix(".") }
        #expect(left == [], "left behind: \(left)")
    }

    /// A disk too full for the run to start (not even its space reserve fits): the run fails before writing
    /// anything, saying so; the store holds no entry of it (only the name's lock), no link is made, and `sprout
    /// status` says never run.
    @Test func aDiskTooFullToStartARunWritesNothing() throws {
        let scratch = try TemporaryDirectory()
        let script = """
            disk=$1 sprout=$2 config=$3 saved=$4
            mount -t tmpfs -o size=32k tmpfs "$disk" || { echo "cannot mount a tmpfs on $disk" >&2; exit 90; }
            timeout 240 "$sprout" run "$config" --out "$disk/runs" --quiet >"$saved/out" 2>"$saved/err"
            echo $? >"$saved/status"
            timeout 60 "$sprout" status "$config" --out "$disk/runs" >"$saved/state" 2>&1
            cp -a "$disk/runs" "$saved/runs"
            """
        let (disk, saved) = try Self.runScript(script, in: scratch)
        func text(_ name: String) -> String {
            (try? String(contentsOfFile: saved + "/" + name, encoding: .utf8)) ?? ""
        }
        #expect(text("status") == "1\n", "\(text("out"))\(text("err"))")
        // 64 KiB and twice the record, in 4 KiB blocks: 68 KiB for this record of about a kilobyte.
        let reason = "/.reserve: No space left on device (keeping "
        #expect(text("out").contains("wide: failed") && text("out").contains("cannot write \(disk)/runs/.store/wide/")
                && text("out").contains(reason)
                && text("out").contains(" KiB free for the run's final records)"), "\(text("out"))")
        let left = try FileManager.default.contentsOfDirectory(atPath: saved + "/runs/.store/wide")
        #expect(left == [".lock"], "\(left)")
        #expect(!FileManager.default.fileExists(atPath: saved + "/runs/wide"))
        #expect(text("state").contains("wide  never run"), "\(text("state"))")
        let rows = try BatchRunTests.summary(saved + "/runs/summary.csv")
        #expect(rows.first { $0["run_dir"] == "wide" }?["status"] == "failed", "\(rows)")
    }

    /// Runs `script` (sh) in a private mount namespace with $1 the disk's mount point, $2 the sprout binary, $3 the
    /// `wide` config and $4 a folder for what the script saves; returns $1 and $4. Requires the script to exit 0.
    static func runScript(_ script: String, in scratch: TemporaryDirectory) throws -> (disk: String, saved: String) {
        let config = try scratch.write("wide.yaml", Self.wide)
        let disk = scratch.url.appendingPathComponent("disk").path
        let saved = scratch.url.appendingPathComponent("saved").path
        try FileManager.default.createDirectory(atPath: disk, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: saved, withIntermediateDirectories: true)
        let namespace = getuid() == 0 ? ["--mount", "--propagation", "private"]
            : ["--user", "--map-root-user", "--mount", "--propagation", "private"]
        let result = try Self.run("/usr/bin/unshare", namespace + ["sh", "-c", script, "sh", disk,
                                                                     SproutBinary.path, config, saved], timeout: 600)
        try #require(result.status == 0, "the namespace script failed: \(result.stderr)")
        return (disk, saved)
    }

    /// Runs `executable arguments...`, killing it after `timeout` seconds; output through files, as `SproutBinary`.
    static func run(_ executable: String, _ arguments: [String], timeout: Double) throws -> SproutBinary.Result {
        let scratch = try TemporaryDirectory()
        let out = scratch.url.appendingPathComponent("stdout"), err = scratch.url.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        let started = Date()
        try process.run()
        guard SproutBinary.waitUntil(seconds: timeout, { !process.isRunning }) else {
            process.terminate()
            process.waitUntilExit()
            throw SproutBinary.TimedOut(arguments: [executable] + arguments, seconds: timeout)
        }
        process.waitUntilExit()
        return SproutBinary.Result(status: process.terminationStatus,
                                   stdout: try String(contentsOf: out, encoding: .utf8),
                                   stderr: try String(contentsOf: err, encoding: .utf8),
                                   seconds: Date().timeIntervalSince(started))
    }
}
