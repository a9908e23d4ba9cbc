/// A map from byte strings to byte strings kept in one arena, for state that grows with the distinct
/// names of an export (a quarter of a million customers): each entry costs its bytes, an 8-byte place and
/// one or two 8-byte slots, where a `Dictionary` of `String`s costs several heap objects an entry. The arena
/// grows in fixed chunks, so no growth copies what is already there; the slots double when three quarters full.
/// A table made `spillingBeyond` a size keeps only its newest chunks in memory: older ones go to a
/// `ScratchFile` and their entries are read back from it when asked for (the places and slots stay in memory).
/// Lookups compare the whole key: a shared hash never confuses two keys. Deterministic, not thread-safe.
/// Inlinable, so that the other stages' calls are specialized for their key types (a module boundary would
/// otherwise leave them generic: 5% more instructions at 10,000 invoices).
public struct PackedTable {
    /// Bytes of a chunk; an entry longer than this gets a chunk of its own.
    @usableFromInline let chunkSize: Int
    /// The arena; a chunk written to the scratch file is left empty here.
    @usableFromInline var chunks: [[UInt8]] = []
    /// Where each entry starts: its chunk (high 32 bits) and its offset in the chunk (low 32 bits).
    @usableFromInline var places: [UInt64] = []
    /// Open addressing: 0 empty, else the entry's index + 1 in the low 32 bits and its key's hash's high 32 bits
    /// above, which also choose the slot, so that growing never reads an entry.
    @usableFromInline var slots: [UInt64] = Array(repeating: 0, count: 16)
    /// Where older chunks go; nil for a table kept whole in memory.
    @usableFromInline var spill: Spill?

    /// The chunks of a spilling table that are in its scratch file.
    @usableFromInline struct Spill {
        /// Bytes of chunks kept in memory before the oldest goes to the file.
        @usableFromInline let residentBytes: Int
        /// Made when the first chunk goes (nil before); a table whose first chunk cannot go has no `Spill`.
        @usableFromInline var file: ScratchFile?
        /// Chunks below this index are in the file, chunk `i` at `offsets[i]`.
        @usableFromInline var offsets: [Int64] = []
    }

    /// A table kept in memory, in chunks of `chunkSize` bytes.
    public init(chunkSize: Int = 1 << 16) {
        self.chunkSize = chunkSize
    }

    /// A table that keeps about `residentBytes` of its newest entries in memory and the older ones in a scratch
    /// file (made when first needed); kept whole in memory when no scratch file can be made or written.
    public init(spillingBeyond residentBytes: Int, chunkSize: Int = 1 << 16) {
        self.chunkSize = chunkSize
        spill = Spill(residentBytes: residentBytes)
    }

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
        insert(index: places.count - 1, tag: hash >> 32)
        if places.count * 4 > slots.count * 3 { grow() }
    }

    // MARK: Entries

    /// An entry's bytes: its key's length and its value's length (`VarInt`), the key, the value.
    @inlinable mutating func append(_ key: some Collection<UInt8>, _ value: some Collection<UInt8>) -> UInt64 {
        let size = 20 + key.count + value.count
        if chunks.isEmpty || chunks[chunks.count - 1].count + size > chunkSize {
            if spill != nil { spillOldChunks() }
            chunks.append([])
            chunks[chunks.count - 1].reserveCapacity(max(chunkSize, size))
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
        // A chunk in memory holds at least one entry; an empty one is in the scratch file.
        if chunk.isEmpty, let spill, let file = spill.file {
            return Self.spilledEntry(in: file, at: spill.offsets[Int(place >> 32)] + Int64(place & 0xFFFF_FFFF))
        }
        var position = Int(place & 0xFFFF_FFFF)
        // The lengths were written by `append`, in the same chunk: they are there whole.
        let keyLength = VarInt.read(chunk, at: &position, end: chunk.endIndex) ?? 0
        let valueLength = VarInt.read(chunk, at: &position, end: chunk.endIndex) ?? 0
        let keyEnd = position + keyLength
        return (chunk[position..<keyEnd], chunk[keyEnd..<(keyEnd + valueLength)])
    }

    /// Writes the oldest chunks kept in memory to the scratch file while they hold more than its resident bytes
    /// (the newest, being filled, always stays). A chunk that cannot be written stays in memory, and so do the
    /// later ones: the table then grows in memory, as one without a scratch file does.
    @usableFromInline mutating func spillOldChunks() {
        guard var spill else { return }
        var resident = chunks[spill.offsets.count...].reduce(0) { $0 + $1.count }
        while resident > spill.residentBytes, spill.offsets.count < chunks.count {
            if spill.file == nil { spill.file = try? ScratchFile() }
            let oldest = spill.offsets.count
            guard let file = spill.file, let offset = try? file.append(chunks[oldest]) else {
                // In memory from here on; the chunks already in the file stay readable there.
                self.spill = spill.offsets.isEmpty ? nil : Spill(residentBytes: .max, file: spill.file, offsets: spill.offsets)
                return
            }
            spill.offsets.append(offset)
            resident -= chunks[oldest].count
            chunks[oldest] = []
        }
        self.spill = spill
    }

    /// The entry at `offset` of the scratch file: one read for most entries, a second for a long one.
    @usableFromInline static func spilledEntry(in file: ScratchFile, at offset: Int64) -> (key: ArraySlice<UInt8>, value: ArraySlice<UInt8>) {
        do throws(SystemCalls.Failure) {
            var bytes = try file.read(256, at: offset)
            var position = 0
            guard let keyLength = VarInt.read(bytes, at: &position, end: bytes.endIndex),
                  let valueLength = VarInt.read(bytes, at: &position, end: bytes.endIndex) else { throw SystemCalls.shortRead }
            let end = position + keyLength + valueLength
            if end > bytes.count { bytes += try file.read(end - bytes.count, at: offset + Int64(bytes.count)) }
            guard end <= bytes.count else { throw SystemCalls.shortRead }
            return (bytes[position..<(position + keyLength)], bytes[(position + keyLength)..<end])
        } catch {
            // The file is the process's own and was written whole: a read that fails is a failing disk.
            fatalError("rac2qb: its scratch file in the temporary folder could not be read back (errno \(error.errno)); nothing was published")
        }
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
        let tag = hash >> 32
        var slot = Int(truncatingIfNeeded: tag) & mask
        while slots[slot] != 0 {
            if slots[slot] >> 32 == tag, entry(Int(slots[slot] & 0xFFFF_FFFF) - 1).key.elementsEqual(key) { return slot }
            slot = (slot + 1) & mask
        }
        return slot
    }

    @inlinable mutating func insert(index: Int, tag: UInt64) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: tag) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = tag << 32 | UInt64(index + 1)
    }

    /// Doubles the slots, placing each entry again by the hash bits its slot holds: no entry is read.
    @usableFromInline mutating func grow() {
        let old = slots
        slots = Array(repeating: 0, count: slots.count * 2)
        for slot in old where slot != 0 { insert(index: Int(slot & 0xFFFF_FFFF) - 1, tag: slot >> 32) }
    }
}
