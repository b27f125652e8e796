import Foundation
import Testing

/// `train.threads` reaches OpenBLAS: the worker reads the count back from OpenBLAS itself
/// (`openblas_get_num_threads`) into run.json's `blas_threads`, so a count dropped or mismapped on the way from the
/// config to the engine (the batch's environment, the worker's `useThreads`) shows as the default of 1.
@Suite struct ThreadCountTests {
    /// 3 is neither the default (1) nor the batch's `-j` (2), so the count cannot come from either by accident.
    @Test(arguments: [(threads: "  threads: 3\n", expected: 3), (threads: "", expected: 1)])
    func theRunsOpenBLASUsesTheConfiguredThreads(_ setting: (threads: String, expected: Int)) throws {
        let scratch = try TemporaryDirectory()
        let text = BatchRunTests.config(epochs: 1).replacingOccurrences(of: "  batch_size: 8\n",
                                                                          with: "  batch_size: 8\n" + setting.threads)
        try scratch.write("configs/threads.yaml", text)
        let result = try SproutBinary.run(["run", scratch.url.appendingPathComponent("configs").path, "-j", "2", "--quiet"],
                                          timeout: 120)
        #expect(result.status == 0, "\(result.stderr)")
        let record = try RunDirectoryTests.json(scratch.url.appendingPathComponent("runs/threads/run.json").path)
        #expect(record["blas_threads"] as? Int == setting.expected, "\(record)")
    }
}
