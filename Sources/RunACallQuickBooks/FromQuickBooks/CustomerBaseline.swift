/// The fields of a customer that flow from QuickBooks to Run a Call.
enum CustomerField: String, CaseIterable {
    case name, email, phone, company
    case billing = "billing address"
    case service = "service address"

    /// The line of a ledger's fields that holds QuickBooks' own writing of the field, when a `from-quickbooks` run saw it.
    var quickBooksLine: String { self == .name ? "quickbooks name" : "\(rawValue) in quickbooks" }

    /// The `customers.csv` column prefix of an address field.
    var columnPrefix: String { self == .billing ? "billing" : "service" }
}

/// What the ledger last recorded of a customer Run a Call and QuickBooks share:
/// Run a Call's values (what `convert` exported, or what a `from-quickbooks`
/// run sent or saw) and QuickBooks' writing of them, to tell what QuickBooks changed since.
struct CustomerBaseline: Equatable {
    var runACallID: String?
    var quickBooksName: String
    /// Run a Call's values, unescaped; a field absent was never recorded.
    var values: [CustomerField: String] = [:]
    /// QuickBooks' writing of a field (the name, an address's key), when a `from-quickbooks` run saw it.
    var quickBooksKeys: [CustomerField: String] = [:]
    /// The latest batch that recorded it, and whether that was a `from-quickbooks` run sending it as new.
    var batch: Int64
    var sent = false
    var listID: String?
    /// `convert`'s latest record of it, whose other lines carry over.
    var exported: LedgerEntry?

    /// The baseline of `convert`'s record and a `from-quickbooks` sighting, the later one's values winning; nil when neither exists.
    init?(exported: LedgerEntry?, sighting: QuickBooksSighting?) {
        guard exported != nil || sighting != nil else { return nil }
        quickBooksName = ""
        batch = 0
        self.exported = exported
        let fromExport = exported.map { Self.lines($0.fields) } ?? [:]
        let fromSighting = sighting.map { Self.lines($0.fields) } ?? [:]
        let sightingIsLater = (sighting?.batch ?? -1) >= (exported?.batch ?? -1)
        for field in CustomerField.allCases {
            let (first, second) = sightingIsLater ? (fromExport, fromSighting) : (fromSighting, fromExport)
            if let value = second[field.rawValue] ?? first[field.rawValue] { values[field] = value }
            if let key = fromSighting[field.quickBooksLine], sightingIsLater || fromExport[field.rawValue] == nil
                || fromExport[field.rawValue] == fromSighting[field.rawValue] {
                quickBooksKeys[field] = key
            }
        }
        if let exported, !sightingIsLater || sighting == nil {
            quickBooksName = exported.customer ?? exported.sourceID
            batch = exported.batch
        } else if let sighting {
            quickBooksName = sighting.quickBooksName
            batch = sighting.batch
            sent = sighting.action == .sent
        }
        let exportedID = fromExport["id"].flatMap { $0.isEmpty ? nil : $0 }
        runACallID = sighting?.sourceID ?? exportedID
        if sightingIsLater, let sighting, sighting.sourceID == nil { runACallID = exportedID }
        listID = sighting?.listID ?? exported?.listID
    }

    /// A ledger's `name: value` lines, unescaped.
    static func lines(_ text: String) -> [String: String] {
        SyncedFields.values(text).mapValues(SyncedFields.unescaped)
    }
}
