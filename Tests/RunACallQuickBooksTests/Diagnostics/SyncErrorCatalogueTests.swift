import Foundation
import Testing
@testable import RunACallQuickBooks
@testable import RunACallSupport
@testable import RunACallRead
@testable import RunACallDecide
@testable import RunACallRender

/// The catalogue of sync errors (Diagnostics/SyncError.swift): every code has a
/// factory whose message starts with its title and which has a fix; the report
/// groups failures by code; no code reads a message's text to decide anything.
@Suite struct SyncErrorCatalogueTests {
    private static let day = CalendarDate(year: 2026, month: 9, day: 30)!

    /// One problem of each code, made by its factory (a new code does not compile until it has one here).
    static func example(of code: SyncError) -> Problem {
        switch code {
        case .customerNotFound: .customerNotFound("Jane Smith", email: "jane@example.com")
        case .taxCodeNotMapped: .taxCodeNotMapped(rate: "Ontario HST")
        case .itemNotFound: .itemNotFound("Drain cleaning")
        case .closedPeriod: .closedPeriod(date: day, closing: day)
        case .accountInactive: .accountInactive("Service Income", role: "income")
        case .customerInactive: .customerInactive("Jane Smith")
        case .termsNotFound: .termsNotFound("Net 45", active: true)
        case .termsNotWritable: .termsLikeAFormula("=Net", reason: "a spreadsheet would evaluate it")
        case .salesTaxRateDiffers: .salesTaxRateDiffers(item: "HST", booksRate: ExactDecimal(parsing: "13", maxPlaces: 5)!, computed: Money(cents: 1300),
                                                        charged: Money(cents: 1500), chargedRate: ExactDecimal(parsing: "15", maxPlaces: 5))
        case .totalMismatch: .totalMismatch(field: "subtotal", given: Money(cents: 100), computed: Money(cents: 200),
                                            formula: "the sum of the line amounts")
        case .docNumberTooLong: .docNumberTooLong(id: "INV-2026-0000000000001", limit: 11, target: "IIF")
        case .docNumberNotAllowed: .docNumberCharacters(id: "A;B")
        case .currencyNotSupported: .currency("EUR", home: "USD")
        case .duplicateInvoiceID: .duplicateID("1042", entity: .invoice, file: "invoices.json")
        case .duplicatePaymentID: .duplicateID("pay-1", entity: .payment, file: "payments.json")
        case .duplicateRefundID: .duplicateID("ref-1", entity: .refund, file: "payments.json")
        case .duplicatePayoutID: .duplicatePayoutID("po_1")
        case .invalidRecord: .missingField("customer.name", allowed: "text", place: "invoices.json record #3")
        case .textNotUTF8: .windows1252Text(reasons: ["line 4: column name is \"Zoë\""], lines: "line 4", file: "customers.csv")
        case .spreadsheetDate: .spreadsheetDate("invoice_date", found: "10/1/2026", reading: "US month/day/year: 2026-10-01",
                                                place: "invoices.csv line 2 (column invoice_date)")
        case .invoiceNotFound: .invoiceNotFound("1099", what: "payment")
        case .invoiceNotWritten: .invoiceFailed("1045", error: .taxCodeNotMapped, what: "payment")
        case .invoiceInEarlierBatch: .invoiceTxnIDUnknown("1042", what: "payment")
        case .paymentsNotWritten: .paymentsInSplitQBXML(what: "payment")
        case .overpayment: .overpayment("1042", after: Money(cents: 300), total: Money(cents: 200))
        case .refundExceedsPayments: .refundExceedsPayments("1042", refund: Money(cents: 300), paid: Money(cents: 200))
        case .payoutDoesNotAddUp: .payoutNetDiffers(gross: Money(cents: 1000), fees: Money(cents: 30), net: Money(cents: 960))
        case .payoutNotWritten: .payoutPaymentFailed("its payment pay-1 failed: Overpayment")
        case .payoutNotWrittenYet: .payoutTxnIDUnknown(payment: "pay-1", batch: 1, account: "Undeposited Funds")
        case .editedAfterPayment: .editedAfterPayment("1042", batch: 1, changes: "total", edited: "2026-10-02", paid: "2026-10-01")
        case .editedAndPaid: .editedAndPaid("1042", batch: 1, changes: "total", why: "no changed_at")
        case .notUpdated: .customerIDUnknown("Jane Smith", since: "batch 1", described: "phone")
        case .unreadableCustomer: .unreadableEntry(.customer, location: "customers.iif:4", file: "customers.iif", problems: ["bad email"])
        case .unreadableItem: .unknownItemType("Group", location: "items.iif:7")
        case .conflict: .changedOnBothSides("Jane Smith", since: "batch 1", both: "phone")
        }
    }

    @Test(arguments: SyncError.allCases) func factoryStartsWithTheTitleAndHasAFix(code: SyncError) {
        let problem = Self.example(of: code)
        #expect(problem.code == code)
        #expect(problem.message.hasPrefix("\(code.title): "), "\(problem.message)")
        #expect(problem.message.count > code.title.count + 2, "the specifics follow the title")
        #expect(!problem.fix.isEmpty)
    }

