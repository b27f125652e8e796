import Foundation
import Testing
@testable import SproutRuns

/// The job script and sbatch's command line. The quoting is checked by a shell, not by reading the quoted text:
/// `/bin/sh` itself must give back each hostile string unchanged, and run nothing it holds.
@Suite struct SlurmJobScriptTests {
    static func scratch(_ label: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sprout-\(label)-\(UUID())").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// `/bin/sh arguments` started in `directory`: its standard output and exit status.
    static func shell(_ arguments: [String], in directory: String) throws -> (output: String, status: Int32) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = ["PATH": "/usr/bin:/bin", "HOME": directory]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (String(decoding: data, as: UTF8.self), process.terminationStatus)
    }

    static let hostile = [
        "my runs", "$(touch pwned)", "`touch pwned`", "'", #"'\''"#, "\"", "\\", "a\nb", "\n", "*", "~", "~/x",
        ";rm -rf x", "a; touch pwned", "| touch pwned", "&& touch pwned", "$HOME", "${HOME}", "$0 $1 $@", "!!",
        "-n", "--", "%s %d", "  leading and trailing  ", "tab\there", "it's \"quoted\" `id` $(id) \\n",
        "''", "'''", "\\'", "sprout 🌱 日本語 ünïcödé", "", "x\ny\n",
    ]

