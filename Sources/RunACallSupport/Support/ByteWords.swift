/// Byte scans eight bytes at a time: each 64-bit word of text is tested for the bytes a scanner stops at by the
/// zero-byte test (`(x - 0x01…) & ~x & 0x80…` on the word with the byte compared away), whose lowest flagged byte is
/// always a true match (a byte above a match may be flagged wrongly, so only the first is taken). Inlinable, so that
/// the readers' loops are compiled with it.
public enum ByteWords {
    @usableFromInline static let ones: UInt64 = 0x0101_0101_0101_0101
    @usableFromInline static let highs: UInt64 = 0x8080_8080_8080_8080

    /// The first quote or backslash (or, with `controls`, byte under 0x20) at or after `position` in `bytes`, when
    /// one is in a whole word; else the start of the last part shorter than a word, left to the caller's byte loop.
    /// `pastASCII`: whether a byte of 0x80 or more was passed.
    @inlinable public static func skipToQuoteOrBackslash(in bytes: UnsafeBufferPointer<UInt8>, from position: Int,
                                                        controls: Bool) -> (position: Int, pastASCII: Bool) {
        guard let base = bytes.baseAddress.map(UnsafeRawPointer.init) else { return (position, false) }
        var position = position
        var passed: UInt64 = 0
        while position + 8 <= bytes.count {
            let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: position, as: UInt64.self))
            var flagged = matches(UInt8(ascii: "\""), in: word) | matches(UInt8(ascii: "\\"), in: word)
            if controls { flagged |= (word &- ones &* 0x20) & ~word & highs }
            if flagged != 0 {
                let plain = flagged.trailingZeroBitCount / 8
                if plain > 0 { passed |= word & (~0 >> (64 - 8 * UInt64(plain))) }
                return (position + plain, passed & highs != 0)
            }
            passed |= word
            position += 8
        }
        return (position, passed & highs != 0)
    }

    /// Whether `bytes` are all ASCII without a NUL byte.
    @inlinable public static func isASCIIWithoutNUL(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        if let base = bytes.baseAddress.map(UnsafeRawPointer.init) {
            while index + 8 <= bytes.count {
                let word = base.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                if word & highs != 0 || matches(0, in: word) != 0 { return false }
                index += 8
            }
        }
        while index < bytes.count {
            if bytes[index] == 0 || bytes[index] >= 0x80 { return false }
            index += 1
        }
        return true
    }

    /// The high bit of each byte of `word` that equals `byte` (the lowest one set is a true match).
    @inlinable static func matches(_ byte: UInt8, in word: UInt64) -> UInt64 {
        let compared = word ^ (ones &* UInt64(byte))
        return (compared &- ones) & ~compared & highs
    }
}