    @Test func theSeedsFiveComeFirstAndTitlesAreDistinct() {
        #expect(SyncError.allCases.prefix(5).map(\.title)
                == ["Customer not found", "Tax code not mapped", "Item not found", "Closed period", "Account inactive"])
        #expect(Set(SyncError.allCases.map(\.title)).count == SyncError.allCases.count)
    }

    @Test func anInvoiceFailureIsPassedOnByItsTitle() {
        let problem = Problem.invoiceFailed("1045", error: .closedPeriod, what: "refund")
        #expect(problem.message == "Invoice not written: invoice #1045 was not written (failed: Closed period), so the refund has nothing to apply to")
        #expect(problem.cause == "invoice #1045 failed: Closed period")
    }

    private static func failed(_ problem: Problem, id: String) -> ReportRow {
        var row = ReportRow(timestamp: "", entityType: .invoice, sourceID: id, entity: "Invoice #\(id)", status: .success,
                            message: "", fix: "", source: "invoices.json#1", targets: [], isSourceRow: true)
        row.fail(problem)
        return row
    }

    @Test func failureGroupsGroupByCodeNotByMessageText() throws {
        var groups = FailureGroups()
        // Two messages of one code, with different specifics and fixes.
        groups.add(Self.failed(.taxCodeNotMapped(rate: "HST"), id: "1"))
        groups.add(Self.failed(.taxCodeNotInBooks("TC", key: "tax.rates", active: false), id: "2"))
        // Two codes whose messages start alike up to the colon's neighbourhood ("Payout not written" / "… yet").
        groups.add(Self.failed(.payoutPaymentFailed("its payment pay-1 failed"), id: "3"))
        groups.add(Self.failed(.payoutTxnIDUnknown(payment: "pay-2", batch: 1, account: "Undeposited Funds"), id: "4"))
        // A message whose specifics hold a colon and another error's title: still its own code.
        groups.add(Self.failed(.editNotWritable("5", batch: 1, problem: .closedPeriod(date: Self.day, closing: Self.day)), id: "5"))
        let byTitle = Dictionary(uniqueKeysWithValues: groups.groups.map { ($0.error, $0) })
        #expect(groups.groups.map(\.code) == [.notUpdated, .payoutNotWritten, .payoutNotWrittenYet, .taxCodeNotMapped])
        #expect(byTitle["Tax code not mapped"]?.count == 2)
        #expect(byTitle["Tax code not mapped"]?.examples.count == 2)
        #expect(byTitle["Payout not written"]?.count == 1)
        #expect(byTitle["Payout not written yet"]?.count == 1)
        #expect(byTitle["Closed period"] == nil, "an error named inside another's message is not a group")
    }

    @Test func theCodeSurvivesTheRunsTemporaryFile() throws {
        let row = Self.failed(.overpayment("9", after: Money(cents: 2), total: Money(cents: 1)), id: "9")
        let spool = try ReportRowSpool(url: try TestPaths.temporaryFolder().appendingPathComponent("rows.spool"))
        try spool.append(row)
        var rows: [ReportRow] = []
        try spool.forEachRow { rows.append($0) }
        let back = try #require(rows.first)
        #expect(back.error == .overpayment)
        #expect(back.message == row.message && back.fix == row.fix)
    }

    /// Every failed row of a real run has a code: the groups hold all of them (none is left out for want of one).
    @Test(arguments: ["rac2qb.yml", "rac2qb-books.yml"]) func everyFailureOfTheSamplesIsInAGroup(config: String) throws {
        let out = try TestPaths.temporaryFolder()
        let result = try Conversion.run(TestPaths.samples.appendingPathComponent("export"),
                                        configURL: TestPaths.samples.appendingPathComponent(config), out: out)
        #expect(result.summary.failures > 1)
        #expect(result.failures.groups.map(\.count).reduce(0, +) == result.summary.failures)
        #expect(result.failures.groups.map(\.error) == result.failures.groups.map(\.code.title))
        #expect(result.failures.groups.contains { $0.code == .closedPeriod })
    }

    /// The sources, read as text: only the catalogue makes problems, and no code reads a message's text.
    @Test func noProblemIsMadeOutsideTheCatalogueAndNoMessageIsParsed() throws {
        let sources = TestPaths.packageRoot.appendingPathComponent("Sources")
        let files = try #require(FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil))
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }
        #expect(files.count > 50, "the sources were found")
        let parsing = [#"message\.(prefix|split|components|firstIndex|hasPrefix|starts|contains|range|drop)"#,
                       #"message\.index\(of"#]
        var offenders: [String] = []
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            let name = file.lastPathComponent
            if name != "SyncError.swift", name != "Problem.swift", text.range(of: #"\bProblem\(""#, options: .regularExpression) != nil
                || text.range(of: #"\bProblem\(\."#, options: .regularExpression) != nil {
                offenders.append("\(name): makes a Problem outside the catalogue")
            }
            for pattern in parsing where text.range(of: pattern, options: .regularExpression) != nil {
                offenders.append("\(name): reads message text (\(pattern))")
            }
        }
        #expect(offenders.isEmpty, "\(offenders)")
    }

    /// README's table of errors names only errors of the catalogue, and the seed's five.
    @Test func readmesErrorTableMatchesTheCatalogue() throws {
        let readme = try String(contentsOf: TestPaths.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let lines = readme.components(separatedBy: "\n")
        let header = try #require(lines.firstIndex(of: "| error | when |"))
        let titles = lines[(header + 2)...].prefix { $0.hasPrefix("| ") }
            .map { $0.dropFirst(2).prefix { $0 != "|" }.trimmingCharacters(in: .whitespaces) }
        let catalogue = Set(SyncError.allCases.map(\.title))
        #expect(titles.count >= 5)
        #expect(titles.filter { !catalogue.contains($0) }.isEmpty, "\(titles)")
        #expect(Set(SyncError.allCases.prefix(5).map(\.title)).isSubset(of: Set(titles)))
    }
}
