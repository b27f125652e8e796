// swift-tools-version:6.0
// Sprout: a declarative neural-network trainer. Module graph (arrows point at what is imported):
//   sprout -> {SproutTraining, SproutRuns, SproutConfig, SproutDiagnostics, SproutMetrics} (no YAML module)
//   SproutTraining -> {SproutRuns, SproutConfig, SproutNN, SproutData, SproutRandom, SproutMetrics, SproutShapes,
//                      SproutYAML (JSON strings)}
//   SproutRuns -> {SproutConfig, SproutDiagnostics, SproutDataFiles, SproutMetrics, CStopSignal, Crypto (SHA-256)}
//                 (neither the engine nor the data; ModuleImportsTests checks the graph)
//   SproutConfig -> {SproutYAML -> {CYAML, SproutDiagnostics}, SproutDataFiles, SproutShapes}
//   SproutNN -> {COpenBLAS, CXSMM, SproutRandom, SproutShapes}
//   SproutShapes (feature shapes and sliding windows: a leaf shared by the validator and the engine)
//   SproutData -> {SproutRandom, SproutDataFiles}
//   SproutMetrics (classification scores from labels: pure arithmetic, no dependencies)
//   SproutFuzz -> {SproutConfig, SproutDiagnostics} (the fuzzer of config bytes -> diagnostics, `make
//                 fuzz`; never SproutRuns, whose swift-crypto/BoringSSL is slow to build with sanitizers)
import PackageDescription

let package = Package(
    name: "Sprout",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "sprout", targets: ["sprout"]),
        .executable(name: "SproutFuzz", targets: ["SproutFuzz"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
    ],
    targets: [
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        .systemLibrary(
            name: "COpenBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]
        ),
        // libxsmm 1.17 (Debian libxsmm-dev, static): JIT kernels for the small products where OpenBLAS is slow
        // (SproutNN/SmallProducts.swift, docs/performance.md "Which library computes which product").
        .systemLibrary(
            name: "CXSMM",
            pkgConfig: "libxsmm",
            providers: [.apt(["libxsmm-dev"])]
        ),
        // SIGINT/SIGTERM as a stop request polled between training steps (a C signal handler: the only safe kind).
        .target(name: "CStopSignal"),
        .target(name: "SproutDiagnostics"),
        .target(name: "SproutYAML", dependencies: ["CYAML", "SproutDiagnostics"]),
        // The data file formats (CSV, IDX), bytes to tables: shared by the validator's probes and the engine's loaders.
        .target(name: "SproutDataFiles"),
        // Feature shapes (flat or an image) and the sliding window of convolutions and pooling, with PyTorch's
        // output-size formula: one leaf, so that the validator's shape inference and the engine agree by construction.
        .target(name: "SproutShapes"),
        .target(name: "SproutConfig", dependencies: ["SproutYAML", "SproutDiagnostics", "SproutDataFiles", "SproutShapes"]),
        // The seeded random streams and the normal samplers, shared by the engine (initializers, dropout, the
        // shuffle) and the data (generators, splits): a leaf, so that the data layer knows no networks.
        .target(name: "SproutRandom"),
        .target(name: "SproutNN", dependencies: ["COpenBLAS", "CXSMM", "SproutRandom", "SproutShapes"]),
        // Bundled/: the datasets as Swift sources (tools/export_datasets.py); its README is documentation only.
        .target(name: "SproutData", dependencies: ["SproutRandom", "SproutDataFiles"], exclude: ["Bundled/README.md"]),
        // Runs on disk and in batches: run.json, fingerprints, states, locks, plans, summaries, the progress wire
        // and the batch scheduler. It knows the language (specs, resolved configs) but not the engine or the data.
        // Classification scores (confusion matrix, precision, recall, F1) from true and predicted labels: a leaf of
        // pure arithmetic, shared by run.json's `test` record, the trainer and `sprout evaluate`.
        .target(name: "SproutMetrics"),
        .target(name: "SproutRuns", dependencies: ["SproutConfig", "SproutDiagnostics", "SproutDataFiles", "SproutMetrics", "CStopSignal",
                                                 .product(name: "Crypto", package: "swift-crypto")]),
        // Training one run: spec -> engine (the one builder), the loop, diagnostics, checkpoints, the probe, benchmarks.
        .target(name: "SproutTraining",
                dependencies: ["SproutRuns", "SproutConfig", "SproutYAML", "SproutNN", "SproutRandom", "SproutData",
                               "SproutDataFiles", "SproutMetrics", "SproutShapes"]),
        // Release builds link the Swift runtime and Foundation statically (`-static-stdlib`, as `swift build
        // --static-swift-stdlib` does): every run of a batch is a process of its own (`sprout worker`), and the
        // dynamic loader's symbol resolution for the Swift libraries took about 8 ms of each worker's start, a sixth
        // of a batch of tiny runs (docs/performance.md, "Per-run overhead"). The flag goes to this target's compile
        // too, so that its imports come from the static SDK, whose link entries name the static libraries'
        // dependencies (ICU's). The price is the binary's size (about 95 MB instead of 24); debug builds, which the
        // tests use, stay dynamic.
        .executableTarget(
            name: "sprout",
            dependencies: [
                "SproutTraining", "SproutRuns", "SproutConfig", "SproutDiagnostics", "SproutMetrics",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: [.unsafeFlags(["-static-stdlib"], .when(configuration: .release))],
            linkerSettings: [.unsafeFlags(["-static-stdlib"], .when(configuration: .release))]
        ),
        // The libFuzzer target over config bytes -> diagnostics (docs/fuzzing.md). Built by `make fuzz` with
        // `-sanitize=fuzzer,address -DSPROUT_FUZZ` (libFuzzer's main, the entry point compiled in); every other build
        // gets a plain main that replays files through the same function (Sources/SproutFuzz/Replay.swift).
        .executableTarget(name: "SproutFuzz", dependencies: ["SproutConfig", "SproutDiagnostics"]),
        // Helpers shared by the test targets (position markers in test inputs).
        .target(name: "SproutTestSupport", dependencies: ["SproutDiagnostics"], path: "Tests/SproutTestSupport"),
        // Test-only: replaces glibc's malloc & co. in the test executable to count a thread's heap allocations (the
        // training step must make none). Every test target links into that one executable, so it sees them all.
        .target(name: "AllocationCounter", path: "Tests/AllocationCounter"),
        .testTarget(name: "SproutDiagnosticsTests", dependencies: ["SproutDiagnostics"]),
        .testTarget(
            name: "SproutYAMLTests",
            dependencies: ["SproutYAML", "SproutDiagnostics", "SproutTestSupport"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "SproutConfigTests",
            dependencies: ["SproutConfig", "SproutYAML", "SproutDiagnostics", "SproutShapes", "SproutTestSupport"],
            exclude: ["Corpus"]
        ),
        .testTarget(name: "SproutRandomTests", dependencies: ["SproutRandom"]),
        .testTarget(name: "SproutMetricsTests", dependencies: ["SproutMetrics"]),
        .testTarget(name: "SproutNNTests", dependencies: ["SproutNN", "SproutRandom", "SproutShapes"]),
        .testTarget(name: "SproutRunsTests", dependencies: ["SproutRuns", "SproutConfig"]),
        .testTarget(name: "SproutTrainingTests", dependencies: ["SproutTraining", "SproutRuns", "AllocationCounter"]),
        .testTarget(name: "SproutDataTests", dependencies: ["SproutData", "SproutDataFiles", "SproutRandom"]),
        .testTarget(name: "EndToEndTests", dependencies: ["SproutTestSupport", "SproutDiagnostics"]),
    ]
)
