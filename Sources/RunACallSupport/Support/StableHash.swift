/// A hash that is the same on every run and machine (FNV-1a, 64 bits), for
/// deterministic identifiers and change detection; never for security.
public struct StableHash {
    /// The hash of the bytes added so far.
    public var value: UInt64 { state }
    /// Stored for `add`, which other stages inline; only `add` changes it.
    @usableFromInline var state: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    /// Adds bytes to the hash.
    @inlinable public mutating func add<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        for byte in bytes {
            state ^= UInt64(byte)
            state = state &* 0x0000_0100_0000_01B3
        }
    }

    /// Adds a text's UTF-8 bytes, read from its storage in place: the hash `add(text.utf8)` gives, in a
    /// fraction of the instructions.
    @inlinable public mutating func add(_ text: String) {
        text.withUTF8Bytes { add($0) }
    }

    /// Sixteen hex digits.
    public var hex: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    public static func value(_ text: String) -> UInt64 {
        var hash = StableHash()
        hash.add(text)
        return hash.value
    }

    /// Eight hex digits.
    public static func hex(_ text: String) -> String {
        let digits = String(value(text) & 0xFFFF_FFFF, radix: 16)
        return String(repeating: "0", count: 8 - digits.count) + digits
    }
}
