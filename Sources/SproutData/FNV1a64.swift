/// FNV-1a, 64-bit (Fowler, Noll, Vo): `h = 0xcbf29ce484222325`, then for each byte `h = (h ^ byte) · 0x100000001b3`
/// (mod 2^64). The hash of data fingerprints (`DataFingerprint`) and of `RandomStream`'s keys.
///
/// Chosen over SHA-256 for fingerprints that decide whether a run is up to date, not for security: it is a few
/// lines with no dependency (Foundation on Linux has no SHA-256; swift-crypto would be a new package), it runs at
/// about a byte a nanosecond (a 47 MB MNIST file in well under a tenth of a second in release), and each step is a
/// bijection of the state for a given byte, so two inputs of one length that differ in a single byte always hash
/// differently; accidental collisions among a person's data files are about 2^-64 likely. It is not
/// collision-resistant against someone crafting files to collide, which an up-to-date check need not be.
public struct FNV1a64: Sendable {
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    public mutating func add(_ bytes: UnsafeBufferPointer<UInt8>) {
        var h = value
        for byte in bytes {
            h ^= UInt64(byte)
            h = h &* 0x0000_0100_0000_01b3
        }
        value = h
    }

    public mutating func add(_ bytes: [UInt8]) { bytes.withUnsafeBufferPointer { add($0) } }

    public mutating func add(_ text: String) { add(Array(text.utf8)) }

    /// The value as 16 lowercase hex digits.
    public var hex: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
