import Foundation
import Testing
@testable import RunACallQuickBooks
@testable import RunACallRead
@testable import RunACallDecide

/// The list decider on small values, one test per rule: no file, no ledger, no writer.
@Suite struct ListDeciderTests {
    static func decider(_ config: String = "version: 1\n", books: BooksSnapshot = BooksSnapshot()) throws -> ListDecider {
        let configuration = try ConfigurationLoader.parse(config)
        let limits = NameLimits(formats: configuration.output.formats)
        let rules = BooksRules(books)
        return ListDecider(items: ItemCatalog(configuration: configuration, limits: limits, books: rules),
                           customers: CustomerDirectory(limits: limits, create: configuration.customers.createInQuickBooks, books: rules),
                           books: rules, formats: configuration.output.formats)
    }

    static func item(_ name: String = "Labor", active: Bool = true, description: String? = nil) -> PricebookItem {
        PricebookItem(id: nil, name: name, description: description, category: nil, type: .service, unitPrice: nil, taxable: nil, active: active)
    }

    static func customer(_ name: String = "Ann Lee", email: String? = "ann@example.com") -> Customer {
        Customer(id: nil, name: name, email: email, phone: nil, company: nil, billingAddress: nil, serviceAddress: nil, changedAt: nil)
    }

    static let row = ReportRow(timestamp: "", entityType: .item, sourceID: "", entity: "Item", status: .success, message: "", fix: "",
                               source: "items.json record #0", targets: [], isSourceRow: true)

    // MARK: Items

    @Test func aNewActiveItemIsCreated() throws {
        let decision = try Self.decider().decide(Self.item(), row: Self.row)
        #expect(decision.created?.name == "Labor" && decision.row.message == "Created" && decision.row.entity == "Item Labor")
    }

    @Test func aSecondItemOfTheSameNameIsSkipped() throws {
        let decider = try Self.decider()
        _ = decider.decide(Self.item(), row: Self.row)
        let second = decider.decide(Self.item(), row: Self.row)
        #expect(second.created == nil && second.row.message == "Same item name as an earlier pricebook item")
    }

    @Test func anInactiveItemIsSkipped() throws {
        let decision = try Self.decider().decide(Self.item(active: false), row: Self.row)
        #expect(decision.created == nil && decision.row.status == .skipped && decision.row.message == "Inactive in the pricebook")
    }

    @Test func itemCreationOffExpectsItInQuickBooks() throws {
        let decision = try Self.decider("items:\n  create_in_quickbooks: false\n").decide(Self.item(), row: Self.row)
        #expect(decision.created == nil && decision.row.message.hasPrefix("Item creation is off (items.create_in_quickbooks: false)"))
    }

    @Test func anItemTheBooksHoldIsNotCreatedAgain() throws {
        var books = BooksSnapshot()
        books.items = BookList()
        books.items?.add(BookEntry(name: "Labor", isActive: true))
        let decision = try Self.decider(books: books).decide(Self.item(), row: Self.row)
        #expect(decision.created == nil && decision.row.message == "Already in QuickBooks as \"Labor\" (books)")
    }

    @Test func anItemWhoseIncomeAccountIsInactiveFails() throws {
        var books = BooksSnapshot()
        books.accounts = BookList()
        books.accounts?.add(BookEntry(name: "Service revenue", isActive: false))
        let decision = try Self.decider(books: books).decide(Self.item(), row: Self.row)
        #expect(decision.created == nil && decision.row.status == .failed && decision.row.error == .accountInactive)
        #expect(decision.row.entity == "Item Labor")
    }

    @Test func aLongDescriptionIsCreatedWithAWarning() throws {
        let decision = try Self.decider().decide(Self.item(description: String(repeating: "x", count: 5_000)), row: Self.row)
        #expect(decision.created != nil && !decision.row.warning.isEmpty)
    }

    @Test func anItemTheBooksLackIsNotCreatedWhenCreationIsOffAndItsInvoicesFail() throws {
        var books = BooksSnapshot()
        books.items = BookList()
        let decision = try Self.decider("items:\n  create_in_quickbooks: false\n", books: books).decide(Self.item(), row: Self.row)
        #expect(decision.created == nil && decision.row.status == .skipped)
        #expect(decision.row.message == #"Not created: Item not found: "Labor" is not in the QuickBooks item list and items.create_in_quickbooks is off; invoices using it fail"#)
    }

    @Test func anItemInactiveInTheBooksIsNotCreated() throws {
        var books = BooksSnapshot()
        books.items = BookList()
        books.items?.add(BookEntry(name: "Labor", isActive: false))
        let decision = try Self.decider(books: books).decide(Self.item(), row: Self.row)
        #expect(decision.created == nil && decision.row.message == #"Not created: Item not found: "Labor" is marked inactive in QuickBooks; invoices using it fail"#)
    }

    @Test func anItemAnInvoiceOrAnEarlierBatchAlreadyPlacedIsNotCreatedAgain() throws {
        let decider = try Self.decider()
        decider.items.commit(decider.items.resolveSale(named: "Labor"), as: "Labor")
        let inRun = decider.decide(Self.item(), row: Self.row)
        #expect(inRun.created == nil && inRun.row.message == "Already in the run")
        let later = try Self.decider()
        later.items.remember(QBItem(name: "Labor", sourceID: nil, kind: .service, description: nil, account: "Service revenue", price: nil, taxable: false),
                             as: "Labor")
        #expect(later.decide(Self.item(), row: Self.row).row.message == "Already exported in an earlier batch")
    }