    /// Each string, quoted, is one shell word that the shell gives back as it was: `printf '%s' <quoted>`. Nothing
    /// runs: no file `pwned` appears in the shell's folder, and the folder `x` that `;rm -rf x` names is still there.
    @Test(arguments: hostile)
    func aQuotedStringIsOneInertWord(_ text: String) throws {
        let directory = try Self.scratch("quote")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory + "/x", withIntermediateDirectories: false)
        let quoted = SlurmJobScript.shellQuoted(text)
        let answer = try Self.shell(["-c", "printf '%s' " + quoted], in: directory)
        #expect(answer.status == 0)
        #expect(answer.output == text, "quoted as \(quoted)")
        #expect(!FileManager.default.fileExists(atPath: directory + "/pwned"))
        #expect(FileManager.default.fileExists(atPath: directory + "/x"))
    }

    /// By hand: single quotes around, each `'` as `'\''` (close, an escaped quote, open again).
    @Test func quotingByHand() {
        #expect(SlurmJobScript.shellQuoted("my runs") == "'my runs'")
        #expect(SlurmJobScript.shellQuoted("") == "''")
        #expect(SlurmJobScript.shellQuoted("it's") == #"'it'\''s'"#)
        #expect(SlurmJobScript.shellQuoted("'") == #"''\'''"#)
        #expect(SlurmJobScript.shellQuoted("$(x) `y` \\ \"z\"") == "'$(x) `y` \\ \"z\"'")
    }

    /// The script's text: a POSIX shell script whose exec line holds the two paths, each quoted.
    @Test func theScriptExecsSproutWithTheFolder() {
        let script = SlurmJobScript(binary: "/opt/sprout/bin/sprout", folder: "/scratch/my runs/.slurm/20261204-061502-3fa9c1")
        #expect(script.text.hasPrefix("#!/bin/sh\n"))
        let lines = script.text.split(separator: "\n").map(String.init)
        let exec = lines.filter { $0.hasPrefix("exec ") }
        #expect(exec == ["exec '/opt/sprout/bin/sprout' slurm-task '/scratch/my runs/.slurm/20261204-061502-3fa9c1'"])
        #expect(lines.allSatisfy { $0.hasPrefix("#") || $0.hasPrefix("exec ") }, "nothing but comments and exec")
        #expect(!script.text.contains("#SBATCH"), "options go to sbatch as arguments, never as #SBATCH lines")

        let quote = SlurmJobScript(binary: "/home/o'brien/sprout", folder: "/tmp/it's")
        #expect(quote.text.contains(#"exec '/home/o'\''brien/sprout' slurm-task '/tmp/it'\''s'"#))
    }

    /// The script run by /bin/sh as Slurm would run it, with a hostile folder and binary path: the "binary" is a
    /// shell script that writes its arguments one a line; they must be exactly `slurm-task` and the folder, and the
    /// `$(touch pwned)` in the folder's name must not have run.
    @Test func theScriptRunsWithHostilePaths() throws {
        let root = try Self.scratch("script")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let folder = root + #"/$(touch pwned) 'x' "y" `touch pwned` ; touch pwned"#
        let bin = folder + "/it's bin $HOME"
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        let binary = bin + "/sprout"
        try "#!/bin/sh\nprintf '%s\\n' \"$@\" > args\n".write(toFile: binary, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: binary)
        let script = folder + "/job.sh"
        try SlurmJobScript(binary: binary, folder: folder).text.write(toFile: script, atomically: false, encoding: .utf8)
        let work = root + "/work"
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: false)

        let answer = try Self.shell([script], in: work)
        #expect(answer.status == 0)
        let recorded = try String(contentsOfFile: work + "/args", encoding: .utf8)
        #expect(recorded == "slurm-task\n" + folder + "\n")
        for place in [work, root, folder, bin] {
            #expect(!FileManager.default.fileExists(atPath: place + "/pwned"), "pwned in \(place)")
        }
    }

    // sbatchArguments, written out by hand: Sprout's options in a fixed order, then the user's, then the script.

    static let base = ["--parsable", "--job-name=sprout"]
    static let output = ["--output=logs/%A_%a.out", "--open-mode=append"]

    @Test func theDefaultsAskForTheArrayAndTheWarning() {
        // 4 tasks: indices 0 to 3; the default warning 120 s before the limit.
        let arguments = SlurmJobScript.sbatchArguments(tasks: 4, cpus: 2, options: SlurmOptions())
        #expect(arguments == Self.base + ["--array=0-3", "--cpus-per-task=2"] + Self.output
                + ["--signal=B:USR1@120", "job.sh"])
    }

    @Test func oneTaskIsTheArrayOfIndexZero() {
        let arguments = SlurmJobScript.sbatchArguments(tasks: 1, cpus: 1, options: SlurmOptions())
        #expect(arguments.contains("--array=0-0") && arguments.last == "job.sh")
    }

    @Test func maxParallelThrottlesTheArray() {
        var options = SlurmOptions()
        options.maxParallel = 2
        // 10 tasks, 2 at a time: 0-9%2.
        let arguments = SlurmJobScript.sbatchArguments(tasks: 10, cpus: 1, options: options)
        #expect(arguments.filter { $0.hasPrefix("--array") } == ["--array=0-9%2"])
    }

    @Test func noWarningWithoutALead() {
        var options = SlurmOptions()
        options.signalLead = 0
        let arguments = SlurmJobScript.sbatchArguments(tasks: 3, cpus: 4, options: options)
        #expect(arguments == Self.base + ["--array=0-2", "--cpus-per-task=4"] + Self.output + ["job.sh"])
        #expect(!arguments.contains { $0.hasPrefix("--signal") })
    }

    /// Each option only when set; the user's arguments after Sprout's (sbatch takes the last of a repeated option,
    /// so theirs win), as given, each one argument; the script last.
    @Test func everyOptionInItsPlace() throws {
        var options = SlurmOptions()
        options.partition = "gpu"
        let limit = try #require(SlurmTimeLimit("1-00:00:00"))
        options.time = limit
        options.memory = "4G"
        options.maxParallel = 3
        options.signalLead = 300
        options.sbatchArguments = ["--account=ml", "--partition=cpu", "--comment=a b 'c'"]
        let arguments = SlurmJobScript.sbatchArguments(tasks: 5, cpus: 8, options: options, script: "/x/my job.sh")
        #expect(arguments == Self.base + ["--array=0-4%3", "--cpus-per-task=8"] + Self.output
                + ["--signal=B:USR1@300", "--partition=gpu", "--time=1-00:00:00", "--mem=4G",
                   "--account=ml", "--partition=cpu", "--comment=a b 'c'", "/x/my job.sh"])
    }

    @Test func optionsNotSetAreNotPassed() {
        let arguments = SlurmJobScript.sbatchArguments(tasks: 2, cpus: 1, options: SlurmOptions())
        for option in ["--partition", "--time", "--mem", "--account"] {
            #expect(!arguments.contains { $0.hasPrefix(option) }, "\(option)")
        }
    }
}
