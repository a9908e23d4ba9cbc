import Foundation
import Testing
@testable import RunACallQuickBooks
@testable import RunACallSupport
@testable import RunACallRead
@testable import RunACallDecide

/// `CustomerDecider` and `ItemDecider` on small values, one test per rule (beside `EntryDeciderTests`): a QuickBooks
/// list entry, what Run a Call is known to have of it and the settings in; the decision out. No file, no ledger.
@Suite struct ListDeciderRulesTests {
    static func customer(_ name: String = "Ann Lee", email: String? = "ann@example.com") -> QuickBooksListEntry {
        EntryDeciderTests.entry(name, email: email)
    }

    static func item(_ name: String = "Tune-up", type: String? = "Service", price: String? = nil, account: String? = nil) -> QuickBooksListEntry {
        var entry = QuickBooksListEntry(list: .item, name: name, location: .line(4, in: "items.iif"))
        entry.type = type
        entry.price = price
        entry.incomeAccount = account
        entry.listID = "80000001-1"
        return entry
    }

    static let on = FromQuickBooksRun.bothOn
    static let off = "version: 1\n"

    static func settings(_ text: String) throws -> FromQuickBooksSettings { try EntryDeciderTests.settings(text) }

    // MARK: What no entry escapes

    @Test func anEntryWithFieldsThatCouldNotBeReadFailsWithItsListsCode() throws {
        var customer = Self.customer()
        customer.problems = ["EMAIL is not text"]
        let failed = CustomerDecider.decide(customer, facts: EntryFacts(), settings: try Self.settings(Self.on))
        #expect(failed.status == .failed && failed.error == .unreadableCustomer)
        #expect(failed.message == "Unreadable customer: lists.iif:3: EMAIL is not text")
        var item = Self.item()
        item.problems = ["PRICE is not text"]
        #expect(ItemDecider.decide(item, facts: EntryFacts(), settings: try Self.settings(Self.on)).error == .unreadableItem)
    }

