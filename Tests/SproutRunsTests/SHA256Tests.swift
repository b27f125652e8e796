import Foundation
import Testing
@testable import SproutRuns

/// The FIPS 180-4 example vectors (NIST's "SHA-256 examples" document) and the empty message, plus a message
/// longer than one block fed in pieces: the digest must not depend on how the bytes were split.
@Suite struct SHA256Tests {
    static func digest(_ text: String) -> String {
        var hash = SHA256()
        hash.update(text)
        return hash.hexDigest()
    }

    @Test func standardVectors() {
        #expect(Self.digest("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(Self.digest("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Self.digest("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func oneMillionAs() {
        var hash = SHA256()
        let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 1000)
        for _ in 0..<1000 { hash.update(chunk) }
        #expect(hash.hexDigest() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func splittingDoesNotMatter() {
        let text = String(repeating: "sprout fingerprint ", count: 20)
        var pieces = SHA256()
        for character in text { pieces.update(String(character)) }
        #expect(pieces.hexDigest() == Self.digest(text))
        #expect(Self.digest(text) != Self.digest(text + " "))
    }

    /// A file hashed in 1 MiB reads: NIST's one million 'a's (under a chunk), and 3 MiB + 7 bytes (four reads)
    /// against the same bytes hashed in one piece.
    @Test func filesAreHashedInChunks() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sprout-sha-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(repeating: UInt8(ascii: "a"), count: 1_000_000).write(to: URL(fileURLWithPath: path))
        #expect(SHA256.hexDigest(ofFile: path) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        let bytes = Data((0..<(3 * 1024 * 1024 + 7)).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        try bytes.write(to: URL(fileURLWithPath: path))
        var whole = SHA256()
        whole.update(bytes)
        #expect(SHA256.hexDigest(ofFile: path) == whole.hexDigest())
        #expect(SHA256.hexDigest(ofFile: path + ".missing") == nil)
    }
}
