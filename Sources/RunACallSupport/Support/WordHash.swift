/// A 64-bit hash of a byte stream taken eight bytes at a time (little-endian words, whatever the machine),
/// the same on every run and machine: a file's digest without `StableHash`'s one multiply per byte.
/// Not for security: it tells a changed file from the one written, nothing more.
public struct WordHash {
    private var value: UInt64 = 0x243F_6A88_85A3_08D3
    /// Bytes of a word not yet complete (fewer than eight), low byte first.
    private var pending: UInt64 = 0
    private var pendingCount = 0
    private var length: UInt64 = 0

    /// Adds bytes to the hash; the result does not depend on how the stream is cut into calls.
    public mutating func add(_ bytes: UnsafeRawBufferPointer) {
        var offset = 0
        length &+= UInt64(bytes.count)
        while pendingCount != 0, offset < bytes.count {
            pending |= UInt64(bytes[offset]) << (8 * UInt64(pendingCount))
            pendingCount += 1
            offset += 1
            if pendingCount == 8 {
                mix(pending)
                pending = 0
                pendingCount = 0
            }
        }
        while offset + 8 <= bytes.count {
            mix(UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
            offset += 8
        }
        while offset < bytes.count {
            pending |= UInt64(bytes[offset]) << (8 * UInt64(pendingCount))
            pendingCount += 1
            offset += 1
        }
    }

    /// The hash of everything added so far.
    public var finished: UInt64 {
        var copy = self
        if copy.pendingCount != 0 { copy.mix(copy.pending) }
        var hash = copy.value ^ copy.length
        hash ^= hash >> 33
        hash = hash &* 0xFF51_AFD7_ED55_8CCD
        hash ^= hash >> 33
        hash = hash &* 0xC4CE_B9FE_1A85_EC53
        hash ^= hash >> 33
        return hash
    }

    private mutating func mix(_ word: UInt64) {
        value = (value ^ word) &* 0x9E37_79B9_7F4A_7C15
        value ^= value >> 29
    }
}
