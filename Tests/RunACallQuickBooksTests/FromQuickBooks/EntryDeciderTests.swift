import Foundation
import Testing
@testable import RunACallQuickBooks
@testable import RunACallRead
@testable import RunACallDecide

/// The per-entry deciders alone: given an entry, what Run a Call is known to have
/// and the settings, the decision (no file, no ledger).
@Suite struct EntryDeciderTests {
    static func entry(_ name: String, email: String? = nil, billing: QuickBooksAddress? = nil) -> QuickBooksListEntry {
        var entry = QuickBooksListEntry(list: .customer, name: name, location: .line(3, in: "lists.iif"))
        entry.email = email
        entry.billing = billing
        return entry
    }

    /// `convert`'s ledger record of customer c1, created in QuickBooks as `quickBooksName`.
    static func exported(_ quickBooksName: String, name: String, email: String, address: String? = nil) -> LedgerEntry {
        let lines = ["id: c1", "name: \(name)", "email: \(email)"] + (address.map { ["billing address: \($0)"] } ?? [])
        return LedgerEntry(entity: .customer, sourceID: "c1", hash: "", fields: lines.joined(separator: "\n"), customer: quickBooksName,
                           targets: "iif/quickbooks.iif", batch: 1)
    }

    static func settings(_ text: String = FromQuickBooksRun.bothOn) throws -> FromQuickBooksSettings {
        FromQuickBooksSettings(try ConfigurationLoader.parse(text))
    }

    @Test func aNameRac2qbGaveIsNoChangeAndAnEmailChangeIsAnUpdate() throws {
        var facts = EntryFacts()
        facts.exported = Self.exported("Jane Smith (2)", name: "Jane Smith", email: "jane@b.example")
        let same = CustomerDecider.decide(Self.entry("Jane Smith (2)", email: "jane@b.example"), facts: facts, settings: try Self.settings())
        #expect(same.status == .skipped && same.updates.isEmpty && same.newCustomer == nil)
        #expect(same.sighting?.action == .seen, "the first sighting is remembered")
        let changed = CustomerDecider.decide(Self.entry("Jane Smith (2)", email: "jane@new.example"), facts: facts, settings: try Self.settings())
        #expect(changed.status == .success)
        #expect(changed.updates == [CustomerUpdate(id: "c1", quickBooksName: "Jane Smith (2)", field: "email", oldValue: "jane@b.example", newValue: "jane@new.example")])
        #expect(changed.runACallRecord?.fields == "id: c1\nname: Jane Smith\nemail: jane@new.example", "Run a Call's name stays; convert sees the new email as known")
        #expect(changed.runACallRecord?.customer == "Jane Smith (2)")
    }

    @Test func anAddressAsIIFWritesItIsNoChange() throws {
        var facts = EntryFacts()
        facts.exported = Self.exported("Ann Lee", name: "Ann Lee", email: "ann@example.com", address: "1 Main St |  | Denver | CO | 80202 | ")
        let iif = QuickBooksAddress(lines: ["1 Main St", "Denver, CO 80202"])
        #expect(CustomerDecider.decide(Self.entry("Ann Lee", email: "ann@example.com", billing: iif), facts: facts, settings: try Self.settings()).updates.isEmpty)
        let moved = QuickBooksAddress(lines: ["1 Main St", "Aurora, CO 80010"])
        let decision = CustomerDecider.decide(Self.entry("Ann Lee", email: "ann@example.com", billing: moved), facts: facts, settings: try Self.settings())
        #expect(decision.updates.map(\.field) == ["billing_city", "billing_postal_code"])
    }

    @Test func syncUpdatesOffHoldsTheChangeBackAndRecordsNothing() throws {
        var facts = EntryFacts()
        facts.exported = Self.exported("Ann Lee", name: "Ann Lee", email: "ann@example.com")
        let decision = CustomerDecider.decide(Self.entry("Ann Lee", email: "ann@new.example"), facts: facts,
                                              settings: try Self.settings("version: 1\ncustomers:\n  sync_updates: false\n"))
        #expect(decision.status == .skipped)
        #expect(decision.message == "Changed in QuickBooks since batch 1 (email: ann@example.com → ann@new.example), not sent: customers.sync_updates is off")
        #expect(decision.sighting == nil && decision.runACallRecord == nil, "turned on later, the change still flows")
    }

    @Test func aChangeRunACallAlreadyHoldsIsNotSentAgain() throws {
        var facts = EntryFacts()
        facts.exported = Self.exported("Ann Lee", name: "Ann Lee", email: "ann@example.com")
        facts.exportCustomer = Customer(id: "c1", name: "Ann Lee", email: "ann@new.example")
        let decision = CustomerDecider.decide(Self.entry("Ann Lee", email: "ann@new.example"), facts: facts, settings: try Self.settings())
        #expect(decision.status == .skipped && decision.updates.isEmpty)
        #expect(decision.message == "Run a Call already holds QuickBooks' changes since batch 1 (email: ann@example.com → ann@new.example)")
    }

    @Test func aChangedCustomerSentAsNewNeedsItsRunACallID() throws {
        var facts = EntryFacts()
        facts.sighting = QuickBooksSighting(entity: .customer, listKey: "dan brown", quickBooksName: "Dan Brown", action: .sent,
                                            fields: "id: \nname: Dan Brown\nemail: dan@example.com\nquickbooks name: Dan Brown", batch: 2)
        let decision = CustomerDecider.decide(Self.entry("Dan Brown", email: "dan@new.example"), facts: facts, settings: try Self.settings())
        #expect(decision.status == .failed)
        #expect(decision.fix.hasPrefix("Give --export with Run a Call's customers"))
    }

    @Test func windows1252ListsAreRead() throws {
        let url = try TestPaths.temporaryFolder().appendingPathComponent("cp1252.iif")
        try Data("!CUST\tNAME\tEMAIL\tHIDDEN\r\nCUST\tJos".utf8 + [0xE9] + Data("\tjose@example.com\tN\r\n".utf8)).write(to: url)
        var names: [String] = []
        try QuickBooksListFile.forEachEntry(url, label: "cp1252.iif") { names.append($0.name) }
        #expect(names == ["José"])
    }
}
