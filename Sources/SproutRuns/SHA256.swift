import Crypto
import Foundation

/// SHA-256 for run fingerprints: a change to a config or a data file must change the fingerprint, and a 256-bit
/// cryptographic hash makes an accidental collision out of the question. The digest is swift-crypto's
/// (`Crypto.SHA256`: BoringSSL on Linux, CryptoKit on Apple systems), the maintained implementation, which uses the
/// processor's SHA instructions: a 52 MB CSV hashes in about 0.1 s, where the hand-written FIPS 180-4 code this
/// replaced took 1.2 s (release builds; every run of a sweep hashes its files). The price is build time: a first
/// build compiles BoringSSL (about 100 s more in debug, 160 s in release, on 2 cores). Streaming: `update` any
/// number of times, then `hexDigest`.
struct SHA256 {
    private var hash = Crypto.SHA256()

    mutating func update(_ data: Data) { hash.update(data: data) }

    mutating func update(_ bytes: [UInt8]) { bytes.withUnsafeBytes { hash.update(bufferPointer: $0) } }

    mutating func update(_ string: String) { update(Data(string.utf8)) }

    /// The digest as 64 lowercase hexadecimal digits.
    func hexDigest() -> String {
        hash.finalize().map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// The digest of a file's bytes, read 1 MiB at a time (a data file or a checkpoint may be large); nil when it
    /// cannot be read.
    static func hexDigest(ofFile path: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        var hash = SHA256()
        while true {
            let chunk: Data?
            do { chunk = try handle.read(upToCount: 1 << 20) } catch { return nil }
            // Nil or empty: the end of the file.
            guard let chunk, !chunk.isEmpty else { return hash.hexDigest() }
            hash.update(chunk)
        }
    }
}
