/// The IDs an entity's files hold more than once, found by a quick id-only pass (`nextID(exactWhen:)`) that
/// keeps 8 bytes an ID (a 64-bit `StableHash` of it) instead of the ID: only when two IDs share a hash
/// are the files read again, keeping just the IDs of those hashes, each read exactly (the record parsed in
/// full where the quick read is unsure), to tell a duplicate from two IDs that collide, or from an id the
/// quick pass read in a record that does not read.
enum DuplicateIDs {
    /// The duplicated IDs and how many records the files hold; `open` gives a fresh stream over them,
    /// `tick` is called once a record of the first pass; `hash` is `StableHash.value` but in tests.
    static func find(_ open: () throws -> RawRecordStream?, hash: (String) -> UInt64 = StableHash.value,
                     tick: () -> Void) throws -> (ids: Set<String>, records: Int) {
        guard let stream = try open() else { return ([], 0) }
        var seen = Set<UInt64>()
        var shared = Set<UInt64>()
        var records = 0
        while let id = try stream.nextID(exactWhen: { _ in false }) {
            tick()
            records += 1
            guard let id else { continue }
            let value = hash(id)
            if !seen.insert(value).inserted { shared.insert(value) }
        }
        guard !shared.isEmpty, let again = try open() else { return ([], records) }
        seen = []
        var candidates = Set<String>()
        var duplicates = Set<String>()
        while let id = try again.nextID(exactWhen: { shared.contains(hash($0)) }) {
            guard let id, shared.contains(hash(id)) else { continue }
            if !candidates.insert(id).inserted { duplicates.insert(id) }
        }
        return (duplicates, records)
    }
}