    @Test func anItemWhoseNameReadsAsAFormulaIsCreatedUnderASafeNameWithAWarning() throws {
        let decision = try Self.decider("output:\n  formats: [qbo-csv]\n").decide(Self.item("=Labor"), row: Self.row)
        #expect(decision.created?.name == "'=Labor")
        #expect(decision.row.warning == #"Created as "'=Labor" (a leading = would be evaluated as a formula by a spreadsheet)"#)
    }

    // MARK: Customers

    @Test func aNewCustomerIsCreated() throws {
        let (decision, change) = try Self.decider().decide(Self.customer(), row: Self.row)
        #expect(decision.created?.name == "Ann Lee" && decision.row.message == "Created" && change == nil)
    }

    @Test func theSameCustomerTwiceIsCreatedOnce() throws {
        let decider = try Self.decider()
        _ = decider.decide(Self.customer(), row: Self.row)
        let (second, _) = decider.decide(Self.customer(), row: Self.row)
        #expect(second.created == nil && second.row.message == "Same customer as an earlier record (name and email match): \"Ann Lee\"")
    }

    @Test func customerCreationOffExpectsThemInQuickBooks() throws {
        let (decision, _) = try Self.decider("customers:\n  create_in_quickbooks: false\n").decide(Self.customer(), row: Self.row)
        #expect(decision.created == nil && decision.row.message.hasPrefix("Customer creation is off"))
    }

    @Test func aCustomerTheBooksHoldIsNotCreatedAgain() throws {
        var books = BooksSnapshot()
        books.customers = BookList()
        books.customers?.add(BookEntry(name: "Ann Lee", isActive: true, email: "ann@example.com"))
        let (decision, _) = try Self.decider(books: books).decide(Self.customer(), row: Self.row)
        #expect(decision.created == nil && decision.row.message == "Already in QuickBooks as \"Ann Lee\" (books: same name and email)")
    }

    @Test func aNameTakenByAnotherCustomerIsCreatedUnderAnotherNameWithAWarning() throws {
        let decider = try Self.decider()
        _ = decider.decide(Self.customer(), row: Self.row)
        let (decision, _) = decider.decide(Self.customer(email: "other@example.com"), row: Self.row)
        #expect(decision.created != nil && decision.created?.name != "Ann Lee")
        #expect(decision.row.warning.hasPrefix("Created as \""))
    }

    @Test func aCustomerTheBooksLackIsCreatedAndSaysSo() throws {
        var books = BooksSnapshot()
        books.customers = BookList()
        let (decision, _) = try Self.decider(books: books).decide(Self.customer(), row: Self.row)
        #expect(decision.created?.name == "Ann Lee" && decision.row.message == "Customer not found in QuickBooks: created")
    }

    @Test func aCustomerTheBooksLackIsNotCreatedWhenCreationIsOff() throws {
        var books = BooksSnapshot()
        books.customers = BookList()
        let (decision, _) = try Self.decider("customers:\n  create_in_quickbooks: false\n", books: books).decide(Self.customer(), row: Self.row)
        #expect(decision.created == nil && decision.row.status == .skipped)
        #expect(decision.row.message == #"Not created: Customer not found: "Ann Lee" (ann@example.com) is not in the QuickBooks customer list and customers.create_in_quickbooks is off; invoices for this customer fail"#)
    }

    @Test func aCustomerInactiveInTheBooksIsNotCreated() throws {
        var books = BooksSnapshot()
        books.customers = BookList()
        books.customers?.add(BookEntry(name: "Ann Lee", isActive: false, email: "ann@example.com"))
        let (decision, _) = try Self.decider(books: books).decide(Self.customer(), row: Self.row)
        #expect(decision.created == nil && decision.row.message == #"Not created: Customer inactive: "Ann Lee" is marked inactive in QuickBooks; invoices for this customer fail"#)
    }

    @Test func aCustomerAnEarlierBatchCreatedIsNotCreatedAgain() throws {
        let decider = try Self.decider()
        decider.customers.remember(name: "Ann Lee", email: "ann@example.com", as: "Ann Lee (2)")
        let (decision, change) = decider.decide(Self.customer(), row: Self.row)
        #expect(decision.created == nil && change == nil)
        #expect(decision.row.message == #"Already exported in an earlier batch as "Ann Lee (2)""#)
    }

    @Test func aCustomerChangedSinceAnEarlierBatchIsHandedBackAsAChange() throws {
        let decider = try Self.decider()
        let old = SyncedFields(customer: Customer(id: "c1", name: "Ann Lee", email: "ann@old.example"))
        let earlier = LedgerEntry(entity: .customer, sourceID: "c1", hash: old.hash, fields: old.text, customer: "Ann Lee", targets: "", batch: 2)
        decider.customers.remember(earlier, id: "c1")
        let (decision, change) = decider.decide(Customer(id: "c1", name: "Ann Lee", email: "ann@example.com"), row: Self.row)
        #expect(decision.created == nil && decision.row.status == .success && decision.row.message == "")
        #expect(change?.entry.name == "Ann Lee" && change?.entry.email == "ann@example.com" && change?.earlier.batch == 2 && change?.update == false)
    }

    @Test func aCustomersContactFieldOverAFormatsLimitIsCutWithAWarning() throws {
        var customer = Self.customer()
        customer.phone = String(repeating: "5", count: 30)
        let (decision, _) = try Self.decider("output:\n  formats: [iif]\n").decide(customer, row: Self.row)
        #expect(decision.created?.phone?.count == 21 && decision.row.warning == "Phone cut to 21 characters (IIF limit)")
    }
}
