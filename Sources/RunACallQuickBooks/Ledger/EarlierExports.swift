/// Which records earlier batches exported, read from the ledger in one pass when a run starts, as sorted 64-bit
/// hashes (8 bytes a record, never its id's text): a record whose hash is not there was never exported, so the run
/// asks the ledger nothing of it; one whose hash is there (or collides with one) is looked up in the ledger as before.
/// The hashes cover every export of every batch, a superset of the standing ones (committed, not refused) the
/// look-ups count; the run's own batch adds none a look-up could find, as it stays pending until the run publishes.
struct EarlierExports {
    /// `key(entity, source id)` of every export.
    private let records: [UInt64]
    /// `key("invoice", invoice id)` of the invoice of every payment and refund export.
    private let paidInvoices: [UInt64]

    init(_ ledger: Ledger) throws {
        records = try ledger.exportKeys().sorted()
        paidInvoices = try ledger.paidInvoiceKeys().sorted()
    }

    /// Whether an earlier batch may have exported the record (false: none did).
    func mayHold(_ entity: EntityType, _ sourceID: String) -> Bool {
        Self.contains(records, Self.key(entity.rawValue.utf8, sourceID.utf8))
    }

    /// Whether an earlier batch may have exported a payment or refund of the invoice (false: none did).
    func mayHavePayments(toInvoice invoiceID: String) -> Bool {
        Self.contains(paidInvoices, Self.key(EntityType.invoice.rawValue.utf8, invoiceID.utf8))
    }

    /// The hash of an entity and a source id as UTF-8, the id up to a NUL byte: where the ledger's text stops,
    /// as it binds every text as a C string.
    static func key(_ entity: some Collection<UInt8>, _ sourceID: some Collection<UInt8>) -> UInt64 {
        var hash = StableHash()
        hash.add(entity)
        hash.add(CollectionOfOne(0))
        hash.add(sourceID.prefix { $0 != 0 })
        return hash.value
    }

    /// Binary search of a sorted array.
    private static func contains(_ sorted: [UInt64], _ key: UInt64) -> Bool {
        var low = 0
        var high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] < key { low = middle + 1 } else { high = middle }
        }
        return low < sorted.count && sorted[low] == key
    }
}