    @Test func anEntryWithoutANameIsNeverSent() throws {
        let decision = CustomerDecider.decide(Self.customer("  "), facts: EntryFacts(), settings: try Self.settings(Self.on))
        #expect(decision.status == .skipped && decision.message == "No name: a QuickBooks customer without a name is never sent")
        #expect(ItemDecider.decide(Self.item(" "), facts: EntryFacts(), settings: try Self.settings(Self.on)).message
            == "No name: a QuickBooks item without a name is never sent")
    }

    @Test func anInactiveEntryIsNeverSent() throws {
        var customer = Self.customer()
        customer.isActive = false
        let decision = CustomerDecider.decide(customer, facts: EntryFacts(), settings: try Self.settings(Self.on))
        #expect(decision.status == .skipped && decision.message == "Inactive in QuickBooks: never sent" && decision.newCustomer == nil)
    }

    @Test func anEntryMetEarlierInTheRunIsDecidedOnce() throws {
        var facts = EntryFacts()
        facts.earlierInRun = "line 2 of lists.iif"
        let decision = ItemDecider.decide(Self.item(), facts: facts, settings: try Self.settings(Self.on))
        #expect(decision.status == .skipped && decision.message == "Same QuickBooks item as line 2 of lists.iif: already decided in this run")
        #expect(decision.newItem == nil)
    }

    // MARK: Customers

    @Test func aJobOrSubCustomerIsNeverSentAsACustomer() throws {
        var job = Self.customer("Ann Lee:Kitchen")
        job.parent = "Ann Lee"
        let decision = CustomerDecider.decide(job, facts: EntryFacts(), settings: try Self.settings(Self.on))
        #expect(decision.status == .skipped && decision.newCustomer == nil)
        #expect(decision.message.hasPrefix(#"Job or sub-customer of "Ann Lee": never sent as a customer of its own"#))
    }

    @Test func aCustomerTheExportHoldsIsSeenNotSent() throws {
        var facts = EntryFacts()
        facts.exportCustomer = Customer(id: "c7", name: "Ann Lee", email: "ann@example.com")
        let decision = CustomerDecider.decide(Self.customer(), facts: facts, settings: try Self.settings(Self.on))
        #expect(decision.status == .skipped && decision.message == "Run a Call has it: the export's customer c7 (same name and email)")
        #expect(decision.newCustomer == nil && decision.sighting?.action == .seen && decision.sighting?.sourceID == "c7")
        #expect(decision.runACallRecord?.targets == "")
    }

    @Test func aNewCustomerIsHeldBackWhileCustomersFromQuickBooksIsOff() throws {
        let decision = CustomerDecider.decide(Self.customer(), facts: EntryFacts(), settings: try Self.settings(Self.off))
        #expect(decision.status == .skipped && decision.newCustomer == nil && decision.sighting == nil)
        #expect(decision.message.hasPrefix("Not sent: customers.from_quickbooks is off"))
    }

    @Test func aNewCustomerIsSentWhenCustomersFromQuickBooksIsOn() throws {
        let decision = CustomerDecider.decide(Self.customer(), facts: EntryFacts(), settings: try Self.settings(Self.on))
        #expect(decision.status == .success && decision.message == "Sent to Run a Call as a new customer")
        #expect(decision.newCustomer?.name == "Ann Lee" && decision.newCustomer?.email == "ann@example.com" && decision.newCustomer?.id == nil)
        #expect(decision.sighting?.action == .sent)
        #expect(decision.targets.map(\.fileKey) == [RunACallFiles.customersTarget.fileKey])
    }

    @Test func aCustomerSentEarlierAndUnchangedIsNotSentAgain() throws {
        var facts = EntryFacts()
        facts.sighting = QuickBooksSighting(entity: .customer, listKey: "ann lee", quickBooksName: "Ann Lee", action: .sent,
                                            fields: "id: \nname: Ann Lee\nemail: ann@example.com\nquickbooks name: Ann Lee", batch: 2)
        let decision = CustomerDecider.decide(Self.customer(), facts: facts, settings: try Self.settings(Self.on))
        #expect(decision.status == .skipped && decision.message == "Already sent in batch 2")
        #expect(decision.sighting == nil, "the sighting already in the ledger is not recorded again")
    }

    @Test func aCustomerConvertExportedAndUnchangedIsSeen() throws {
        var facts = EntryFacts()
        facts.exported = EntryDeciderTests.exported("Ann Lee", name: "Ann Lee", email: "ann@example.com")
        let decision = CustomerDecider.decide(Self.customer(), facts: facts, settings: try Self.settings(Self.on))
        #expect(decision.status == .skipped && decision.message == "Run a Call has it as customer c1: unchanged in QuickBooks since batch 1")
    }

    @Test func aFieldChangedOnBothSidesIsAConflict() throws {
        var facts = EntryFacts()
        facts.exported = EntryDeciderTests.exported("Ann Lee", name: "Ann Lee", email: "ann@example.com")
        facts.exportCustomer = Customer(id: "c1", name: "Ann Lee", email: "ann@runacall.example")
        let decision = CustomerDecider.decide(Self.customer(email: "ann@quickbooks.example"), facts: facts, settings: try Self.settings(Self.on))
        #expect(decision.status == .failed && decision.error == .conflict && decision.updates.isEmpty)
        #expect(decision.message == #"Conflict: customer "Ann Lee" changed in both QuickBooks and Run a Call since batch 1: email: QuickBooks "ann@quickbooks.example", Run a Call "ann@runacall.example" (both were "ann@example.com")"#)
    }

    // MARK: Items

    @Test func quickBooksItemTypesAreReadAsThePricebooksOrAsQuickBooksOwn() {
        #expect(ItemDecider.kind(of: nil) == .pricebook(.service))
        #expect(ItemDecider.kind(of: "Other Charge") == .pricebook(.service))
        #expect(ItemDecider.kind(of: "PART") == .pricebook(.material))
        #expect(ItemDecider.kind(of: "ItemInventoryAssembly") == .pricebook(.equipment))
        #expect(ItemDecider.kind(of: "COMPTAX") == .quickBooksOnly("a sales tax item"))
        #expect(ItemDecider.kind(of: "Discount") == .quickBooksOnly("a discount item"))
        for fixedAsset in ["Fixed Asset", "fixed asset", "FIXEDASSET", "ItemFixedAsset"] {
            #expect(ItemDecider.kind(of: fixedAsset) == .notSent("a fixed asset item"), "\(fixedAsset): spaces go before the type is matched")
        }
        #expect(ItemDecider.kind(of: "Category") == .notSent("a category, not an item"))
        #expect(ItemDecider.kind(of: "Widget") == .unknown)
    }

    @Test func quickBooksOwnItemsNeverReachThePricebook() throws {
        let decision = ItemDecider.decide(Self.item("Denver", type: "COMPTAX"), facts: EntryFacts(), settings: try Self.settings(Self.on))
        #expect(decision.status == .skipped && decision.message == "QuickBooks' own item (a sales tax item): never sent to the pricebook")
        #expect(decision.newItem == nil)
    }

    @Test func aTypeThePricebookHasNoPlaceForIsNotSent() throws {
        let decision = ItemDecider.decide(Self.item("Truck", type: "FixedAsset"), facts: EntryFacts(), settings: try Self.settings(Self.on))
        #expect(decision.status == .skipped && decision.message == "Not a pricebook item (a fixed asset item): never sent")
    }

    @Test func anUnknownItemTypeFails() throws {
        let decision = ItemDecider.decide(Self.item(type: "Widget"), facts: EntryFacts(), settings: try Self.settings(Self.on))
        #expect(decision.status == .failed && decision.error == .unreadableItem)
        #expect(decision.message.hasPrefix(#"Unreadable item: items.iif:4: Type is "Widget""#))
    }

    @Test func anItemAlreadySentOrSeenIsNotSentAgain() throws {
        var facts = EntryFacts()
        facts.sighting = QuickBooksSighting(entity: .item, listKey: "tune-up", quickBooksName: "Tune-up", action: .sent, fields: "", batch: 4)
        #expect(ItemDecider.decide(Self.item(), facts: facts, settings: try Self.settings(Self.on)).message == "Already sent in batch 4")
        facts.sighting?.action = .seen
        #expect(ItemDecider.decide(Self.item(), facts: facts, settings: try Self.settings(Self.on)).message == "Run a Call has it (seen in batch 4)")
    }

    @Test func anItemConvertExportedOrTheExportHoldsIsNotSent() throws {
        var exported = EntryFacts()
        exported.exported = LedgerEntry(entity: .item, sourceID: "tune-up-1", hash: "", fields: "", customer: "Tune-up", targets: "", batch: 3)
        #expect(ItemDecider.decide(Self.item(), facts: exported, settings: try Self.settings(Self.on)).message
            == #"Run a Call has it: pricebook item "tune-up-1" (batch 3 exported it as "Tune-up")"#)
        var inExport = EntryFacts()
        inExport.exportItem = PricebookItem(id: "i1", name: "Tune-up", description: nil, category: nil, type: .service, unitPrice: nil,
                                            taxable: nil, active: true)
        #expect(ItemDecider.decide(Self.item(), facts: inExport, settings: try Self.settings(Self.on)).message
            == #"Run a Call has it: the export's pricebook item "Tune-up""#)
    }

    @Test func aNewItemIsHeldBackWhileItemsFromQuickBooksIsOff() throws {
        let decision = ItemDecider.decide(Self.item(), facts: EntryFacts(), settings: try Self.settings(Self.off))
        #expect(decision.status == .skipped && decision.newItem == nil && decision.message.hasPrefix("Not sent: items.from_quickbooks is off"))
    }

    @Test func aNewItemIsSentWithItsTypePriceAndTheCategoryItsAccountMapsTo() throws {
        let decision = ItemDecider.decide(Self.item("Heat pump", type: "Inventory", price: "1,392.00", account: "equipment sales"),
                                          facts: EntryFacts(), settings: try Self.settings(Self.on))
        #expect(decision.status == .success && decision.message == "Sent to the Run a Call pricebook as a new equipment item")
        #expect(decision.newItem?.type == .equipment && decision.newItem?.unitPrice == ExactDecimal(cents: 139_200))
        #expect(decision.newItem?.category == "Equipment installs")
        #expect(decision.sighting?.action == .sent && decision.runACallRecord?.sourceID == "Heat pump")
        let unmapped = ItemDecider.decide(Self.item(account: "Other income"), facts: EntryFacts(), settings: try Self.settings(Self.on))
        #expect(unmapped.newItem?.category == "Other income" && unmapped.newItem?.type == .service && unmapped.newItem?.unitPrice == nil)
    }

    @Test func aPercentagePriceLeavesTheUnitPriceEmptyWithAWarning() throws {
        let decision = ItemDecider.decide(Self.item(type: "Other Charge", price: "10.0%"), facts: EntryFacts(), settings: try Self.settings(Self.on))
        #expect(decision.status == .success && decision.newItem?.unitPrice == nil)
        #expect(decision.warning == "QuickBooks prices it as 10.0% of the lines above it; unit_price is left empty: set a price in Run a Call")
    }

    @Test func aPriceThatIsNotANumberFails() throws {
        let decision = ItemDecider.decide(Self.item(price: "ten"), facts: EntryFacts(), settings: try Self.settings(Self.on))
        #expect(decision.status == .failed && decision.error == .unreadableItem && decision.newItem == nil)
        #expect(decision.message.hasPrefix(#"Unreadable item: items.iif:4: price is "ten""#))
    }
}
