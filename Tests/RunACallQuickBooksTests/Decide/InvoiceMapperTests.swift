import Foundation
import Testing
@testable import RunACallQuickBooks
@testable import RunACallSupport
@testable import RunACallRead
@testable import RunACallDecide
@testable import RunACallRender

/// The invoice mapper (the seed's invoice rules) on small values, one test per rule: an invoice in, its outcome
/// out (the posting, the skip reason or the error), with the list entries it adds. No file, no ledger, no writer.
@Suite struct InvoiceMapperTests {
    static func money(_ text: String) -> Money { Money(parsing: text)! }

    /// A mapper over a fresh list registry for `config` and `books`.
    static func mapper(_ config: String = "version: 1\n", books: BooksSnapshot = BooksSnapshot()) throws -> InvoiceMapper {
        let configuration = try ConfigurationLoader.parse(config)
        let limits = NameLimits(formats: configuration.output.formats)
        let rules = BooksRules(books)
        return InvoiceMapper(configuration: configuration, limits: limits,
                             customers: CustomerDirectory(limits: limits, create: configuration.customers.createInQuickBooks, books: rules),
                             items: ItemCatalog(configuration: configuration, limits: limits, books: rules), books: rules)
    }

    /// An invoice read from one JSON object (`InvoiceRulesTests.invoice`'s fields).
    static func invoice(id: String = "1", status: String = "sent", customer: String = "Ann Lee", email: String = "ann@example.com",
                        lines: String? = nil, tax: String = "[]", extra: String = "", total: String = "100.00") throws -> Invoice {
        let text = InvoiceRulesTests.invoice(id: id, status: status, customer: customer, email: email, lines: lines, tax: tax,
                                             extra: extra, total: total)
        let parser = JSONParser(reader: ByteReader(bytes: Array(text.utf8)))
        let record = RawRecord(location: .index(0, in: "invoices.json"), content: .success(RecordNode(try parser.parseValue())),
                               fromCSV: false, rowLines: [], id: id)
        return try RecordDecoder.invoice(record)
    }

    static func map(_ invoice: Invoice, _ config: String = "version: 1\n", books: BooksSnapshot = BooksSnapshot()) throws -> InvoiceMapping {
        try mapper(config, books: books).map(invoice)
    }

    static func posting(_ mapping: InvoiceMapping) -> QBInvoice? {
        if case .write(let posting) = mapping.outcome { return posting }
        return nil
    }

    static func problem(_ mapping: InvoiceMapping) -> Problem? {
        if case .fail(let problem) = mapping.outcome { return problem }
        return nil
    }

    static func skipReason(_ mapping: InvoiceMapping) -> String? {
        if case .skip(let reason) = mapping.outcome { return reason }
        return nil
    }

    /// A books list holding `entries`.
    static func list(_ entries: BookEntry...) -> BookList {
        var list = BookList()
        for entry in entries { list.add(entry) }
        return list
    }

    /// One taxable line of 100.00 at `rate`, and its tax line of `amount` at `percent`.
    static let taxedLine = #"[{"item": "Part", "quantity": "1", "unit_price": "100.00", "amount": "100.00", "taxable": true, "tax_rate": "Nowhere 5%"}]"#
    static let taxLine = #"[{"name": "Nowhere 5%", "rate_percent": 5, "taxable_amount": "100.00", "amount": "5.00"}]"#

    // MARK: Which invoices sync

    @Test func aPartiallyPaidInvoiceWaitsInOnPaymentMode() throws {
        let mapping = try Self.map(try Self.invoice(status: "partially_paid"), "invoices:\n  when: on_payment\n")
        #expect(Self.skipReason(mapping) == "Not paid yet (on payment mode)")
    }

