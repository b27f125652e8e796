#if !SPROUT_FUZZ
import Foundation

/// The normal build's `main`: replays the files given as arguments through `FuzzInput.run`, the function the fuzz
/// build hands libFuzzer's inputs to, and prints each file's rendered diagnostics after a `==> file` line. Exit 0
/// when every file went through (a crash or trap ends the process, as in the fuzzer), 1 when a file cannot be
/// read, 2 without arguments.
///
/// Why two builds of one target: libFuzzer brings its own `main` (it runs the fuzzing loop and calls
/// `LLVMFuzzerTestOneInput`), but only when linked with `-sanitize=fuzzer`; the project's normal `swift build`
/// and `swift build -c release` build every product, and an executable without a `main` would not link. The fuzz
/// build (`make fuzz`) passes `-Xswiftc -DSPROUT_FUZZ`, which compiles in the libFuzzer entry points
/// (FuzzInput.swift) and leaves this `main` out; every other build gets this replay tool, which the tests use to
/// run Fuzz/regressions/ through the same code.
@main
struct Replay {
    static func main() {
        let files = CommandLine.arguments.dropFirst()
        guard !files.isEmpty else {
            FileHandle.standardError.write(Data("usage: SproutFuzz FILE...  (replays fuzz inputs through ConfigLoader and the renderer)\n".utf8))
            exit(2)
        }
        var status: Int32 = 0
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                FileHandle.standardError.write(Data("SproutFuzz: cannot read \(file)\n".utf8))
                status = 1
                continue
            }
            let rendered = FuzzInput.run([UInt8](data))
            print("==> \(file): \(rendered.count) diagnostic\(rendered.count == 1 ? "" : "s")")
            for block in rendered { print(block) }
        }
        exit(status)
    }
}
#endif
