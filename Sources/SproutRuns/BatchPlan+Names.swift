import Foundation
import SproutConfig

/// The name each config of a batch runs under, when configs claim the same run directory (docs/batches.md, "Two
/// configs, one name"). Two configs claim one directory when they are in one batch and their runs' directories meet
/// (the same path, or one inside the other; a sweep's folder counts as its own), or when a directory a config would
/// write holds, in its run.json, the run of another config file that still exists.
///
/// - The config whose file's stem is the name (`xor.yaml` with `name: xor`, or no `name:`) keeps it; one whose stem
///   differs (`xor-lr.yaml` with `name: xor`, a copy that kept its name) runs under its stem instead, its spec's
///   name replaced, so run.json, config.yaml, the directory and the store say `xor-lr`; a sweep keeps its variants
///   below it. When neither's stem is the name, both run under their stems.
/// - A directory recorded by a config whose stem is not its name is taken back by the one whose stem is: its run
///   there is not this config's, so it is never up to date for it (`BatchPlan.make`), and the store's entries of
///   another config are not restored for it (`RunStore.cachedEntry`).
/// - Refused, as a true clash: two configs both named by their files (`x.yaml` and `x.yml`, or a folder's config
///   and a config of that folder's name one level up), and a stem that is taken too (by another config of the
///   batch, or by another config's runs on disk) or that cannot be a run name. A fallback never takes a directory
///   from a config that asked for that name; `--force` lets a config replace runs another config wrote when only
///   the records stand in the way, as before, and decides nothing else about names.
extension BatchPlan {
    /// One config's claim on run directories, and what the rule decided for it.
    struct Claim {
        /// The config file as given.
        var config: String
        /// Its folder below the output folder ("" at the root).
        var folder: String
        /// The file's stem: the name it falls back to.
        var stem: String
        /// The name it asks for (`name:`, or the stem).
        var declared: String
        /// Its runs' sweep variants (nil: a plain run).
        var variants: [String?]
        /// The command line's overrides' label (`ExperimentSpec.overrideLabel`): its directories are `<name>@<label>`.
        var label: String?
        /// The name it runs under: `declared`, or `stem` when another config keeps `declared`.
        var name: String
        /// Why it runs under its stem, for the note.
        var because: String?
        var refusal: String?
        /// Run directories (relative to the output folder) holding the run of another config that has this name but
        /// not this file name, with that config: this config takes them back.
        var takesBack: [String: String] = [:]

        init(file: ConfigFile, runs: [ExperimentSpec]) {
            config = file.path
            folder = file.folder
            stem = ConfigLoader.stem(of: file.path)
            declared = runs.first?.name ?? stem
            variants = runs.map(\.variant)
            label = runs.first?.overrideLabel
            name = declared
        }

        /// Whether its file's stem is its name: the config that keeps the name.
        var namedByFile: Bool { stem == declared }

        /// `<folder>/<name>[@<label>]`: its run's directory, or its sweep's folder.
        func base(_ name: String) -> String {
            let labelled = label.map { "\(name)@\($0)" } ?? name
            return folder.isEmpty ? labelled : "\(folder)/\(labelled)"
        }

        /// Its runs' directories under `name`, relative to the output folder.
        func runPaths(as name: String) -> [String] {
            variants.map { variant in variant.map { "\(base(name))/\($0)" } ?? base(name) }
        }

        /// What it would write under `name`: its runs' directories, and a sweep's folder (its summary.csv).
        func paths(as name: String) -> [String] {
            let runs = runPaths(as: name)
            return runs.contains(base(name)) ? runs : [base(name)] + runs
        }

        /// The note a batch prints for a config that runs under its stem, or takes directories back (`out`: the
        /// output folder).
        func note(out: String) -> String? {
            guard refusal == nil else { return nil }
            if name != declared { return "runs as \(name) (its file name), not \(declared): \(because ?? "")" }
            guard let (path, owner) = takesBack.min(by: { $0.key < $1.key }) else { return nil }
            let more = takesBack.count > 1 ? " and \(takesBack.count - 1) more" : ""
            return "takes back \((out as NSString).appendingPathComponent(path))\(more) from \(owner), which has this "
                + "name but another file name"
        }
    }

    /// The first of `a`'s paths that meets one of `b`'s: the same path, or one inside the other.
    static func clash(_ a: [String], _ b: [String]) -> String? {
        a.first { p in b.contains { q in p == q || p.hasPrefix(q + "/") || q.hasPrefix(p + "/") } }
    }