    @Test func aVoidThatWasNeverPaidIsSkippedInOnPaymentModeAndAPaidOneIsWrittenAtZero() throws {
        let never = try Self.map(try Self.invoice(status: "void"), "invoices:\n  when: on_payment\n")
        #expect(Self.skipReason(never) == "Void: never paid (on payment mode)")
        let paid = try Self.map(try Self.invoice(status: "void", extra: #", "paid_at": "2026-10-02T10:00:00Z""#), "invoices:\n  when: on_payment\n")
        #expect(Self.posting(paid)?.isVoid == true && Self.posting(paid)?.total == .zero)
    }

    @Test func aPaidInvoiceIsWrittenInOnPaymentMode() throws {
        let mapping = try Self.map(try Self.invoice(status: "paid"), "invoices:\n  when: on_payment\n")
        #expect(Self.posting(mapping)?.total == Self.money("100.00"))
    }

    // MARK: Doc numbers

    @Test func aDocNumberHoldingASemicolonOrAQuoteIsNotAllowed() throws {
        for id in ["A;1", "A\\\"1", " 12"] {
            let mapping = try Self.map(try Self.invoice(id: id))
            #expect(Self.problem(mapping)?.code == .docNumberNotAllowed, "\(id)")
        }
    }

    @Test func aDocNumberOutsideLatin1IsNotAllowedForDesktopButIsForQuickBooksOnline() throws {
        #expect(Self.problem(try Self.map(try Self.invoice(id: "№12")))?.code == .docNumberNotAllowed)
        #expect(Self.posting(try Self.map(try Self.invoice(id: "№12"), "output:\n  formats: [qbo-csv]\n"))?.refNumber == "№12")
    }

    @Test func aDocNumberLongerThanDesktopHoldsFailsAndIsNeverCut() throws {
        let mapping = try Self.map(try Self.invoice(id: "INV-2026-0001"))
        #expect(Self.problem(mapping)?.code == .docNumberTooLong)
        #expect(Self.problem(mapping)?.message
            == #"Doc number too long: invoice ID "INV-2026-0001" has 13 characters; QuickBooks Desktop (IIF and qbXML) allows 11"#)
        #expect(Self.posting(try Self.map(try Self.invoice(id: "INV-2026-0001"), "output:\n  formats: [qbo-csv]\n"))?.refNumber == "INV-2026-0001")
        #expect(Self.problem(try Self.map(try Self.invoice(id: String(repeating: "9", count: 22)), "output:\n  formats: [qbo-csv]\n"))?.code
            == .docNumberTooLong)
    }

    @Test func numberingByQuickBooksLeavesTheDocNumberToQuickBooks() throws {
        let mapping = try Self.map(try Self.invoice(id: "INV-2026-0001;x"), "invoices:\n  numbering: quickbooks\n")
        #expect(Self.posting(mapping)?.refNumber == nil && Self.posting(mapping)?.sourceID == "INV-2026-0001;x")
    }

    @Test func aDocNumberReadingAsAFormulaIsGuardedOnlyInQuickBooksOnlineCSVWithAWarning() throws {
        let online = try Self.map(try Self.invoice(id: "@12"), "output:\n  formats: [qbo-csv]\n")
        #expect(Self.posting(online)?.refNumber == "@12", "the posting holds the number; QBO CSV's cell guard adds the apostrophe")
        #expect(CSVText.row(["@12"]) == "'@12\r\n")
        #expect(online.warnings == [#"QBO CSV: doc number "'@12" (a leading @ would be evaluated as a formula by a spreadsheet)"#])
        let all = try Self.map(try Self.invoice(id: "@12"))
        #expect(Self.posting(all)?.refNumber == "@12", "IIF and qbXML take it as it is")
        #expect(all.warnings.contains(#"QBO CSV: doc number "'@12" (a leading @ would be evaluated as a formula by a spreadsheet)"#))
        let desktop = try Self.map(try Self.invoice(id: "@12"), "output:\n  formats: [iif, qbxml]\n")
        #expect(Self.posting(desktop)?.refNumber == "@12" && desktop.warnings.isEmpty)
    }

    @Test func aDocNumberReadingAsAFormulaCountsItsGuardOnlyAgainstQuickBooksOnlinesLimit() throws {
        let eleven = try Self.map(try Self.invoice(id: "=2026-00001"))
        #expect(Self.posting(eleven)?.refNumber == "=2026-00001", "11 characters: QuickBooks Desktop holds it")
        let online = try Self.map(try Self.invoice(id: "=" + String(repeating: "9", count: 20)), "output:\n  formats: [qbo-csv]\n")
        #expect(Self.problem(online)?.message
            == #"Doc number too long: invoice ID "'=99999999999999999999" has 22 characters; QuickBooks Online allows 21"#)
    }

    // MARK: The figures agree

    @Test func aLineWhoseAmountIsNotQuantityTimesPriceFails() throws {
        let lines = #"[{"item": "Labor", "quantity": "3", "unit_price": "33.33", "amount": "100.00"}]"#
        let mapping = try Self.map(try Self.invoice(lines: lines))
        #expect(Self.problem(mapping)?.message == "Total mismatch: line 1 amount is 100.00 but quantity 3 × unit price 33.33 = 99.99")
    }

    @Test func aSubtotalOtherThanTheSumOfTheLinesFails() throws {
        let mapping = try Self.map(try Self.invoice(extra: #", "subtotal": "90.00""#))
        #expect(Self.problem(mapping)?.message == "Total mismatch: subtotal is 90.00 but the sum of the line amounts = 100.00")
    }

    @Test func aTaxTotalOtherThanTheSumOfTheTaxLinesFails() throws {
        let mapping = try Self.map(try Self.invoice(lines: Self.taxedLine, tax: Self.taxLine, extra: #", "tax_total": "6.00""#, total: "105.00"),
                                   "tax:\n  rates:\n    Nowhere 5%: NW\n")
        #expect(Self.problem(mapping)?.message == "Total mismatch: tax_total is 6.00 but the sum of the tax lines = 5.00")
    }

    @Test func aTotalOtherThanSubtotalLessDiscountsPlusTaxFails() throws {
        let mapping = try Self.map(try Self.invoice(extra: #", "discount": {"amount": "10.00"}"#, total: "100.00"))
        #expect(Self.problem(mapping)?.message
            == "Total mismatch: total is 100.00 but subtotal 100.00 − discount 10.00 − member discount 0.00 + tax 0.00 = 90.00")
    }

    // MARK: Tax

    @Test func anUnmappedRateWithoutASafetyNetFailsAndIsListed() throws {
        let mapping = try Self.map(try Self.invoice(lines: Self.taxedLine, tax: Self.taxLine, total: "105.00"))
        #expect(Self.problem(mapping)?.message == #"Tax code not mapped: the tax rate "Nowhere 5%" has no QuickBooks tax code"#)
        #expect(mapping.unmappedRates == ["Nowhere 5%"])
    }

    @Test func anUnmappedRateTakesTheSafetyNetWithAWarning() throws {
        let mapping = try Self.map(try Self.invoice(lines: Self.taxedLine, tax: Self.taxLine, total: "105.00"),
                                   "output:\n  formats: [iif]\ntax:\n  default_for_unmapped: To classify\n")
        let posting = try #require(Self.posting(mapping))
        #expect(posting.salesTax?.item == "To classify" && posting.salesTax?.amount == Self.money("5.00"))
        #expect(mapping.warnings == [#"Tax rate "Nowhere 5%" is not mapped: used tax.default_for_unmapped "To classify""#])
        #expect(mapping.unmappedRates == ["Nowhere 5%"])
    }

    @Test func aUSInvoiceCarriesOneSalesTaxItemWithItsRateAndTaxableAmount() throws {
        let lines = #"[{"item": "Part", "quantity": "1", "unit_price": "100.00", "amount": "100.00", "taxable": true, "tax_rate": "Nowhere 5%"}, {"item": "Labor", "quantity": "1", "unit_price": "50.00", "amount": "50.00"}]"#
        let mapping = try Self.map(try Self.invoice(lines: lines, tax: Self.taxLine, total: "155.00"),
                                   "output:\n  formats: [iif]\ntax:\n  rates:\n    Nowhere 5%: NW\n")
        let posting = try #require(Self.posting(mapping))
        #expect(posting.salesTax == QBSalesTax(item: "NW", ratePercent: ExactDecimal(units: 500_000), amount: Self.money("5.00"),
                                               taxableAmount: Self.money("100.00")))
        #expect(posting.lines.map(\.taxable) == [true, false] && posting.lines.allSatisfy { $0.taxCode == nil && $0.taxAmount == nil })
        #expect(posting.total == Self.money("155.00"))
    }

    @Test func aUSInvoiceWhoseRatesMapToTwoSalesTaxItemsFails() throws {
        let tax = #"[{"name": "State 3%", "amount": "3.00"}, {"name": "City 2%", "amount": "2.00"}]"#
        let lines = #"[{"item": "Part", "quantity": "1", "unit_price": "100.00", "amount": "100.00", "taxable": true}]"#
        let mapping = try Self.map(try Self.invoice(lines: lines, tax: tax, total: "105.00"),
                                   "tax:\n  rates:\n    State 3%: ST\n    City 2%: CT\n")
        #expect(Self.problem(mapping)?.message
            == "Tax code not mapped: the invoice's tax rates map to 2 different sales tax items (ST, CT); a QuickBooks invoice takes one")
    }

    static let canada = "company:\n  edition: ca\n  home_currency: CAD\noutput:\n  formats: [iif]\n"

    @Test func elsewhereEachTaxedLineCarriesItsCodeAndItsShareOfTheTax() throws {
        let lines = #"[{"item": "A", "quantity": "1", "unit_price": "60.00", "amount": "60.00", "taxable": true}, {"item": "B", "quantity": "1", "unit_price": "40.00", "amount": "40.00", "taxable": true}, {"item": "C", "quantity": "1", "unit_price": "10.00", "amount": "10.00"}]"#
        let tax = #"[{"name": "GST 5%", "amount": "5.01"}]"#
        let mapping = try Self.map(try Self.invoice(lines: lines, tax: tax, extra: #", "currency": "CAD""#, total: "115.01"),
                                   Self.canada + "tax:\n  rates:\n    GST 5%: G\n")
        let posting = try #require(Self.posting(mapping))
        #expect(posting.salesTax == nil)
        #expect(posting.lines.map(\.taxCode) == ["G", "G", nil])
        #expect(posting.lines.map(\.taxAmount) == [Self.money("3.00"), Self.money("2.01"), nil], "the remainder on the last share")
        #expect(posting.total == Self.money("115.01"))
    }

    @Test func elsewhereATaxableLineWithoutARateAmongSeveralRatesFails() throws {
        let lines = #"[{"item": "A", "quantity": "1", "unit_price": "100.00", "amount": "100.00", "taxable": true}]"#
        let tax = #"[{"name": "GST 5%", "amount": "5.00"}, {"name": "PST 7%", "amount": "7.00"}]"#
        let mapping = try Self.map(try Self.invoice(lines: lines, tax: tax, extra: #", "currency": "CAD""#, total: "112.00"),
                                   Self.canada + "tax:\n  rates:\n    GST 5%: G\n    PST 7%: P\n")
        #expect(Self.problem(mapping)?.message == "Tax code not mapped: taxable line 1 names no tax rate and the invoice has more than one")
    }

    @Test func elsewhereTaxWithoutATaxableLineFails() throws {
        let tax = #"[{"name": "GST 5%", "amount": "5.00"}]"#
        let mapping = try Self.map(try Self.invoice(tax: tax, extra: #", "currency": "CAD""#, total: "105.00"),
                                   Self.canada + "tax:\n  rates:\n    GST 5%: G\n")
        #expect(Self.problem(mapping)?.message == #"Tax code not mapped: tax "GST 5%" of 5.00 but no taxable line to carry it"#)
    }

    @Test func elsewhereATaxCodeLongerThanQBXMLHoldsFails() throws {
        let lines = #"[{"item": "A", "quantity": "1", "unit_price": "100.00", "amount": "100.00", "taxable": true}]"#
        let tax = #"[{"name": "GST 5%", "amount": "5.00"}]"#
        let config = "company:\n  edition: ca\n  home_currency: CAD\noutput:\n  formats: [qbxml]\ntax:\n  rates:\n    GST 5%: GST5\n"
        let mapping = try Self.map(try Self.invoice(lines: lines, tax: tax, extra: #", "currency": "CAD""#, total: "105.00"), config)
        #expect(Self.problem(mapping)?.code == .taxCodeNotMapped)
        #expect(Self.problem(mapping)?.message.hasPrefix(#"Tax code not mapped: "GST5" is longer than the 3 characters qbXML allows"#) == true)
    }

    @Test func aUSSalesTaxItemLongerThanDesktopHoldsFails() throws {
        let item = String(repeating: "S", count: 32)
        let mapping = try Self.map(try Self.invoice(lines: Self.taxedLine, tax: Self.taxLine, total: "105.00"),
                                   "output:\n  formats: [iif]\ntax:\n  rates:\n    Nowhere 5%: \(item)\n")
        #expect(Self.problem(mapping)?.code == .taxCodeNotMapped)
        #expect(Self.problem(mapping)?.message.hasPrefix("Tax code not mapped: sales tax item \"\(item)\" is longer than the 31 characters") == true)
    }

    static func taxBooks(_ entries: BookEntry...) -> BooksSnapshot {
        var books = BooksSnapshot()
        books.taxCodes = BookList()
        for entry in entries { books.taxCodes?.add(entry) }
        return books
    }

    @Test func aSalesTaxItemWhoseBooksRateWouldNotGiveTheTaxFails() throws {
        let books = Self.taxBooks(BookEntry(name: "NW", isActive: true, ratePercent: ExactDecimal(units: 400_000)))
        let mapping = try Self.map(try Self.invoice(lines: Self.taxedLine, tax: Self.taxLine, total: "105.00"),
                                   "tax:\n  rates:\n    Nowhere 5%: NW\n", books: books)
        #expect(Self.problem(mapping)?.code == .salesTaxRateDiffers)
        #expect(Self.problem(mapping)?.message == #"Sales tax rate differs: QuickBooks computes 4.00 from sales tax item "NW" at its 4% but Run a Call charged 5.00"#)
    }

    @Test func aSalesTaxItemWhoseBooksRateGivesTheTaxIsWrittenPlainly() throws {
        let books = Self.taxBooks(BookEntry(name: "NW", isActive: true, ratePercent: ExactDecimal(units: 500_000)))
        let mapping = try Self.map(try Self.invoice(lines: Self.taxedLine, tax: Self.taxLine, total: "105.00"),
                                   "tax:\n  rates:\n    Nowhere 5%: NW\n", books: books)
        #expect(Self.posting(mapping)?.salesTax?.asTaxLine == false && mapping.warnings.isEmpty)
    }

    @Test func theSafetyNetAtAnotherRateIsWrittenAsAnExactTaxLineInQBXMLOnly() throws {
        let books = Self.taxBooks(BookEntry(name: "To classify", isActive: true, ratePercent: .zero))
        let config = "output:\n  formats: [iif, qbxml]\ntax:\n  default_for_unmapped: To classify\n"
        let mapping = try Self.map(try Self.invoice(lines: Self.taxedLine, tax: Self.taxLine, total: "105.00"), config, books: books)
        #expect(Self.posting(mapping)?.salesTax?.asTaxLine == true)
        #expect(mapping.warnings.count == 2)
        #expect(mapping.warnings.last?.hasPrefix(#"qbXML: Run a Call's tax 5.00 as its own line on sales tax item "To classify" and every other line non-taxable"#) == true)
        #expect(mapping.warnings.last?.contains("its 0% in the books would give 0.00") == true)
        let online = try Self.map(try Self.invoice(lines: Self.taxedLine, tax: Self.taxLine, total: "105.00"),
                                  "tax:\n  default_for_unmapped: To classify\n", books: books)
        #expect(Self.problem(online)?.code == .salesTaxRateDiffers, "QBO CSV can only let QuickBooks compute it")
    }

    @Test func anItemWithoutARateInTheBooksIsAnExactLineInQBXMLAndAWarningForQBOCSV() throws {
        let books = Self.taxBooks(BookEntry(name: "NW", isActive: true))
        let mapping = try Self.map(try Self.invoice(lines: Self.taxedLine, tax: Self.taxLine, total: "105.00"),
                                   "tax:\n  rates:\n    Nowhere 5%: NW\n", books: books)
        #expect(Self.posting(mapping)?.salesTax?.asTaxLine == true)
        #expect(mapping.warnings.count == 2)
        #expect(mapping.warnings[0].contains(#"(item "NW": the books give no rate for it)"#))
        #expect(mapping.warnings[1] == #"QBO CSV: QuickBooks computes the sales tax itself from item "NW", whose rate the books do not give: Run a Call's tax 5.00 holds only if its rate is 5%"#)
    }

    @Test func aMappedTaxCodeMissingFromOrInactiveInTheBooksFails() throws {
        let config = "tax:\n  rates:\n    Nowhere 5%: NW\n"
        let missing = try Self.map(try Self.invoice(lines: Self.taxedLine, tax: Self.taxLine, total: "105.00"), config, books: Self.taxBooks())
        #expect(Self.problem(missing)?.message == #"Tax code not mapped: tax.rates maps to "NW", which is not in the QuickBooks tax codes"#)
        let inactive = try Self.map(try Self.invoice(lines: Self.taxedLine, tax: Self.taxLine, total: "105.00"), config,
                                    books: Self.taxBooks(BookEntry(name: "NW", isActive: false)))
        #expect(Self.problem(inactive)?.message == #"Tax code not mapped: tax.rates maps to "NW", which is marked inactive in QuickBooks"#)
        let net = try Self.map(try Self.invoice(lines: Self.taxedLine, tax: Self.taxLine, total: "105.00"),
                               "tax:\n  default_for_unmapped: To classify\n", books: Self.taxBooks())
        #expect(Self.problem(net)?.message.hasPrefix(#"Tax code not mapped: tax.default_for_unmapped maps to "To classify""#) == true)
    }

    @Test func elsewhereTheNonTaxableCodeOfAnUntaxedLineMustBeInTheBooks() throws {
        let config = "company:\n  edition: ca\n  home_currency: CAD\noutput:\n  formats: [qbo-csv]\n"
        let mapping = try Self.map(try Self.invoice(extra: #", "currency": "CAD""#), config, books: Self.taxBooks())
        #expect(Self.problem(mapping)?.message
            == #"Tax code not mapped: tax.non_taxable_code (default for company.edition ca) maps to "Zero-rated", which is not in the QuickBooks tax codes"#)
        let listed = try Self.map(try Self.invoice(extra: #", "currency": "CAD""#), config,
                                  books: Self.taxBooks(BookEntry(name: "Zero-rated", isActive: true)))
        #expect(Self.posting(listed) != nil)
    }

    // MARK: What the books hold

    @Test func termsMissingFromOrInactiveInTheBooksFail() throws {
        var books = BooksSnapshot()
        books.terms = Self.list(BookEntry(name: "Net 15", isActive: false))
        let missing = try Self.map(try Self.invoice(extra: #", "terms": "Net 30""#), books: books)
        #expect(Self.problem(missing)?.message == #"Terms not found: the invoice's terms "Net 30" are not in the QuickBooks terms list"#)
        let inactive = try Self.map(try Self.invoice(extra: #", "terms": "Net 15""#), books: books)
        #expect(Self.problem(inactive)?.message == #"Terms not found: the invoice's terms "Net 15" are marked inactive in QuickBooks"#)
    }

    @Test func termsReadingAsAFormulaCannotGoToQuickBooksOnlineCSV() throws {
        let mapping = try Self.map(try Self.invoice(extra: #", "terms": "=Net 30""#))
        #expect(Self.problem(mapping)?.code == .termsNotWritable)
        #expect(Self.posting(try Self.map(try Self.invoice(extra: #", "terms": "=Net 30""#), "output:\n  formats: [iif]\n"))?.terms == "=Net 30")
    }

    @Test func aCustomerTheBooksLackFailsWhenCreationIsOff() throws {
        var books = BooksSnapshot()
        books.customers = Self.list(BookEntry(name: "Bob Roe", isActive: true, email: "bob@example.com"))
        let mapping = try Self.map(try Self.invoice(), "customers:\n  create_in_quickbooks: false\n", books: books)
        #expect(Self.problem(mapping)?.message
            == #"Customer not found: "Ann Lee" (ann@example.com) is not in the QuickBooks customer list and customers.create_in_quickbooks is off"#)
        #expect(mapping.createdCustomer == nil)
    }

    @Test func aCustomerInactiveInTheBooksFails() throws {
        var books = BooksSnapshot()
        books.customers = Self.list(BookEntry(name: "Ann Lee", isActive: false, email: "ann@example.com"))
        let mapping = try Self.map(try Self.invoice(), books: books)
        #expect(Self.problem(mapping)?.code == .customerInactive)
        #expect(Self.problem(mapping)?.message == #"Customer inactive: "Ann Lee" is marked inactive in QuickBooks"#)
    }

    @Test func anItemTheBooksLackFailsWhenCreationIsOffAndAnInactiveOneAlways() throws {
        var books = BooksSnapshot()
        books.items = Self.list(BookEntry(name: "Part", isActive: false))
        let missing = try Self.map(try Self.invoice(), "items:\n  create_in_quickbooks: false\n", books: books)
        #expect(Self.problem(missing)?.message
            == #"Item not found: "Labor" is not in the QuickBooks item list and items.create_in_quickbooks is off"#)
        let lines = #"[{"item": "Part", "quantity": "1", "unit_price": "100.00", "amount": "100.00"}]"#
        let inactive = try Self.map(try Self.invoice(lines: lines), books: books)
        #expect(Self.problem(inactive)?.code == .itemNotFound)
        #expect(Self.problem(inactive)?.message == #"Item not found: "Part" is marked inactive in QuickBooks"#)
    }

    static func inactiveAccount(_ name: String) -> BooksSnapshot {
        var books = BooksSnapshot()
        books.accounts = list(BookEntry(name: name, isActive: false))
        return books
    }

    @Test func aLinesIncomeAccountInactiveInTheBooksFails() throws {
        let mapping = try Self.map(try Self.invoice(), books: Self.inactiveAccount("Service revenue"))
        #expect(Self.problem(mapping)?.message
            == #"Account inactive: the income account "Service revenue" is marked inactive in QuickBooks"#)
    }

    @Test func aMembershipInvoiceFailsWhenTheMembershipAccountIsInactive() throws {
        let mapping = try Self.map(try Self.invoice(extra: #", "membership_invoice": true"#), books: Self.inactiveAccount("Membership revenue"))
        #expect(Self.problem(mapping)?.message
            == #"Account inactive: the membership income account "Membership revenue" is marked inactive in QuickBooks"#)
    }

    @Test func aDiscountFailsWhenTheDiscountAccountIsInactive() throws {
        let mapping = try Self.map(try Self.invoice(extra: #", "discount": {"amount": "10.00"}"#, total: "90.00"),
                                   books: Self.inactiveAccount("Discounts given"))
        #expect(Self.problem(mapping)?.message
            == #"Account inactive: the discount account "Discounts given" is marked inactive in QuickBooks"#)
    }

    // MARK: The mapping

    @Test func discountsBecomeNegativeLinesThroughTheirItems() throws {
        let extra = #", "discount": {"description": "Spring promo", "amount": "10.00"}, "member_discount": {"plan": "Gold", "amount": "5.00"}"#
        let mapping = try Self.map(try Self.invoice(extra: extra, total: "85.00"), "output:\n  formats: [iif]\n")
        let posting = try #require(Self.posting(mapping))
        #expect(posting.lines.map(\.kind) == [.sale, .discount, .discount])
        #expect(posting.lines.map(\.item) == ["Labor", "Discount", "Member savings"])
        #expect(posting.lines.map(\.description) == [nil, "Spring promo", "Member savings: Gold"])
        #expect(posting.lines.map(\.amount) == [Self.money("100.00"), Self.money("-10.00"), Self.money("-5.00")])
        #expect(posting.lines.dropFirst().allSatisfy { $0.account == "Discounts given" && $0.quantity == nil && $0.rate == nil && !$0.taxable })
        #expect(posting.total == Self.money("85.00"))
        #expect(mapping.createdItems.map(\.item.name) == ["Labor", "Discount", "Member savings"])
        #expect(mapping.createdItems.map(\.item.kind) == [.service, .discount, .discount])
    }

    @Test func aDiscountWithoutADescriptionIsLabelledByItsKind() throws {
        let extra = #", "discount": {"amount": "10.00"}, "member_discount": {"amount": "5.00"}"#
        let posting = try #require(Self.posting(try Self.map(try Self.invoice(extra: extra, total: "85.00"), "output:\n  formats: [iif]\n")))
        #expect(posting.lines.map(\.description) == [nil, "Discount", "Member savings"])
    }

    @Test func aMembershipInvoicesLinesPostToTheMembershipAccountOverTheItemsOwn() throws {
        let posting = try #require(Self.posting(try Self.map(try Self.invoice(extra: #", "membership_invoice": true"#))))
        #expect(posting.lines[0].account == "Membership revenue" && posting.lines[0].itemAccount == "Service revenue")
    }

    @Test func theFieldsMapAsTheSeedSays() throws {
        let extra = #", "due_date": "2026-10-31", "terms": "Net 30", "customer_notes": "Thanks", "internal_notes": "Gate 4411", "billing_address": {"line1": "1 Main St", "city": "Denver", "state": "CO", "postal_code": "80202"}, "service_address": {"line1": "9 Oak Ave", "city": "Aurora", "state": "CO", "postal_code": "80010"}"#
        let posting = try #require(Self.posting(try Self.map(try Self.invoice(id: "1044", extra: extra))))
        #expect(posting.refNumber == "1044" && posting.customer == "Ann Lee")
        #expect(posting.txnDate.description == "2026-10-01" && posting.dueDate?.description == "2026-10-31" && posting.terms == "Net 30")
        #expect(posting.customerMessage == "Thanks" && posting.memo == "Gate 4411")
        #expect(posting.billAddress?.line1 == "1 Main St" && posting.shipAddress?.line1 == "9 Oak Ave")
        #expect(posting.lines.count == 1 && posting.lines[0].item == "Labor" && posting.lines[0].quantity == ExactDecimal(cents: 100)
            && posting.lines[0].rate == ExactDecimal(cents: 10_000) && posting.lines[0].amount == Self.money("100.00"))
        #expect(!posting.isVoid && posting.total == Self.money("100.00"))
    }

    @Test func aVoidIsWrittenAtZeroWithItsMemoMarked() throws {
        let extra = #", "internal_notes": "wrong address", "discount": {"amount": "10.00"}"#
        let mapping = try Self.map(try Self.invoice(status: "void", extra: extra, total: "90.00"), "output:\n  formats: [iif]\n")
        let posting = try #require(Self.posting(mapping))
        #expect(posting.isVoid && posting.total == .zero && posting.memo == "VOID: wrong address")
        #expect(posting.lines.allSatisfy { $0.amount == .zero && $0.quantity == nil && $0.rate == nil })
        #expect(posting.refNumber == "1")
        #expect(mapping.notes == ["Void: written with a zero balance"])
    }

    // MARK: What the mapping adds to the lists

    @Test func aNewCustomerAndItemAreCreatedOnceAndLaterInvoicesUseThem() throws {
        let mapper = try Self.mapper("output:\n  formats: [iif]\n")
        let first = mapper.map(try Self.invoice(id: "1"))
        #expect(first.createdCustomer?.customer.name == "Ann Lee" && first.createdCustomer?.renamedFrom == nil)
        #expect(first.customerLanding == .created(renamedFrom: nil))
        #expect(first.createdItems.map(\.item.name) == ["Labor"] && first.itemLandings == [.created(renamedFrom: nil)])
        let second = mapper.map(try Self.invoice(id: "2"))
        #expect(second.createdCustomer == nil && second.createdItems.isEmpty)
        #expect(second.customerLanding == .earlierInRun && second.itemLandings == [.earlierInRun])
    }

    @Test func anItemOnTwoLinesOfOneInvoiceIsCreatedOnce() throws {
        let lines = #"[{"item": "Labor", "quantity": "1", "unit_price": "60.00", "amount": "60.00"}, {"item": "labor", "quantity": "1", "unit_price": "40.00", "amount": "40.00"}]"#
        let mapping = try Self.map(try Self.invoice(lines: lines), "output:\n  formats: [iif]\n")
        #expect(mapping.createdItems.map(\.item.name) == ["Labor"])
        #expect(mapping.itemLandings == [.created(renamedFrom: nil), .created(renamedFrom: nil)])
        #expect(Self.posting(mapping)?.lines.map(\.item) == ["Labor", "Labor"])
    }

    @Test func aCustomerWhoseNameTheBooksGiveAnotherEmailIsCreatedUnderAnotherNameWithAWarning() throws {
        var books = BooksSnapshot()
        books.customers = Self.list(BookEntry(name: "Ann Lee", isActive: true, email: "other@example.com"))
        let mapping = try Self.map(try Self.invoice(), "output:\n  formats: [iif]\n", books: books)
        #expect(Self.posting(mapping)?.customer == "Ann Lee (2)")
        #expect(mapping.createdCustomer?.renamedFrom == "Ann Lee" && mapping.customerLanding == .created(renamedFrom: "Ann Lee"))
        #expect(mapping.warnings == [#"Customer "Ann Lee" is "Ann Lee (2)" in QuickBooks"#])
    }

    @Test func aCustomerAndItemTheBooksHoldAreUsedNotCreated() throws {
        var books = BooksSnapshot()
        books.customers = Self.list(BookEntry(name: "ANN LEE", isActive: true, email: "Ann@Example.com"))
        books.items = Self.list(BookEntry(name: "labor", isActive: true, account: "Labor income"))
        let mapping = try Self.map(try Self.invoice(), "output:\n  formats: [iif]\n", books: books)
        let posting = try #require(Self.posting(mapping))
        #expect(posting.customer == "ANN LEE" && posting.lines[0].item == "labor" && posting.lines[0].account == "Labor income")
        #expect(mapping.createdCustomer == nil && mapping.createdItems.isEmpty)
        #expect(mapping.customerLanding == .inBooks && mapping.itemLandings == [.inBooks])
    }

    @Test func withCreationOffAndNoBooksListTheNamesAreAssumedToExist() throws {
        let mapping = try Self.map(try Self.invoice(), "customers:\n  create_in_quickbooks: false\nitems:\n  create_in_quickbooks: false\n")
        #expect(Self.posting(mapping) != nil && mapping.createdCustomer == nil && mapping.createdItems.isEmpty)
        #expect(mapping.customerLanding == .assumed && mapping.itemLandings == [.assumed])
    }

    @Test func aFailedInvoiceCommitsNoListEntry() throws {
        let mapper = try Self.mapper("company:\n  closing_date: 2026-10-01\n")
        #expect(Self.problem(mapper.map(try Self.invoice()))?.code == .closedPeriod)
        guard case .new? = Optional(mapper.customers.resolve(Customer(id: nil, name: "Ann Lee", email: "ann@example.com"))) else {
            Issue.record("the customer of a failed invoice was committed"); return
        }
        #expect(mapper.items.known("Labor") == nil)
    }

    // MARK: What the formats do to the text

    @Test func textOverAFormatsLimitIsCutWithANote() throws {
        let notes = String(repeating: "x", count: 150)
        let mapping = try Self.map(try Self.invoice(extra: ", \"customer_notes\": \"\(notes)\""), "output:\n  formats: [iif]\n")
        #expect(Self.posting(mapping)?.customerMessage?.count == 101)
        #expect(mapping.warnings == ["Customer message cut to 101 characters (IIF limit)"])
    }

    @Test func textOutsideLatin1IsTransliteratedForDesktopWithAWarning() throws {
        let mapping = try Self.map(try Self.invoice(extra: #", "internal_notes": "Gate ✓""#), "output:\n  formats: [iif]\n")
        #expect(mapping.warnings == ["Text outside Latin-1 transliterated for QuickBooks Desktop"])
        #expect(try Self.map(try Self.invoice(extra: #", "internal_notes": "Gate ✓""#), "output:\n  formats: [qbo-csv]\n").warnings.isEmpty)
    }

    @Test func aDiscountIsLeftToEnterByHandInQuickBooksOnlineCSV() throws {
        let mapping = try Self.map(try Self.invoice(extra: #", "discount": {"amount": "10.00"}"#, total: "90.00"), "output:\n  formats: [qbo-csv]\n")
        #expect(mapping.warnings == ["QBO CSV: discount 10.00 to enter by hand (qbo-csv/discounts-to-enter.csv)"])
    }

    @Test func aLineAccountQuickBooksOnlineCSVCannotCarryIsToldNotDropped() throws {
        let membership = try Self.invoice(extra: #", "membership_invoice": true"#)
        #expect(try Self.map(membership, "output:\n  formats: [qbo-csv]\n").warnings
            == ["QBO CSV: 100.00 posts to the item income account Service revenue, not Membership revenue "
                + "(QuickBooks Online's invoice import takes no account per line): move it in QuickBooks Online"])
        #expect(try Self.map(membership, "output:\n  formats: [iif, qbxml]\n").warnings.isEmpty, "IIF and qbXML name the line's account")
        #expect(try Self.map(try Self.invoice(), "output:\n  formats: [qbo-csv]\n").warnings.isEmpty, "a line on its item's own account")
        let void = try Self.invoice(status: "void", extra: #", "membership_invoice": true"#)
        #expect(try Self.map(void, "output:\n  formats: [qbo-csv]\n").warnings.isEmpty, "a void posts nothing")
    }

    @Test func lineBreaksInAFlatFormatAreToldOnce() throws {
        let mapping = try Self.map(try Self.invoice(extra: #", "internal_notes": "a\nb", "customer_notes": "c\nd""#))
        #expect(mapping.warnings == ["Line breaks replaced by spaces in IIF and QBO CSV (one line per field)"])
        #expect(try Self.map(try Self.invoice(extra: #", "internal_notes": "a\nb""#), "output:\n  formats: [qbxml]\n").warnings.isEmpty)
    }
}
