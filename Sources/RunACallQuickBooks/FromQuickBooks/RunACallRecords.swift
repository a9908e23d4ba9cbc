import Foundation

/// What Run a Call already has, for matching QuickBooks entries: the customers
/// and items the ledger records (`convert`'s exports and what `from-quickbooks`
/// runs sent or saw, by QuickBooks name, ListID and Run a Call id) and the
/// `--export`'s customers and items (customers by name + email, items by name).
final class RunACallRecords {
    private var exportedByListID: [String: LedgerEntry] = [:]
    private var exportedByName: [NameKey: LedgerEntry] = [:]
    private var exportedByID: [String: LedgerEntry] = [:]
    private var itemsByName: [NameKey: LedgerEntry] = [:]
    private var customersByKey: [CustomerDirectory.Key: Customer] = [:]
    private var customersByID: [String: Customer] = [:]
    private var pricebook: [NameKey: PricebookItem] = [:]
    /// Notes on export records that could not be read (they match nothing).
    private(set) var unreadable: [String] = []

    /// Reads the ledger's latest customer and item exports and the export's customers and items.
    init(ledger: Ledger?, export: ExportFiles?) throws {
        try ledger?.latestExports(of: .customer) { entry in
            if let listID = entry.listID { exportedByListID[listID] = entry }
            exportedByName[NameKey(entry.customer ?? entry.sourceID)] = entry
            if let id = CustomerBaseline.lines(entry.fields)["id"], !id.isEmpty { exportedByID[id] = entry }
        }
        try ledger?.latestExports(of: .item) { entry in
            itemsByName[NameKey(entry.customer ?? entry.sourceID)] = entry
            if itemsByName[NameKey(entry.sourceID)] == nil { itemsByName[NameKey(entry.sourceID)] = entry }
        }
        guard let export else { return }
        if let stream = try export.stream(.customers) {
            while let record = try stream.next() {
                do {
                    let customer = try RecordDecoder.customerRecord(record)
                    customersByKey[CustomerDirectory.Key(customer)] = customersByKey[CustomerDirectory.Key(customer)] ?? customer
                    if let id = customer.id { customersByID[id] = customer }
                } catch let problem as Problem {
                    unreadable.append("\(record.location): \(problem.message)")
                }
            }
        }
        if let stream = try export.stream(.items) {
            while let record = try stream.next() {
                do {
                    let item = try RecordDecoder.item(record)
                    pricebook[NameKey(item.name)] = pricebook[NameKey(item.name)] ?? item
                } catch let problem as Problem {
                    unreadable.append("\(record.location): \(problem.message)")
                }
            }
        }
    }

    /// What is known of a QuickBooks customer, given its latest sighting.
    func facts(forCustomer entry: QuickBooksListEntry, sighting: QuickBooksSighting?) -> EntryFacts {
        var facts = EntryFacts(sighting: sighting)
        facts.exported = entry.listID.flatMap { exportedByListID[$0] } ?? exportedByName[NameKey(entry.name)]
            ?? sighting?.sourceID.flatMap { exportedByID[$0] } ?? sighting.flatMap { exportedByName[NameKey($0.quickBooksName)] }
        let baseline = CustomerBaseline(exported: facts.exported, sighting: sighting)
        facts.exportCustomer = baseline?.runACallID.flatMap { customersByID[$0] }
            ?? customersByKey[CustomerDirectory.Key(name: entry.name, email: entry.email)]
            ?? baseline.flatMap { customersByKey[CustomerDirectory.Key(name: $0.values[.name] ?? $0.quickBooksName, email: $0.values[.email])] }
        return facts
    }

    /// What is known of a QuickBooks item, given its latest sighting.
    func facts(forItem entry: QuickBooksListEntry, sighting: QuickBooksSighting?) -> EntryFacts {
        var facts = EntryFacts(sighting: sighting)
        facts.exported = itemsByName[NameKey(entry.name)]
        facts.exportItem = pricebook[NameKey(entry.name)]
        return facts
    }
}
