import Foundation
import Testing

/// The module graph of Package.swift's comment, read from the sources' own `import` lines: a module imports only
/// what its layer may know. The data layer knows no network, the run records know neither the engine nor the
/// data, and the CLI knows no YAML.
@Suite struct ModuleImportsTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources")

    /// The system's and the toolchain's modules, which any module may use.
    static let system: Set<String> = ["Foundation", "Glibc", "Darwin", "Musl", "Synchronization"]

    static let allowed: [String: Set<String>] = [
        "SproutDiagnostics": [],
        "SproutYAML": ["CYAML", "SproutDiagnostics"],
        "SproutDataFiles": [],
        "SproutConfig": ["SproutYAML", "SproutDiagnostics", "SproutDataFiles", "SproutShapes"],
        "SproutRandom": [],
        "SproutShapes": [],
        "SproutNN": ["COpenBLAS", "CXSMM", "SproutRandom", "SproutShapes"],
        "SproutData": ["SproutRandom", "SproutDataFiles"],
        "SproutMetrics": [],
        "SproutRuns": ["SproutConfig", "SproutDiagnostics", "SproutDataFiles", "SproutMetrics", "CStopSignal", "Crypto"],
        "SproutTraining": ["SproutRuns", "SproutConfig", "SproutYAML", "SproutNN", "SproutRandom", "SproutData",
                           "SproutDataFiles", "SproutMetrics", "SproutShapes"],
        "sprout": ["SproutTraining", "SproutRuns", "SproutConfig", "SproutDiagnostics", "SproutMetrics", "ArgumentParser"],
        // The fuzzer: the config layer only, never SproutRuns (swift-crypto's BoringSSL under sanitizers).
        "SproutFuzz": ["SproutConfig", "SproutDiagnostics"],
    ]

    /// Every module imported by the Swift files below `Sources/<module>`.
    static func imports(of module: String) throws -> Set<String> {
        let folder = sources.appendingPathComponent(module).path
        let files = try #require(FileManager.default.enumerator(atPath: folder)).compactMap { $0 as? String }
        var found = Set<String>()
        for file in files where file.hasSuffix(".swift") {
            let text = try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
            for line in text.split(separator: "\n") {
                let words = line.split(separator: " ").map(String.init)
                guard let index = words.firstIndex(of: "import"), index + 1 < words.count,
                      words[..<index].allSatisfy({ ["internal", "public", "package", "@_exported", "@testable"].contains($0) })
                else { continue }
                found.insert(words[index + 1])
            }
        }
        return found
    }

    @Test(arguments: allowed.keys.sorted())
    func aModuleImportsOnlyItsLayer(_ module: String) throws {
        let imported = try Self.imports(of: module).subtracting(Self.system)
        let forbidden = imported.subtracting(Self.allowed[module] ?? [])
        #expect(forbidden.isEmpty, "\(module) imports \(forbidden.sorted())")
    }

    /// Every Swift module under Sources/ is in the table, so a new one cannot slip past the check.
    @Test func everyModuleIsListed() throws {
        let modules = try FileManager.default.contentsOfDirectory(atPath: Self.sources.path)
            .filter { !$0.hasPrefix("C") && !$0.hasPrefix(".") }
        #expect(Set(modules) == Set(Self.allowed.keys))
    }
}