    /// The rule applied to a batch's configs (`Claim`'s documentation), in their order.
    static func naming(_ claims: [Claim], out: String, force: Bool) -> [Claim] {
        var claims = claims
        func directory(_ path: String) -> String { (out as NSString).appendingPathComponent(path) }
        func others(_ i: Int, _ paths: [[String]?]) -> [(index: Int, path: String)] {
            claims.indices.compactMap { j in
                guard claims[j].config != claims[i].config, let mine = paths[i], let theirs = paths[j],
                      let path = clash(mine, theirs) else { return nil }
                return (j, path)
            }
        }
        func clashText(_ found: [(index: Int, path: String)]) -> String {
            let path = found[0].path
            let configs = Set(found.filter { $0.path == path }.map { claims[$0.index].config }).sorted()
            return "another config would write the same run directory, or one inside it: \(directory(path)) (also "
                + "written by \(configs.joined(separator: ", ")))"
        }

        // 1. Configs of this batch that claim one directory: the one named by its file keeps it, the others take
        //    their stems; two named by their files are a clash.
        let declared: [[String]?] = claims.map { $0.paths(as: $0.declared) }
        for i in claims.indices {
            let peers = others(i, declared)
            guard !peers.isEmpty else { continue }
            let keepers = peers.filter { claims[$0.index].namedByFile }
            if claims[i].namedByFile {
                if !keepers.isEmpty {
                    claims[i].refusal = clashText(keepers) + ", and each is named after its file; give one of them "
                        + "another `name:`"
                }
            } else {
                if let keeper = keepers.first.map({ claims[$0.index] }) {
                    claims[i].because = "\(keeper.config)'s runs are \(directory(keeper.base(keeper.declared)))"
                } else {
                    let names = Set(peers.map { claims[$0.index].config }).sorted()
                    claims[i].because = "\(names.joined(separator: ", ")) \(names.count == 1 ? "has" : "have") "
                        + "`name: \(claims[i].declared)` too"
                }
                claims[i].name = claims[i].stem
            }
        }

        // 2. Directories that hold another config's runs: a config named by its file takes back a copy's, and is
        //    refused where another config named by its file ran (unless --force); any other config takes its stem.
        for i in claims.indices where claims[i].refusal == nil && claims[i].name == claims[i].declared {
            let runPaths = Set(claims[i].runPaths(as: claims[i].declared))
            for (path, owner) in owners(claims[i], as: claims[i].declared, out: out) {
                if !claims[i].namedByFile {
                    claims[i].because = "\(directory(path)) holds the runs of \(owner)"
                    claims[i].name = claims[i].stem
                    break
                } else if ConfigLoader.stem(of: owner) == claims[i].declared {
                    if force { continue }
                    claims[i].refusal = "\(directory(path)) holds the runs of another config, \(owner), and each is "
                        + "named after its file; give this one another `name:`, or --force to replace them"
                    break
                } else if runPaths.contains(path) {
                    claims[i].takesBack[path] = owner
                }
            }
        }

        // 3. A stem is a name like any other: taken by another config of the batch, or by another config's runs on
        //    disk, it is a clash (the other config asked for that name; this one did not).
        let current: [[String]?] = claims.map { $0.refusal == nil ? $0.paths(as: $0.name) : nil }
        for i in claims.indices where claims[i].refusal == nil && claims[i].name != claims[i].declared {
            let claim = claims[i]
            let fallback = "it would run as \(claim.stem) (its file name), not \(claim.declared), since "
                + "\(claim.because ?? ""), but "
            if !ExperimentSpec.isValidRunName(claim.stem) {
                claims[i].refusal = fallback + "'\(claim.stem)' cannot be a run name; give it another `name:`, or "
                    + "rename the file"
                continue
            }
            let rivals = others(i, current)
            if !rivals.isEmpty {
                claims[i].refusal = fallback + clashText(rivals) + "; give it another `name:`"
            } else if !force, let (path, owner) = owners(claim, as: claim.stem, out: out).first {
                claims[i].refusal = fallback + "\(directory(path)) holds the runs of another config, \(owner); give "
                    + "this one another `name:`, or --force to replace them"
            }
        }
        return claims
    }

    /// The directories `claim` would write under `name` (relative to `out`) that hold the run of another config
    /// file that still exists, with that file (absolute), in path order: its runs' directories, its run's or
    /// sweep's folder, and the runs already in that folder (a sweep's other variants).
    static func owners(_ claim: Claim, as name: String, out: String) -> [(path: String, owner: String)] {
        func directory(_ path: String) -> String { (out as NSString).appendingPathComponent(path) }
        let base = claim.base(name)
        var paths = claim.paths(as: name)
        if !FileManager.default.fileExists(atPath: (directory(base) as NSString).appendingPathComponent("run.json")) {
            let children = (try? FileManager.default.contentsOfDirectory(atPath: directory(base))) ?? []
            paths += children.filter { !$0.hasPrefix(".") }.sorted().map { "\(base)/\($0)" }
        }
        var seen = Set<String>()
        return paths.compactMap { path in
            guard seen.insert(path).inserted, let record = try? RunRecord.read(directory: directory(path)),
                  let owner = record.otherConfig(than: claim.config, out: out) else { return nil }
            return (path, owner)
        }
    }
}
