import Foundation

/// What Run a Call already has, for matching QuickBooks entries: the customers
/// and items the ledger records (`convert`'s exports and what `from-quickbooks`
/// runs sent or saw, by QuickBooks name, ListID and Run a Call id, looked up in
/// the ledger through its indexes) and the `--export`'s customers and items
/// (customers by name + email, items by name, held in memory).
final class RunACallRecords {
    private let ledger: Ledger?
    private var customersByKey: [CustomerDirectory.Key: Customer] = [:]
    private var customersByID: [String: Customer] = [:]
    private var pricebook: [NameKey: PricebookItem] = [:]
    /// The names customers wait to be renamed to in QuickBooks, read once: asking the ledger for
    /// each entry would read every customer export each time (a run's time growing with the square of its size).
    private var pendingNames: Set<String> = []
    /// Notes on export records that could not be read (they match nothing).
    private(set) var unreadable: [String] = []

    /// Reads the export's customers and items, and the ledger's pending renames; the ledger is asked entry by entry for the rest.
    init(ledger: Ledger?, export: ExportFiles?) throws {
        self.ledger = ledger
        pendingNames = try ledger?.pendingCustomerNames() ?? []
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

    /// Records that QuickBooks holds a customer under the name an IIF or CSV run told the user to rename it
    /// to, as `rac2qb confirm-rename` does (QuickBooks' own list shows the rename done): `(old, new)`, or nil
    /// when no customer waits for a rename to `entry`'s name.
    func confirmRename(shownBy entry: QuickBooksListEntry) throws -> (old: String, new: String)? {
        guard entry.list == .customer, pendingNames.contains(entry.name), let ledger,
              let waiting = try ledger.latestExport(of: .customer, pendingName: entry.name) else {
            return nil
        }
        pendingNames.remove(entry.name)
        return try ledger.confirmRename(waiting)
    }

    /// What is known of a QuickBooks customer, given its latest sighting.
    func facts(forCustomer entry: QuickBooksListEntry, sighting: QuickBooksSighting?) throws -> EntryFacts {
        var facts = EntryFacts(sighting: sighting)
        if let ledger {
            facts.exported = try entry.listID.flatMap { try ledger.latestExport(of: .customer, listID: $0) }
                ?? ledger.latestExport(of: .customer, quickBooksName: entry.name)
                ?? sighting?.sourceID.flatMap { try ledger.lastExport(of: .customer, $0) }
                ?? sighting.flatMap { try ledger.latestExport(of: .customer, quickBooksName: $0.quickBooksName) }
        }
        let baseline = CustomerBaseline(exported: facts.exported, sighting: sighting)
        facts.exportCustomer = baseline?.runACallID.flatMap { customersByID[$0] }
            ?? customersByKey[CustomerDirectory.Key(name: entry.name, email: entry.email)]
            ?? baseline.flatMap { customersByKey[CustomerDirectory.Key(name: $0.values[.name] ?? $0.quickBooksName, email: $0.values[.email])] }
        return facts
    }

    /// What is known of a QuickBooks item, given its latest sighting.
    func facts(forItem entry: QuickBooksListEntry, sighting: QuickBooksSighting?) throws -> EntryFacts {
        var facts = EntryFacts(sighting: sighting)
        facts.exported = try ledger.flatMap { try $0.latestExport(of: .item, quickBooksName: entry.name) ?? $0.lastExport(of: .item, entry.name) }
        facts.exportItem = pricebook[NameKey(entry.name)]
        return facts
    }
}
