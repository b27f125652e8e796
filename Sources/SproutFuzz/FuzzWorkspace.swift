import Foundation

/// The private folder a fuzzer process works in, made once at start under `$TMPDIR` (`mkdtemp`, mode 0700) and
/// removed at a normal exit (`atexit`; after a crash it stays, like libFuzzer's own artifacts):
///
///     sprout-fuzz.XXXXXX/
///       config/input.yaml     the name every input is loaded as (never written: inputs are loaded from memory)
///       config/data/, data/   copies of the checkout's configs/data/ (a few small CSV, IDX and safetensors files)
///
/// Relative data paths resolve against `config/`, so both spellings the example configs use, `data/x.csv` (from
/// configs/) and `../data/x.csv` (from configs/features/), reach real files and the CSV, IDX and safetensors checks
/// run on real bytes with fuzzed options. The copies come from the checkout the binary was built from (`#filePath`);
/// without it the folder is empty and those checks report missing files. Nothing outside the folder is written; an
/// absolute path in an input can make the loader read (never write) another file, as `sprout validate` would.
final class FuzzWorkspace: Sendable {
    static let shared = FuzzWorkspace()

    let root: String
    /// The path every input is loaded as.
    let configPath: String

    private init() {
        let base = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array((base + "/sprout-fuzz.XXXXXX").utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            fatalError("SproutFuzz: cannot make a temporary folder under \(base): \(String(cString: strerror(errno)))")
        }
        root = String(cString: made)
        configPath = root + "/config/input.yaml"
        let manager = FileManager.default
        let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("configs/data").path
        do {
            try manager.createDirectory(atPath: root + "/config", withIntermediateDirectories: false)
            if manager.fileExists(atPath: examples) {
                try manager.copyItem(atPath: examples, toPath: root + "/config/data")
                try manager.copyItem(atPath: examples, toPath: root + "/data")
            }
        } catch {
            fatalError("SproutFuzz: cannot lay out \(root): \(error)")
        }
        FuzzWorkspace.removeAtExit = root
        atexit { if let root = FuzzWorkspace.removeAtExit { try? FileManager.default.removeItem(atPath: root) } }
    }

    /// The folder `atexit`'s handler removes (a C function pointer cannot capture it).
    nonisolated(unsafe) static var removeAtExit: String?
}
