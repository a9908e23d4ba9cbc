/// A hash that is the same on every run and machine (FNV-1a, 64 bits), for
/// deterministic identifiers; never for security.
enum StableHash {
    static func value(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// Eight hex digits.
    static func hex(_ text: String) -> String {
        let digits = String(value(text) & 0xFFFF_FFFF, radix: 16)
        return String(repeating: "0", count: 8 - digits.count) + digits
    }
}
