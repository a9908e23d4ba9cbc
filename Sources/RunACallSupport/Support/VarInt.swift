/// A length written in as few bytes as it needs: seven bits a byte, low bits first, the high bit set on every
/// byte but the last. The run's packed state (`PackedTable`, `KnownCustomers`) and its report spool use it.
public enum VarInt {
    /// Appends `value` (0 or more).
    @inlinable public static func append(_ value: Int, to bytes: inout [UInt8]) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(rest & 0x7F) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    /// The value that starts at `position` in `bytes`, before `end`, and moves `position` past it; nil when the
    /// bytes end first (or hold more than 63 bits), `position` then left where it was.
    @inlinable public static func read<Bytes: Collection<UInt8>>(_ bytes: Bytes, at position: inout Bytes.Index, end: Bytes.Index) -> Int? {
        var value = 0, shift = 0
        var next = position
        while next < end, shift < 63 {
            let byte = bytes[next]
            bytes.formIndex(after: &next)
            value |= Int(byte & 0x7F) << shift
            if byte < 0x80 {
                position = next
                return value
            }
            shift += 7
        }
        return nil
    }
}
