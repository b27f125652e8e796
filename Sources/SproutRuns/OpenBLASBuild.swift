/// run.json's `openblas`: the OpenBLAS build that computed the run's matrix products and the CPU kernel it chose on
/// the machine (`Haswell`, `Zen`, `SkylakeX`). The same config on another kernel may round differently in the last
/// bits, so a bit-for-bit comparison of two runs starts here.
package struct OpenBLASBuild: Codable, Sendable, Equatable {
    /// `0.3.21`: the second word of `build`.
    package var version: String
    package var core: String
    /// OpenBLAS's own description: `OpenBLAS 0.3.21 DYNAMIC_ARCH NO_AFFINITY Haswell MAX_THREADS=64`.
    package var build: String

    package init(build: String, core: String) {
        self.build = build
        self.core = core
        let words = build.split(separator: " ")
        version = words.count > 1 && words[0] == "OpenBLAS" ? String(words[1]) : ""
    }
}
