import SproutConfig

extension RunFingerprint {
    /// The files `spec` reads (data files, safetensors initializers) whose bytes are none of this fingerprint's
    /// files' now: changed since the run was fingerprinted, by absolute path, sorted. Compared by content, not by
    /// path, because a run's config.yaml names its files by absolute path while the fingerprint names them relative
    /// to the config's folder. A file that cannot be read counts as changed.
    package func changedFiles(of spec: ExperimentSpec) -> [String] {
        let recorded = Set(files.map(\.hash))
        return Self.referencedFiles(spec).filter { path in
            guard let digest = SHA256.hexDigest(ofFile: path) else { return true }
            return !recorded.contains(digest)
        }
    }
}
