/// A map from byte strings to byte strings kept in one arena, for state that grows with the distinct
/// names of an export (a quarter of a million customers): each entry costs its bytes, an 8-byte place and
/// one or two 8-byte slots, where a `Dictionary` of `String`s costs several heap objects an entry. The arena
/// grows in fixed chunks, so no growth copies what is already there; the slots double when three quarters full.
/// Lookups compare the whole key: a shared hash never confuses two keys. Deterministic, not thread-safe.
/// Inlinable, so that the other stages' calls are specialized for their key types (a module boundary would
/// otherwise leave them generic: 5% more instructions at 10,000 invoices).
public struct PackedTable {
    /// Bytes of a chunk; an entry longer than this gets a chunk of its own.
    @usableFromInline static let chunkSize = 1 << 20
    @usableFromInline var chunks: [[UInt8]] = []
    /// Where each entry starts: its chunk (high 32 bits) and its offset in the chunk (low 32 bits).
    @usableFromInline var places: [UInt64] = []
    /// Open addressing: 0 empty, else the entry's index + 1 in the low 32 bits and its key's hash's high 32 bits above.
    @usableFromInline var slots: [UInt64] = Array(repeating: 0, count: 16)

    public init() {}

    /// How many keys the table holds.
    @inlinable public var count: Int { places.count }

    /// The value stored for `key`, nil when the table does not hold it.
    @inlinable public func value(for key: some Collection<UInt8>) -> ArraySlice<UInt8>? {
        let hash = Self.hash(key)
        let slot = find(key, hash: hash)
        guard slots[slot] != 0 else { return nil }
        return entry(Int(slots[slot] & 0xFFFF_FFFF) - 1).value
    }

    /// The place of `key` among the keys, from 0 in the order they were first stored; nil when the table does not hold it.
    @inlinable public func index(of key: some Collection<UInt8>) -> Int? {
        let slot = find(key, hash: Self.hash(key))
        return slots[slot] == 0 ? nil : Int(slots[slot] & 0xFFFF_FFFF) - 1
    }

    /// The place of `key` among the keys, storing it (with an empty value) when the table does not hold it yet.
    @inlinable public mutating func intern(_ key: some Collection<UInt8>) -> Int {
        if let index = index(of: key) { return index }
        set(key, value: EmptyCollection())
        return count - 1
    }

    /// The key at `index` (a place `index(of:)` or `intern` gave).
    @inlinable public func key(at index: Int) -> ArraySlice<UInt8> { entry(index).key }

    /// Whether the table holds `key`.
    @inlinable public func contains(_ key: some Collection<UInt8>) -> Bool { value(for: key) != nil }

    /// Stores `value` for `key`, in place of any value it had (the arena keeps the old bytes: a key's value rarely changes).
    @inlinable public mutating func set(_ key: some Collection<UInt8>, value: some Collection<UInt8>) {
        let hash = Self.hash(key)
        let slot = find(key, hash: hash)
        if slots[slot] != 0 {
            let index = Int(slots[slot] & 0xFFFF_FFFF) - 1
            if !entry(index).value.elementsEqual(value) { places[index] = append(key, value) }
            return
        }
        places.append(append(key, value))
        insert(index: places.count - 1, hash: hash)
        if places.count * 4 > slots.count * 3 { grow() }
    }

    // MARK: Entries

    /// An entry's bytes: its key's length and its value's length (`VarInt`), the key, the value.
    @inlinable mutating func append(_ key: some Collection<UInt8>, _ value: some Collection<UInt8>) -> UInt64 {
        let size = 20 + key.count + value.count
        if chunks.isEmpty || chunks[chunks.count - 1].count + size > Self.chunkSize {
            chunks.append([])
            chunks[chunks.count - 1].reserveCapacity(max(Self.chunkSize, size))
        }
        let chunk = chunks.count - 1
        let offset = chunks[chunk].count
        VarInt.append(key.count, to: &chunks[chunk])
        VarInt.append(value.count, to: &chunks[chunk])
        chunks[chunk].append(contentsOf: key)
        chunks[chunk].append(contentsOf: value)
        return UInt64(chunk) << 32 | UInt64(offset)
    }

    @inlinable func entry(_ index: Int) -> (key: ArraySlice<UInt8>, value: ArraySlice<UInt8>) {
        let place = places[index]
        let chunk = chunks[Int(place >> 32)]
        var position = Int(place & 0xFFFF_FFFF)
        // The lengths were written by `append`, in the same chunk: they are there whole.
        let keyLength = VarInt.read(chunk, at: &position, end: chunk.endIndex) ?? 0
        let valueLength = VarInt.read(chunk, at: &position, end: chunk.endIndex) ?? 0
        let keyEnd = position + keyLength
        return (chunk[position..<keyEnd], chunk[keyEnd..<(keyEnd + valueLength)])
    }

    // MARK: Slots

    @inlinable static func hash(_ key: some Collection<UInt8>) -> UInt64 {
        var hash = StableHash()
        hash.add(key)
        return hash.value
    }

    /// The slot holding `key`, or the empty slot where it would go.
    @inlinable func find(_ key: some Collection<UInt8>, hash: UInt64) -> Int {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 {
            if slots[slot] >> 32 == hash >> 32, entry(Int(slots[slot] & 0xFFFF_FFFF) - 1).key.elementsEqual(key) { return slot }
            slot = (slot + 1) & mask
        }
        return slot
    }

    @inlinable mutating func insert(index: Int, hash: UInt64) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = (hash >> 32) << 32 | UInt64(index + 1)
    }

    @usableFromInline mutating func grow() {
        slots = Array(repeating: 0, count: slots.count * 2)
        for index in places.indices { insert(index: index, hash: Self.hash(entry(index).key)) }
    }
}
