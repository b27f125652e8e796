/// run.json's `inputs`: `{"sprout_version": ..., "config": hash, "files": {path: hash, ...}, "log": hash}`. Parts an
/// older Sprout did not write read as empty.
extension RunFingerprint: Codable {
    enum CodingKeys: String, CodingKey {
        case version = "sprout_version", config, files, log
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        version = try c.decodeIfPresent(String.self, forKey: .version) ?? ""
        config = try c.decodeIfPresent(String.self, forKey: .config) ?? ""
        let files = try c.decodeIfPresent([String: String].self, forKey: .files) ?? [:]
        self.files = files.sorted { $0.key < $1.key }.map { (path: $0.key, hash: $0.value) }
        log = try c.decodeIfPresent(String.self, forKey: .log) ?? ""
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(version, forKey: .version)
        try c.encode(config, forKey: .config)
        try c.encode(Dictionary(files.map { ($0.path, $0.hash) }, uniquingKeysWith: { first, _ in first }), forKey: .files)
        try c.encode(log, forKey: .log)
    }
}
