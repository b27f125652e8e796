import Foundation
import Testing

/// A run's fingerprint covers every file it trains from, not only CSV data (BatchRunTests covers CSV): a safetensors
/// initializer and an IDX images/labels pair. Rewriting a file with the same bytes keeps the run up to date; changing
/// one byte makes it stale, `sprout status` names the changed file as the config writes it, and `sprout run`
/// retrains it (and only then is it up to date again).
@Suite struct FileFingerprintEndToEndTests {
    /// The run of `configs/<name>.yaml` below `scratch`, trained once; then, for each file (relative to configs/):
    /// rewritten unchanged (up to date), edited by `edit` (stale, naming it), retrained.
    static func expectEditsMakeStale(_ name: String, files: [String], in scratch: TemporaryDirectory,
                                     edit: (String, inout Data) -> Void) throws {
        let configs = scratch.url.appendingPathComponent("configs").path
        let first = try SproutBinary.run(["run", configs, "--quiet"], timeout: 120)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("1 run: 1 completed"), "\(first.stdout)")
        for file in files {
            let path = configs + "/" + file
            let original = try Data(contentsOf: URL(fileURLWithPath: path))
            try original.write(to: URL(fileURLWithPath: path))
            let same = try SproutBinary.run(["status", configs])
            #expect(same.stdout.contains("\(name)  up to date"), "\(file) rewritten unchanged: \(same.stdout)")

            var edited = original
            edit(file, &edited)
            #expect(edited != original)
            try edited.write(to: URL(fileURLWithPath: path))
            let stale = try SproutBinary.run(["status", configs])
            let kind = file.hasSuffix(".safetensors") ? "initializer file" : "data file"
            #expect(stale.stdout.contains("\(name)  stale: \(kind) \(file) changed"), "\(file) edited: \(stale.stdout)")
            let rerun = try SproutBinary.run(["run", configs, "--quiet"], timeout: 120)
            #expect(rerun.status == 0, "\(rerun.stderr)")
            #expect(rerun.stdout.contains("1 run: 1 completed"), "\(file) edited: \(rerun.stdout)")
            let after = try SproutBinary.run(["status", configs])
            #expect(after.stdout.contains("\(name)  up to date"), "after retraining: \(after.stdout)")
        }
    }

    /// configs/data/init-2-8-2.safetensors (hidden.weight [8, 2], out.weight [2, 8]) as the weights' start; the edit
    /// flips the lowest mantissa bit of the first float of hidden.weight (bytes 32 to 96 of the data, after the
    /// 8-byte length and the JSON header): a tiny change of one weight, still a valid file.
    @Test func anEditedSafetensorsInitializerMakesTheRunStale() throws {
        let scratch = try TemporaryDirectory()
        let shipped = SproutBinary.packageRoot.appendingPathComponent("configs/data/init-2-8-2.safetensors")
        try scratch.write("configs/data/init-2-8-2.safetensors", try Data(contentsOf: shipped))
        try scratch.write("configs/st-init.yaml", """
            data: {source: xor, samples: 16}
            model:
              init: {weight: {type: safetensors, path: data/init-2-8-2.safetensors}}
              layers: [{name: hidden, type: dense, units: 8}, tanh, {name: out, type: dense, units: 2}]
            train: {loss: cross_entropy, optimizer: {type: sgd, lr: 0.1}, epochs: 2, batch_size: 8}
            """)
        try Self.expectEditsMakeStale("st-init", files: ["data/init-2-8-2.safetensors"], in: scratch) { _, data in
            let headerLength = data.prefix(8).enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
            data[data.startIndex + 8 + headerLength + 32] ^= 1
        }
    }

    /// A tiny IDX pair written here: 8 images of 2 × 2 unsigned bytes (magic 0x00000803, then the dimensions as
    /// big-endian 32-bit numbers) and 8 labels 0/1 (magic 0x00000801). The edits change the last pixel, then the last
    /// label (1 becomes 0, still a valid class).
    @Test func editedIDXImagesOrLabelsMakeTheRunStale() throws {
        let scratch = try TemporaryDirectory()
        func bigEndian(_ n: Int) -> [UInt8] { [24, 16, 8, 0].map { UInt8((n >> $0) & 0xFF) } }
        let count = 8
        let images = [0, 0, 8, 3] + bigEndian(count) + bigEndian(2) + bigEndian(2)
            + (0..<count * 4).map { UInt8(($0 * 37) % 256) }
        let labels = [0, 0, 8, 1] + bigEndian(count) + (0..<count).map { UInt8($0 % 2) }
        try scratch.write("configs/data/points.idx3-ubyte", Data(images))
        try scratch.write("configs/data/points.idx1-ubyte", Data(labels))
        try scratch.write("configs/idx-pair.yaml", """
            data: {source: idx, images: data/points.idx3-ubyte, labels: data/points.idx1-ubyte}
            model: {layers: [flatten, {type: dense, units: 4}, tanh, {type: dense, units: 2}]}
            train: {loss: cross_entropy, optimizer: {type: sgd, lr: 0.1}, epochs: 2, batch_size: 4}
            """)
        try Self.expectEditsMakeStale("idx-pair", files: ["data/points.idx3-ubyte", "data/points.idx1-ubyte"],
                                      in: scratch) { file, data in
            let last = data.index(before: data.endIndex)
            data[last] = file.hasSuffix("idx1-ubyte") ? 0 : data[last] ^ 0xFF
        }
    }
}
